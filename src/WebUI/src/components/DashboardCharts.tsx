import { lazy, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { DashboardResponse, RatingKey } from '../api/types';
import { requestLogsLink, type DashboardFilters } from '../dashboardParams';
import {
  formatBucket,
  formatBucketLong,
  formatInteger,
  formatLatencyMs,
  formatLatencySeconds,
  formatMoney,
  type Granularity,
} from '../format';
import { ChartFigure } from './ChartFigure';
import { Money } from './Money';

// The drawings (and recharts with them) load after the numbers and tables are on screen.
const loadCharts = () => import('./RechartsChunk');
const RequestsChart = lazy(() => loadCharts().then((m) => ({ default: m.RequestsChart })));
const CostChart = lazy(() => loadCharts().then((m) => ({ default: m.CostChart })));
const LatencyChart = lazy(() => loadCharts().then((m) => ({ default: m.LatencyChart })));
const CategoryChart = lazy(() => loadCharts().then((m) => ({ default: m.CategoryChart })));

// Kept equal to COLORS in charts.tsx; duplicated so this module does not pull recharts in.
const COLORS = {
  category: '#2f6fdb',
  error: '#d64545',
  rating: '#d99a00',
  threat: '#c2410c',
};

const RATING_KEYS: RatingKey[] = ['5', '4', '3', '2', '1'];

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function bucketWord(granularity: Granularity, count: number): string {
  const unit = granularity === 'hour' ? 'hourly' : 'daily';
  return `${count} ${unit} ${count === 1 ? 'bucket' : 'buckets'}`;
}

const HOUR_MS = 3_600_000;

function span(timestamps: string[], granularity: Granularity, timeZone: string): string {
  if (timestamps.length === 0) return '';
  const first = formatBucketLong(timestamps[0]!, granularity, timeZone);
  const last = formatBucketLong(timestamps[timestamps.length - 1]!, granularity, timeZone);
  return first === last ? ` (${first} ${timeZone})` : ` from ${first} to ${last} ${timeZone}`;
}

export interface DashboardChartsProps {
  data: DashboardResponse;
  granularity: Granularity;
  /** The zone bucket labels are shown in (the one the server made the buckets in). */
  timeZone?: string;
  /** The last bucket is still filling up (the range ends now). */
  lastBucketPartial?: boolean;
  /** Where the window ends when it is not "now" (a custom range's end), for the last bucket's drill-down. */
  windowEnd?: string;
  filters?: DashboardFilters;
}

/** Each bucket's [start, end) as ISO instants: to the next bucket, the last one to the window's end or one bucket on. */
function bucketRanges(timestamps: string[], granularity: Granularity, windowEnd: string | undefined): { from: string; to: string }[] {
  return timestamps.map((from, i) => {
    // A local day lasts 23 to 25 hours; the logs of a day still in progress end now, so 25 hours on is safe.
    const length = granularity === 'hour' ? HOUR_MS : 25 * HOUR_MS;
    const to = timestamps[i + 1] ?? windowEnd ?? new Date(Date.parse(from) + length).toISOString().replace('.000Z', 'Z');
    return { from, to };
  });
}

/** A bucket's seconds, or null when it had no requests: the line leaves a gap instead of dropping to 0. */
function seconds(value: number | null | undefined, requests: number): number | null {
  return requests === 0 || value === undefined ? null : value;
}

export function DashboardCharts({ data, granularity, timeZone = 'UTC', lastBucketPartial = false, windowEnd, filters = {} }: DashboardChartsProps) {
  const navigate = useNavigate();
  const timeColumn = `Time (${timeZone})`;
  const label = (timestamp: string) => formatBucket(timestamp, granularity, timeZone);
  const longLabel = (timestamp: string, i: number, count: number) =>
    `${formatBucketLong(timestamp, granularity, timeZone)}${lastBucketPartial && i === count - 1 ? ' (in progress)' : ''}`;
  const timestamps = data.requests.map((b) => b.timestamp);
  const ranges = bucketRanges(timestamps, granularity, windowEnd);
  const bucketLink = (i: number) => requestLogsLink(ranges[i]!.from, ranges[i]!.to, filters);
  const openBucket = (i: number) => ranges[i] && navigate(bucketLink(i));
  const bucketCell = (timestamp: string, i: number, count: number) => (
    <Link to={bucketLink(i)} aria-label={`Request logs of ${longLabel(timestamp, i, count)}`}>
      {longLabel(timestamp, i, count)}
    </Link>
  );
  const partialLabel = lastBucketPartial && timestamps.length > 0 ? label(timestamps[timestamps.length - 1]!) : undefined;
  const requestPoints = data.requests.map((b) => ({
    label: label(b.timestamp),
    success: b.success,
    error: b.error,
  }));
  const costPoints = data.costs.map((b) => ({ label: label(b.timestamp), cost: b.cost }));
  const requestCounts = data.requests.map((b) => b.success + b.error);
  const percentiles = data.latency.some((b) => b.p95 !== undefined);
  const latencyPoints = data.latency.map((b, i) => {
    const requests = requestCounts[i] ?? 0;
    return {
      label: label(b.timestamp),
      latency: seconds(b.latency, requests),
      p50: seconds(b.p50, requests),
      p95: seconds(b.p95, requests),
      p99: seconds(b.p99, requests),
      ttft: seconds(b.ttft, requests),
    };
  });
  const windowRange = { from: timestamps[0] ?? '', to: ranges[ranges.length - 1]?.to ?? '' };
  const dimensionLink = (dimension: DashboardFilters) => requestLogsLink(windowRange.from, windowRange.to, filters, dimension);
  const errorPoints = data.errorsBreakdown.map((e) => ({ name: e.label, value: e.value }));
  const modelPoints = data.topModels.map((m) => ({ name: m.name, value: m.requests }));
  const countryPoints = data.topCountries.map((c) => ({ name: c.name, value: c.requests }));
  const ratingPoints = RATING_KEYS.map((key) => ({ name: `${key} ★`, value: data.feedback.ratingDistribution[key] }));
  const threatPoints = data.threats.topThreatTypes.map((t) => ({ name: t.type, value: t.count }));

  const totalSuccess = sum(data.requests.map((b) => b.success));
  const totalErrors = sum(data.requests.map((b) => b.error));
  const totalCost = sum(data.costs.map((b) => b.cost));
  const { threats } = data;

  return (
    <section aria-labelledby="charts-heading" className="charts">
      <h2 id="charts-heading" className="section-title">
        Charts
      </h2>
      <div className="chart-grid">
        <ChartFigure
          wide
          title="Requests over time"
          description={`Stacked bars of successful and failed requests, ${bucketWord(granularity, data.requests.length)}${span(
            timestamps,
            granularity,
            timeZone,
          )}: ${formatInteger(totalSuccess)} successful, ${formatInteger(totalErrors)} errors.${
            lastBucketPartial ? ' The last bucket is in progress.' : ''
          } Click a bar to open its request logs.`}
          columns={[timeColumn, 'Success', 'Error', 'Total']}
          rows={data.requests.map((b, i) => [
            bucketCell(b.timestamp, i, data.requests.length),
            formatInteger(b.success),
            formatInteger(b.error),
            formatInteger(b.success + b.error),
          ])}
        >
          <RequestsChart data={requestPoints} partialLabel={partialLabel} onBucketClick={openBucket} />
        </ChartFigure>

        <ChartFigure
          title="Cost over time"
          description={`Bar chart of cost per bucket, ${bucketWord(granularity, data.costs.length)}; total ${formatMoney(totalCost)}.`}
          columns={[timeColumn, 'Cost']}
          rows={data.costs.map((b, i) => [bucketCell(b.timestamp, i, data.costs.length), <Money key="cost" value={b.cost} />])}
        >
          <CostChart data={costPoints} partialLabel={partialLabel} onBucketClick={openBucket} />
        </ChartFigure>

        <ChartFigure
          title="Latency over time"
          description={`Line chart of ${percentiles ? 'p50, p95 and p99 latency and the average time to first token' : 'average latency'}, ${bucketWord(
            granularity,
            data.latency.length,
          )}; overall average ${formatLatencyMs(data.summary.avgLatencyMs)}. Buckets without requests are gaps.`}
          columns={percentiles ? [timeColumn, 'p50', 'p95', 'p99', 'Avg time to first token'] : [timeColumn, 'Avg latency']}
          rows={latencyPoints.map((p, i) => [
            longLabel(data.latency[i]!.timestamp, i, latencyPoints.length),
            ...(percentiles ? [p.p50, p.p95, p.p99, p.ttft] : [p.latency]).map((value) => formatLatencySeconds(value)),
          ])}
        >
          <LatencyChart data={latencyPoints} partialLabel={partialLabel} percentiles={percentiles} />
        </ChartFigure>

        <ChartFigure
          title="Errors by status code"
          description={`Bar chart of failed requests by HTTP status code: ${errorPoints
            .map((e) => `${e.name}: ${formatInteger(e.value)}`)
            .join(', ')}.`}
          columns={['Status code', 'Requests']}
          rows={errorPoints.map((e) => [e.name, formatInteger(e.value)])}
          emptyText="No errors in this range."
        >
          <CategoryChart data={errorPoints} color={COLORS.error} valueName="Requests" />
        </ChartFigure>

        <ChartFigure
          title="Top models"
          description={`Horizontal bar chart of requests per model, ${modelPoints.length} models, most requested first.`}
          columns={['Model', 'Requests']}
          rows={modelPoints.map((m) => [
            <Link key="model" to={dimensionLink({ model: m.name })} aria-label={`Request logs of model ${m.name}`}>
              {m.name}
            </Link>,
            formatInteger(m.value),
          ])}
          emptyText="No model requests in this range."
        >
          <CategoryChart data={modelPoints} color={COLORS.category} valueName="Requests" horizontal />
        </ChartFigure>

        <ChartFigure
          title="Top countries"
          description={`Horizontal bar chart of requests per country, ${countryPoints.length} countries, most requests first.`}
          columns={['Country', 'Requests']}
          rows={countryPoints.map((c) => [c.name, formatInteger(c.value)])}
          emptyText="No requests with a country in this range."
        >
          <CategoryChart data={countryPoints} color={COLORS.category} valueName="Requests" horizontal />
        </ChartFigure>

        <ChartFigure
          title="Ratings"
          description={`Bar chart of ratings from 5 stars to 1 star: ${ratingPoints
            .map((r) => `${r.name.replace(' ★', ' stars')}: ${formatInteger(r.value)}`)
            .join(', ')}.`}
          columns={['Stars', 'Ratings']}
          rows={data.feedback.totalFeedback ? ratingPoints.map((r) => [r.name, formatInteger(r.value)]) : []}
          emptyText="No ratings in this range."
        >
          <CategoryChart data={ratingPoints} color={COLORS.rating} valueName="Ratings" horizontal />
        </ChartFigure>

        <ChartFigure
          title="Threats"
          description={`Horizontal bar chart of threats by type: ${threatPoints
            .map((t) => `${t.name}: ${formatInteger(t.value)}`)
            .join(', ')}.`}
          header={
            <dl className="threat-stats">
              <div>
                <dt>Total</dt>
                <dd>{formatInteger(threats.totalThreats)}</dd>
              </div>
              <div>
                <dt>Unresolved</dt>
                <dd>{formatInteger(threats.unresolvedThreats)}</dd>
              </div>
              <div className={threats.criticalThreats ? 'threat-critical' : undefined}>
                <dt>Critical</dt>
                <dd>{formatInteger(threats.criticalThreats)}</dd>
              </div>
              <div className={threats.highThreats ? 'threat-high' : undefined}>
                <dt>High</dt>
                <dd>{formatInteger(threats.highThreats)}</dd>
              </div>
            </dl>
          }
          columns={['Threat type', 'Count']}
          rows={threatPoints.map((t) => [t.name, formatInteger(t.value)])}
          emptyText="No threats in this range."
        >
          <CategoryChart data={threatPoints} color={COLORS.threat} valueName="Threats" horizontal />
        </ChartFigure>
      </div>
      <Breakdowns data={data} link={dimensionLink} />
    </section>
  );
}

interface TopTableProps {
  title: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  emptyText: string;
}

function TopTable({ title, columns, rows, emptyText }: TopTableProps) {
  return (
    <div className="top-table chart">
      {rows.length === 0 ? (
        <>
          <h3 className="chart-title">{title}</h3>
          <p className="chart-empty">{emptyText}</p>
        </>
      ) : (
        <table>
          <caption className="chart-title">{title}</caption>
          <thead>
            <tr>
              {columns.map((column, i) => (
                <th key={column} scope="col" className={i > 0 ? 'numeric' : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className="numeric">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Who and what is behind the figures: top users, keys and endpoints, each row opening its request logs. */
function Breakdowns({ data, link }: { data: DashboardResponse; link: (dimension: DashboardFilters) => string }) {
  if (!data.topUsers && !data.topApiKeys && !data.topEndpoints) return null;
  return (
    <div className="chart-grid breakdowns">
      {data.topUsers && (
        <TopTable
          title="Top users"
          columns={['User', 'Requests', 'Tokens', 'Cost']}
          emptyText="No requests by a user in this range."
          rows={data.topUsers.map((u) => ({
            key: String(u.id),
            cells: [
              <Link key="user" to={link({ userId: String(u.id) })} aria-label={`Request logs of user ${u.name}`}>
                {u.name}
              </Link>,
              formatInteger(u.requests),
              formatInteger(u.tokens),
              <Money key="cost" value={u.cost} />,
            ],
          }))}
        />
      )}
      {data.topApiKeys && (
        <TopTable
          title="Top API keys"
          columns={['Key', 'User', 'Requests', 'Tokens', 'Cost']}
          emptyText="No requests with a key in this range."
          rows={data.topApiKeys.map((k) => ({
            key: String(k.id),
            cells: [
              <Link key="key" to={link({ apiKeyId: String(k.id) })} aria-label={`Request logs of key ${k.name}`}>
                {k.name}
              </Link>,
              k.userName ?? '—',
              formatInteger(k.requests),
              formatInteger(k.tokens),
              <Money key="cost" value={k.cost} />,
            ],
          }))}
        />
      )}
      {data.topEndpoints && (
        <TopTable
          title="Top endpoints"
          columns={['Endpoint', 'Requests', 'Errors', 'p95 latency']}
          emptyText="No requests in this range."
          rows={data.topEndpoints.map((e) => ({
            key: e.name,
            cells: [
              <Link key="endpoint" to={link({ endpoint: e.name })} aria-label={`Request logs of endpoint ${e.name}`}>
                <code>{e.name}</code>
              </Link>,
              formatInteger(e.requests),
              formatInteger(e.errors),
              formatLatencyMs(e.p95LatencyMs),
            ],
          }))}
        />
      )}
    </div>
  );
}
