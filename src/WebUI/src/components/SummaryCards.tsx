import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { DashboardResponse } from '../api/types';
import {
  EMPTY,
  formatCompact,
  formatDecimal,
  formatInteger,
  formatLatencyMs,
  formatRating,
  formatRatio,
} from '../format';
import { Money } from './Money';

interface CardProps {
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: 'good' | 'warn' | 'bad';
}

function Card({ title, value, detail, tone }: CardProps) {
  const id = useId();
  return (
    <li className={`card${tone ? ` card-${tone}` : ''}`} role="group" aria-labelledby={id}>
      <h3 id={id} className="card-title">
        {title}
      </h3>
      <p className="card-value">{value}</p>
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
  const { summary, users, feedback, threats } = data;
  const failed = summary.totalRequests - summary.successfulRequests;
  const successPercent = summary.totalRequests ? (summary.successfulRequests / summary.totalRequests) * 100 : null;
  const successTone = successPercent === null ? undefined : successPercent >= 99 ? 'good' : successPercent >= 95 ? 'warn' : 'bad';

  return (
    <section aria-labelledby="summary-heading" className="summary">
      <h2 id="summary-heading" className="section-title">
        Summary
      </h2>
      <ul className="cards">
        <Card title="Total requests" value={formatInteger(summary.totalRequests)} detail={plural(failed, 'error', 'errors')} />
        <Card
          title="Success rate"
          value={formatRatio(summary.successfulRequests, summary.totalRequests)}
          detail={`${formatInteger(summary.successfulRequests)} succeeded`}
          tone={successTone}
        />
        <Card title="Avg latency" value={formatLatencyMs(summary.avgLatencyMs)} />
        <Card
          title="Total cost"
          value={<Money value={summary.totalCost} />}
          detail={
            summary.unpricedRequests > 0 ? <UnpricedDetail requests={summary.unpricedRequests} models={summary.unpricedModels} /> : undefined
          }
          tone={summary.unpricedRequests > 0 ? 'warn' : undefined}
        />
        <Card title="Total tokens" value={formatInteger(summary.totalTokens)} detail={formatCompact(summary.totalTokens)} />
        <Card title="Avg tokens per request" value={formatDecimal(summary.avgTokensPerRequest)} />
        <Card title="Avg cost per request" value={<Money value={summary.avgCostPerRequest} />} />
        <Card title="Active users" value={formatInteger(users.activeUsers)} />
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
