import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { Money } from '../../components/Money';
import { EMPTY, formatInteger, formatLatencyMs, formatTimestamp } from '../../format';
import { getRequestLog, type RequestLog } from '../api';
import { ErrorState, LoadingState } from '../LoadStates';
import { usePageTitle } from '../usePageTitle';
import { ConversationPanel } from './ConversationPanel';

function rows(log: RequestLog): Array<[string, ReactNode]> {
  const text = (value: string | null | undefined) => (value ? value : EMPTY);
  return [
    ['Time (UTC)', formatTimestamp(log.createdAt, { seconds: true })],
    ['Method', log.method],
    ['Endpoint', <code key="endpoint">{log.endpoint}</code>],
    ['Status code', log.statusCode],
    ['Model', text(log.modelName)],
    ['Latency', formatLatencyMs(log.latencyMs)],
    ['Time to first token', formatLatencyMs(log.ttftMs)],
    ['Prompt tokens', formatInteger(log.promptTokens)],
    ['Completion tokens', formatInteger(log.completionTokens)],
    ['Total tokens', formatInteger(log.totalTokens)],
    ['Cached input tokens', formatInteger(log.cachedInputTokens)],
    ['Cache write tokens', formatInteger(log.cacheCreationTokens)],
    ['Reasoning tokens', formatInteger(log.reasoningTokens)],
    ['Token counts', log.usageEstimated ? 'estimated with a tokenizer (the upstream reported none)' : 'as reported by the upstream'],
    [
      'Cost',
      log.costUsd !== null
        ? <Money key="cost" value={log.costUsd} />
        : reportedUsage(log)
          ? 'unpriced (no price known for this model)'
          : `${EMPTY} (no usage reported)`,
    ],
    ['Country', text(log.countryCode)],
    ['IP address', text(log.ipAddress)],
    ['User', log.userId ? `${log.userName ?? ''} (#${log.userId})` : EMPTY],
    ['API key ID', log.apiKeyId ?? EMPTY],
    ['Upstream', text(log.upstream)],
  ];
}

export function RequestLogDetailPage() {
  const { id = '' } = useParams();
  usePageTitle(`Request ${id}`);
  const { apiKey } = useAuth();
  const result = useQuery({
    queryKey: ['admin', 'request-log', id],
    queryFn: ({ signal }) => getRequestLog(apiKey ?? '', id, signal),
    enabled: apiKey !== null && /^\d+$/.test(id),
  });

  let body;
  if (!/^\d+$/.test(id)) {
    body = (
      <div role="alert" className="panel state state-error">
        <h2>“{id}” is not a request ID</h2>
      </div>
    );
  } else if (result.data) {
    body = (
      <>
        <dl className="details">
          {rows(result.data).map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <ConversationPanel log={result.data} />
      </>
    );
  } else if (result.error) {
    body = <ErrorState error={result.error} onRetry={() => void result.refetch()} retrying={result.isFetching} what={`Request ${id}`} />;
  } else {
    body = <LoadingState text={`Loading request ${id}…`} />;
  }

  return (
    <section aria-labelledby="request-heading" className="admin-section">
      <p>
        <Link to="/admin/request-logs">← All request logs</Link>
      </p>
      <h2 id="request-heading">Request {id}</h2>
      {body}
    </section>
  );
}

/** A call that failed before any usage has no cost to know: it is not unpriced (and never $0). */
function reportedUsage(log: { promptTokens: number | null; completionTokens: number | null; totalTokens: number | null }): boolean {
  return log.promptTokens !== null || log.completionTokens !== null || log.totalTokens !== null;
}
