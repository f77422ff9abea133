import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { DashboardResponse } from '../api/types';
import {
  EMPTY,
  formatCompact,
  formatDecimal,
  formatDelta,
  formatInteger,
  formatLatencyMs,
  formatRating,
  formatRatio,
} from '../format';
import { Money } from './Money';

/** Which way is better for a figure: fewer errors, lower latency and cost are; more tokens are neither. */
type Better = 'up' | 'down' | 'neither';

interface Change {
  current: number | null | undefined;
  previous: number | null | undefined;
  better: Better;
}

interface CardProps {
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: 'good' | 'warn' | 'bad';
  change?: Change;
}

/** "▲ 12%" against the previous period of the same length, green when better, red when worse. */
function DeltaBadge({ current, previous, better }: Change) {
  const delta = formatDelta(current, previous);
  if (!delta) return null;
  const verdict = delta.direction === 'flat' || better === 'neither' ? 'neutral' : delta.direction === better ? 'good' : 'bad';
  const words = verdict === 'good' ? 'better' : verdict === 'bad' ? 'worse' : 'no judgement';
  return (
    <p className={`card-delta delta-${verdict}`} title="Change against the previous period of the same length">
      {delta.text}
      <span className="visually-hidden">{` vs the previous period (${words})`}</span>
    </p>
  );
}

function Card({ title, value, detail, tone, change }: CardProps) {
  const id = useId();
  return (
    <li className={`card${tone ? ` card-${tone}` : ''}`} role="group" aria-labelledby={id}>
      <h3 id={id} className="card-title">
        {title}
      </h3>
      <p className="card-value">{value}</p>
      {change && <DeltaBadge {...change} />}
      {detail && <p className="card-detail">{detail}</p>}
    </li>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

/** Shown beside the total cost: requests that are not in it because no price is known, linking to those rows. */
function UnpricedDetail({ requests, models }: { requests: number; models: string[] }) {
  const shown = models.slice(0, 3).join(', ');
  const more = models.length > 3 ? ` +${models.length - 3} more` : '';
  return (
    <>
      <Link to="/admin/request-logs?unpriced=true">{plural(requests, 'unpriced request', 'unpriced requests')}</Link>
      {shown && ` (${shown}${more})`} not included
    </>
  );
}

export function SummaryCards({ data }: { data: DashboardResponse }) {
  const { summary, users, feedback, threats, previous } = data;
  const failed = summary.totalRequests - summary.successfulRequests;
  const previousFailed = previous ? previous.totalRequests - previous.successfulRequests : undefined;
  const successPercent = summary.totalRequests ? (summary.successfulRequests / summary.totalRequests) * 100 : null;
  const successTone = successPercent === null ? undefined : successPercent >= 99 ? 'good' : successPercent >= 95 ? 'warn' : 'bad';
  // An empty range has no latency: "—", never "0 ms".
  const latency = (ms: number | null | undefined) => (summary.totalRequests === 0 ? EMPTY : formatLatencyMs(ms));
  const hasPercentiles = summary.p95LatencyMs !== undefined;

  return (
    <section aria-labelledby="summary-heading" className="summary">
      <h2 id="summary-heading" className="section-title">
        Summary
      </h2>
      {previous && <p className="muted small">Changes (▲ ▼) compare with the period of the same length just before.</p>}
      <ul className="cards">
        <Card
          title="Total requests"
          value={formatInteger(summary.totalRequests)}
          detail={plural(failed, 'error', 'errors')}
          change={previous && { current: summary.totalRequests, previous: previous.totalRequests, better: 'up' }}
        />
        {previous && (
          <Card title="Errors" value={formatInteger(failed)} change={{ current: failed, previous: previousFailed, better: 'down' }} />
        )}
        <Card
          title="Success rate"
          value={formatRatio(summary.successfulRequests, summary.totalRequests)}
          detail={`${formatInteger(summary.successfulRequests)} succeeded`}
          tone={successTone}
        />
        <Card
          title="Avg latency"
          value={latency(summary.avgLatencyMs)}
          change={previous && summary.totalRequests > 0 ? { current: summary.avgLatencyMs, previous: previous.avgLatencyMs, better: 'down' } : undefined}
        />
        {hasPercentiles && (
          <Card
            title="p95 latency"
            value={latency(summary.p95LatencyMs)}
            detail={summary.totalRequests === 0 ? undefined : `p50 ${latency(summary.p50LatencyMs)} · p99 ${latency(summary.p99LatencyMs)}`}
            change={previous && summary.totalRequests > 0 ? { current: summary.p95LatencyMs, previous: previous.p95LatencyMs, better: 'down' } : undefined}
          />
        )}
        {hasPercentiles && (
          <Card
            title="Time to first token"
            value={summary.avgTtftMs == null ? EMPTY : formatLatencyMs(summary.avgTtftMs)}
            detail={
              summary.avgTtftMs == null
                ? 'No streamed answers in this range'
                : `average · p50 ${formatLatencyMs(summary.p50TtftMs)} · p95 ${formatLatencyMs(summary.p95TtftMs)}`
            }
          />
        )}
        <Card
          title="Total cost"
          value={<Money value={summary.totalCost} />}
          detail={
            summary.unpricedRequests > 0 ? <UnpricedDetail requests={summary.unpricedRequests} models={summary.unpricedModels} /> : undefined
          }
          tone={summary.unpricedRequests > 0 ? 'warn' : undefined}
          change={previous && { current: summary.totalCost, previous: previous.totalCost, better: 'down' }}
        />
        <Card
          title="Total tokens"
          value={formatInteger(summary.totalTokens)}
          detail={formatCompact(summary.totalTokens)}
          change={previous && { current: summary.totalTokens, previous: previous.totalTokens, better: 'neither' }}
        />
        <Card title="Avg tokens per request" value={formatDecimal(summary.avgTokensPerRequest)} />
        <Card title="Avg cost per request" value={<Money value={summary.avgCostPerRequest} />} />
        <Card
          title="Active users"
          value={formatInteger(users.activeUsers)}
          change={previous && { current: users.activeUsers, previous: previous.activeUsers, better: 'up' }}
        />
        <Card title="Sessions" value={formatInteger(users.totalSessions)} />
        <Card title="Avg session cost" value={<Money value={users.avgSessionCost} />} />
        <Card title="Avg requests per session" value={formatDecimal(users.avgSessionRequests, 1)} />
        <Card
          title="Average rating"
          value={feedback.totalFeedback ? formatRating(feedback.avgRating) : EMPTY}
          detail={feedback.totalFeedback ? `of ${plural(feedback.totalFeedback, 'rating', 'ratings')}` : 'No ratings yet'}
        />
        <Card
          title="Unresolved threats"
          value={formatInteger(threats.unresolvedThreats)}
          detail={`${formatInteger(threats.criticalThreats)} critical · ${formatInteger(threats.highThreats)} high · ${formatInteger(threats.totalThreats)} total`}
          tone={threats.criticalThreats > 0 ? 'bad' : threats.unresolvedThreats > 0 ? 'warn' : undefined}
        />
      </ul>
    </section>
  );
}
