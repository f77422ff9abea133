import { lazy } from 'react';
import type { DashboardResponse, RatingKey } from '../api/types';
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
const loadCharts = () => import('./charts');
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

function span(timestamps: string[], granularity: Granularity): string {
  if (timestamps.length === 0) return '';
  const first = formatBucketLong(timestamps[0]!, granularity);
  const last = formatBucketLong(timestamps[timestamps.length - 1]!, granularity);
  return first === last ? ` (${first} UTC)` : ` from ${first} to ${last} UTC`;
}

export function DashboardCharts({ data, granularity }: { data: DashboardResponse; granularity: Granularity }) {
  const timeColumn = 'Time (UTC)';
  const requestPoints = data.requests.map((b) => ({
    label: formatBucket(b.timestamp, granularity),
    success: b.success,
    error: b.error,
  }));
  const costPoints = data.costs.map((b) => ({ label: formatBucket(b.timestamp, granularity), cost: b.cost }));
  const latencyPoints = data.latency.map((b) => ({
    label: formatBucket(b.timestamp, granularity),
    latency: b.latency,
  }));
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
            data.requests.map((b) => b.timestamp),
            granularity,
          )}: ${formatInteger(totalSuccess)} successful, ${formatInteger(totalErrors)} errors.`}
          columns={[timeColumn, 'Success', 'Error', 'Total']}
          rows={data.requests.map((b) => [
            formatBucketLong(b.timestamp, granularity),
            formatInteger(b.success),
            formatInteger(b.error),
            formatInteger(b.success + b.error),
          ])}
        >
          <RequestsChart data={requestPoints} />
        </ChartFigure>

        <ChartFigure
          title="Cost over time"
          description={`Area chart of cost, ${bucketWord(granularity, data.costs.length)}; total ${formatMoney(totalCost)}.`}
          columns={[timeColumn, 'Cost']}
          rows={data.costs.map((b) => [formatBucketLong(b.timestamp, granularity), <Money key="cost" value={b.cost} />])}
        >
          <CostChart data={costPoints} />
        </ChartFigure>

        <ChartFigure
          title="Latency over time"
          description={`Line chart of average latency, ${bucketWord(granularity, data.latency.length)}; overall average ${formatLatencyMs(
            data.summary.avgLatencyMs,
          )}.`}
          columns={[timeColumn, 'Avg latency']}
          rows={data.latency.map((b) => [formatBucketLong(b.timestamp, granularity), formatLatencySeconds(b.latency)])}
        >
          <LatencyChart data={latencyPoints} />
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
          rows={modelPoints.map((m) => [m.name, formatInteger(m.value)])}
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
    </section>
  );
}
