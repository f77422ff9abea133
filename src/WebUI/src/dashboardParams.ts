// The dashboard's filters and time zone live in the URL beside the range, so a filtered view can be shared:
// ?range=7d&model=gpt-4o&userId=3&source=otlp&tz=Europe/Berlin. Without tz the browser's zone is used.
import { rangeToQuery, readRange } from './range';

export const FILTERS = [
  { name: 'model', label: 'Model', placeholder: 'gpt-4o-mini', inputMode: 'text' },
  { name: 'userId', label: 'User ID', placeholder: '12', inputMode: 'numeric' },
  { name: 'apiKeyId', label: 'API key ID', placeholder: '7', inputMode: 'numeric' },
  { name: 'endpoint', label: 'Endpoint', placeholder: '/v1/chat/completions', inputMode: 'text' },
  // How the requests reached us: through the gateway, or as spans an app exported to /v1/traces.
  {
    name: 'source',
    label: 'Source',
    placeholder: '',
    inputMode: 'text',
    options: [
      { value: '', label: 'All sources' },
      { value: 'gateway', label: 'Gateway' },
      { value: 'otlp', label: 'OTLP export' },
    ],
  },
] as const;

export type FilterName = (typeof FILTERS)[number]['name'];
export type DashboardFilters = Partial<Record<FilterName, string>>;

/** The browser's IANA zone ("Europe/Berlin"), UTC when it cannot be told. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone the browser knows, UTC first; the given zone is always in the list. */
export function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...new Set([...known, current].filter((zone) => zone !== 'UTC'))].sort((a, b) =>
    a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b),
  );
}

export function readFilters(params: URLSearchParams): DashboardFilters {
  const filters: DashboardFilters = {};
  for (const { name } of FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export function readTimeZone(params: URLSearchParams): string {
  return params.get('tz')?.trim() || browserTimeZone();
}

/** The API's query string: range, then the filters in their order, then the zone unless it is UTC. */
export function dashboardQuery(params: URLSearchParams): string {
  const query = new URLSearchParams(rangeToQuery(readRange(params)));
  const filters = readFilters(params);
  for (const { name } of FILTERS) {
    if (filters[name]) query.set(name, filters[name]!);
  }
  // UTC is the server's default: left out, a UTC view keeps the URL it always had.
  const timeZone = readTimeZone(params);
  if (timeZone !== 'UTC') query.set('tz', timeZone);
  return query.toString().replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** The page's search with some parameters changed (an empty value removes one), the others kept. */
export function withParams(params: URLSearchParams, changes: Record<string, string | null | undefined>): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next.toString().replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** The request logs of [from, to) under the dashboard's filters and one more dimension, e.g. { userId: '3' }. */
export function requestLogsLink(from: string, to: string, filters: DashboardFilters, dimension: DashboardFilters = {}): string {
  const query = new URLSearchParams({ from, to });
  for (const { name } of FILTERS) {
    const value = dimension[name] ?? filters[name];
    if (value) query.set(name, value);
  }
  return `/admin/request-logs?${query.toString().replace(/%3A/gi, ':').replace(/%2F/gi, '/')}`;
}
