import { Fragment, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError, MESSAGES } from '../../api/client';
import { useAuth } from '../../auth';
import { Money } from '../../components/Money';
import { ProblemList } from '../../components/ProblemList';
import { formatInteger, formatLatencyMs, formatTimestamp } from '../../format';
import { exportRequestLogs, saveBlob, type RequestLog } from '../api';
import { AdminListPage } from '../AdminListPage';
import type { Column } from '../DataTable';
import { useAdminList } from '../hooks';
import { exportQuery, type ListSpec } from '../listState';
import { usePageTitle } from '../usePageTitle';

export const REQUEST_LOG_SPEC: ListSpec = {
  filters: [
    { name: 'q', label: 'Search captured text', kind: 'text', maxLength: 200, placeholder: 'a phrase of the prompt or answer' },
    { name: 'from', label: 'From', kind: 'date-from' },
    { name: 'to', label: 'To', kind: 'date-to' },
    { name: 'model', label: 'Model', kind: 'text', maxLength: 200, placeholder: 'gpt-4o-mini' },
    { name: 'status', label: 'Status code', kind: 'text', inputMode: 'numeric', maxLength: 3, placeholder: '500' },
    {
      name: 'statusClass',
      label: 'Status class',
      kind: 'select',
      options: [
        { value: '2xx', label: '2xx success' },
        { value: '3xx', label: '3xx redirect' },
        { value: '4xx', label: '4xx client error' },
        { value: '5xx', label: '5xx server error' },
      ],
    },
    { name: 'endpoint', label: 'Endpoint', kind: 'text', maxLength: 64, placeholder: '/v1/chat/completions' },
    { name: 'minLatencyMs', label: 'Min latency (ms)', kind: 'text', inputMode: 'numeric', maxLength: 9, placeholder: '1000' },
    { name: 'country', label: 'Country', kind: 'text', maxLength: 2, placeholder: 'DE', hint: 'Two-letter code' },
    { name: 'userId', label: 'User ID', kind: 'text', inputMode: 'numeric', maxLength: 10 },
    { name: 'apiKeyId', label: 'API key ID', kind: 'text', inputMode: 'numeric', maxLength: 10 },
    {
      name: 'unpriced',
      label: 'Price',
      kind: 'select',
      options: [
        { value: 'true', label: 'Unpriced (tokens, no price)' },
        { value: 'false', label: 'Priced or without tokens' },
      ],
    },
    {
      name: 'source',
      label: 'Source',
      kind: 'select',
      options: [
        { value: 'gateway', label: 'Gateway' },
        { value: 'otlp', label: 'OTLP (exported spans)' },
      ],
    },
  ],
};

/** Lets a path or an address wrap after its slashes, dots and colons, never inside a word. */
function breakable(text: string) {
  return text.split(/(?<=[/.:])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

function StatusCode({ code }: { code: number }) {
  return <span className={`http-status ${code >= 500 ? 'http-5xx' : code >= 400 ? 'http-4xx' : 'http-ok'}`}>{code}</span>;
}

const COLUMNS: readonly Column<RequestLog>[] = [
  {
    key: 'id',
    label: 'ID',
    numeric: true,
    rowHeader: true,
    render: (r) => (
      <Link to={`/admin/request-logs/${r.id}`} aria-label={`Request ${r.id} details`}>
        {r.id}
      </Link>
    ),
  },
  { key: 'createdAt', label: 'Time (UTC)', render: (r) => <span className="cell-wrap">{formatTimestamp(r.createdAt, { seconds: true })}</span> },
  { key: 'method', label: 'Method', render: (r) => r.method },
  { key: 'endpoint', label: 'Endpoint', render: (r) => <code className="cell-wrap">{breakable(r.endpoint)}</code> },
  { key: 'statusCode', label: 'Status', numeric: true, render: (r) => <StatusCode code={r.statusCode} /> },
  { key: 'modelName', label: 'Model', render: (r) => (r.modelName ? <span className="cell-wrap">{r.modelName}</span> : <span className="muted">—</span>) },
  { key: 'latencyMs', label: 'Latency', numeric: true, render: (r) => formatLatencyMs(r.latencyMs) },
  { key: 'ttftMs', label: 'TTFT', numeric: true, render: (r) => formatLatencyMs(r.ttftMs) },
  { key: 'totalTokens', label: 'Tokens', numeric: true, render: (r) => formatInteger(r.totalTokens) },
  {
    key: 'costUsd',
    label: 'Cost',
    numeric: true,
    render: (r) =>
      r.costUsd !== null ? (
        <Money value={r.costUsd} />
      ) : r.modelName ? (
        <span className="muted" title="No price is known for this model">
          unpriced
        </span>
      ) : (
        <span className="muted">—</span>
      ),
  },
  { key: 'source', label: 'Source', render: (r) => (r.source === 'otlp' ? 'OTLP' : 'Gateway') },
  { key: 'countryCode', label: 'Country', render: (r) => r.countryCode || <span className="muted">—</span> },
  {
    key: 'userName',
    label: 'User',
    render: (r) => (r.userId ? <span className="cell-wrap">{`${r.userName ?? ''} (#${r.userId})`}</span> : <span className="muted">—</span>),
  },
  {
    key: 'apiKeyName',
    label: 'Key',
    render: (r) => (r.apiKeyId ? <span className="cell-wrap">{`${r.apiKeyName ?? ''} (#${r.apiKeyId})`}</span> : <span className="muted">—</span>),
  },
  { key: 'ipAddress', label: 'IP', render: (r) => <code className="cell-wrap">{r.ipAddress ? breakable(r.ipAddress) : '—'}</code> },
];

function ExportButton({ query }: { query: string }) {
  const { apiKey, expire } = useAuth();
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: unknown }>({
    busy: false,
    message: null,
    error: null,
  });

  async function onExport() {
    setState({ busy: true, message: 'Preparing the CSV…', error: null });
    try {
      const { blob, fileName } = await exportRequestLogs(apiKey ?? '', query);
      saveBlob(blob, fileName);
      setState({ busy: false, message: `Downloaded ${fileName}`, error: null });
    } catch (error) {
      // A plain fetch is not seen by React Query, so a rejected key is handled here.
      if (isApiError(error, 'unauthorized')) {
        expire();
        return;
      }
      setState({ busy: false, message: null, error });
    }
  }

  const { error } = state;
  return (
    <div className="export">
      <button type="button" className="button" onClick={() => void onExport()} disabled={state.busy}>
        {state.busy ? 'Exporting…' : 'Export CSV'}
      </button>
      <span role="status" className="muted export-status">
        {state.message}
      </span>
      {error !== null && (
        <div role="alert" className="message message-error export-error">
          {isApiError(error, 'bad-request') ? (
            <>
              The export did not accept these filters: <ProblemList error={error} />
            </>
          ) : isApiError(error, 'forbidden') ? (
            MESSAGES.adminOnly
          ) : (
            `${MESSAGES.unreachable}: the export failed. Try again.`
          )}
        </div>
      )}
    </div>
  );
}

export function RequestLogsPage() {
  usePageTitle('Request logs');
  const { list, result } = useAdminList<RequestLog>('request-logs', REQUEST_LOG_SPEC);
  return (
    <AdminListPage
      list={list}
      result={result}
      title="Request logs"
      headingId="request-logs-heading"
      filters={REQUEST_LOG_SPEC.filters}
      filtersLabel="Request log filters"
      noun="requests"
      table={{ caption: 'Request logs', columns: COLUMNS, rowKey: (r) => r.id, compact: true }}
      actions={<ExportButton query={exportQuery(REQUEST_LOG_SPEC, list.state)} />}
      toolbar={<p className="muted small">Export CSV downloads every request matching the filters, in the order shown, not just this page.</p>}
    />
  );
}
