import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { fetchDashboard, isApiError, MESSAGES } from '../api/client';
import type { DashboardResponse } from '../api/types';
import { useAuth } from '../auth';
import { DashboardCharts } from '../components/DashboardCharts';
import { DashboardFilterBar, TimeZonePicker } from '../components/DashboardFilters';
import { ProblemList } from '../components/ProblemList';
import { RangePicker } from '../components/RangePicker';
import { RetryState } from '../components/RetryState';
import { FiringAlertsPanel } from '../components/FiringAlertsPanel';
import { SummaryCards } from '../components/SummaryCards';
import { detectGranularity, formatClockUtc } from '../format';
import { REFRESH_INTERVAL_MS } from '../queryClient';
import { dashboardQuery, readFilters, readTimeZone, type DashboardFilters } from '../dashboardParams';
import { isComplete, readRange, windowHours, type RangeSelection } from '../range';

export function dashboardQueryKey(query: string) {
  return ['dashboard', query] as const;
}

function ErrorPanel({ error, onRetry, retrying }: { error: unknown; onRetry: () => void; retrying: boolean }) {
  const { signOut } = useAuth();
  if (isApiError(error, 'bad-request')) {
    return (
      <div role="alert" className="panel state state-error">
        <h2>The API did not accept this range</h2>
        <ProblemList error={error} />
        <p className="muted">Pick another range above.</p>
      </div>
    );
  }
  if (isApiError(error, 'forbidden')) {
    return (
      <div role="alert" className="panel state state-error">
        <h2>{MESSAGES.notAdmin}</h2>
        <button type="button" className="button" onClick={signOut}>
          Sign in with another key
        </button>
      </div>
    );
  }
  return <RetryState error={error} onRetry={onRetry} retrying={retrying} />;
}

function LoadingState() {
  return (
    <div className="loading" aria-busy="true">
      <p role="status">Loading dashboard…</p>
      <ul className="cards" aria-hidden="true">
        {Array.from({ length: 8 }, (_, i) => (
          <li key={i} className="card skeleton" />
        ))}
      </ul>
    </div>
  );
}

/** Which parts of the figures a filter does not narrow, as the server says (threats are per address, not per request). */
function FilterNote({ data, filters }: { data: DashboardResponse; filters: DashboardFilters }) {
  if (Object.keys(filters).length === 0) return null;
  const notApplied = data.filters?.notApplied ?? [];
  return (
    <p className="muted small filter-note" role="note">
      Filtered by {Object.entries(filters).map(([name, value]) => `${name} ${value}`).join(', ')}.
      {notApplied.length > 0 && ` Not filtered: ${notApplied.join(', ')}.`}
    </p>
  );
}

interface ContentProps {
  data: DashboardResponse;
  selection: RangeSelection;
  filters: DashboardFilters;
  timeZone: string;
}

function Content({ data, selection, filters, timeZone }: ContentProps) {
  const granularity = detectGranularity(
    data.requests.map((b) => b.timestamp),
    windowHours(selection),
  );
  const custom = selection.range === 'custom' ? selection : null;
  const lastBucketPartial = custom === null || (custom.end !== null && Date.parse(custom.end) > Date.parse(data.generatedAt));
  return (
    <>
      <FilterNote data={data} filters={filters} />
      <SummaryCards data={data} />
      {data.summary.totalRequests === 0 ? (
        <div className="panel state state-empty" role="status">
          <h2>No requests in this range yet</h2>
          <p className="muted">Requests that pass through the API show up here within seconds.</p>
        </div>
      ) : (
        <DashboardCharts
          data={data}
          granularity={granularity}
          timeZone={data.timeZone ?? timeZone}
          lastBucketPartial={lastBucketPartial}
          windowEnd={custom?.end ?? undefined}
          filters={filters}
        />
      )}
    </>
  );
}

export default function DashboardPage() {
  const { apiKey } = useAuth();
  const [params] = useSearchParams();
  const selection = readRange(params);
  const filters = readFilters(params);
  const timeZone = readTimeZone(params);
  const query = dashboardQuery(params);
  const ready = isComplete(selection) && apiKey !== null;

  useEffect(() => {
    document.title = 'Dashboard · CleanDashboard';
  }, []);

  const result = useQuery({
    queryKey: dashboardQueryKey(query),
    queryFn: ({ signal }) => fetchDashboard(apiKey ?? '', new URLSearchParams(query), signal),
    enabled: ready,
    refetchInterval: REFRESH_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
  const { data, error, isFetching, dataUpdatedAt, refetch } = result;
  const retry = () => void refetch();

  let body;
  if (!ready) {
    body = (
      <div className="panel state" role="status">
        <h2>Choose a custom range</h2>
        <p className="muted">Enter a start and an end (UTC), then press Apply.</p>
      </div>
    );
  } else if (data) {
    body = (
      <>
        {error && (
          <div role="alert" className="banner banner-error">
            <span>
              {isApiError(error, 'bad-request')
                ? 'The API did not accept this range.'
                : isApiError(error, 'rate-limited')
                  ? MESSAGES.rateLimited
                  : MESSAGES.unreachable}
              {` Showing data from ${formatClockUtc(dataUpdatedAt)} UTC.`}
            </span>
            <button type="button" className="button button-small" onClick={retry} disabled={isFetching}>
              Retry
            </button>
          </div>
        )}
        <Content data={data} selection={selection} filters={filters} timeZone={timeZone} />
      </>
    );
  } else if (error) {
    body = <ErrorPanel error={error} onRetry={retry} retrying={isFetching} />;
  } else {
    body = <LoadingState />;
  }

  return (
    <div className="dashboard">
      <div className="dashboard-head">
        <h1>Dashboard</h1>
        <div className="refresh">
          <span className="muted">
            {dataUpdatedAt > 0 && `Last updated ${formatClockUtc(dataUpdatedAt)} UTC`}
            {isFetching && data && ' · refreshing…'}
          </span>
          <button type="button" className="button button-quiet" onClick={retry} disabled={!ready || isFetching}>
            Refresh
          </button>
        </div>
      </div>
      <FiringAlertsPanel />
      <div className="dashboard-controls">
        <RangePicker />
        <TimeZonePicker />
      </div>
      <DashboardFilterBar />
      {body}
    </div>
  );
}
