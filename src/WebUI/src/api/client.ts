import type {
  AppliedFilters,
  DashboardResponse,
  PreviousPeriod,
  ProblemDetails,
  RatingKey,
  TopApiKey,
  TopEndpoint,
  TopUser,
} from './types';

export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'bad-request'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'network';

export const MESSAGES = {
  unreachable: 'Cannot reach the CleanDashboard API',
  notAdmin: 'This key is not an admin key; the dashboard needs an admin key',
  adminOnly: 'The admin screens need an admin key',
  unrecognised: 'Key not recognised',
  sessionEnded: 'Your session ended (key rejected). Sign in again.',
  rateLimited: 'Too many requests right now. Wait a moment and try again.',
} as const;

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly problem: ProblemDetails | undefined;

  constructor(kind: ApiErrorKind, message: string, status?: number, problem?: ProblemDetails) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.problem = problem;
  }
}

export function isApiError(error: unknown, kind?: ApiErrorKind): error is ApiError {
  return error instanceof ApiError && (kind === undefined || error.kind === kind);
}

/** Network failures and 5xx are worth one more try; 4xx answers will not change. */
export function isTransient(error: unknown): boolean {
  return isApiError(error, 'network') || isApiError(error, 'server');
}

async function readProblem(response: Response): Promise<ProblemDetails | undefined> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as ProblemDetails) : undefined;
  } catch {
    return undefined;
  }
}

export async function errorFor(response: Response): Promise<ApiError> {
  const { status } = response;
  if (status === 401) return new ApiError('unauthorized', MESSAGES.unrecognised, status);
  if (status === 403) return new ApiError('forbidden', MESSAGES.notAdmin, status);
  if (status === 429) return new ApiError('rate-limited', MESSAGES.rateLimited, status);
  if (status === 404) {
    const problem = await readProblem(response);
    return new ApiError('not-found', problem?.detail ?? problem?.title ?? 'Not found', status, problem);
  }
  if (status === 400 || status === 422) {
    const problem = await readProblem(response);
    return new ApiError('bad-request', problem?.title ?? 'The request was not accepted', status, problem);
  }
  return new ApiError('server', `${MESSAGES.unreachable} (HTTP ${status})`, status);
}

const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const nullableNumber = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const array = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const object = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** Fills absent parts with empty values so a partial answer never breaks the page. */
export function normalizeDashboard(raw: unknown): DashboardResponse {
  const body = object(raw);
  const summary = object(body.summary);
  const users = object(body.users);
  const feedback = object(body.feedback);
  const distribution = object(feedback.ratingDistribution);
  const threats = object(body.threats);
  const ratingKeys: RatingKey[] = ['5', '4', '3', '2', '1'];
  return {
    range: typeof body.range === 'string' ? body.range : '',
    generatedAt: typeof body.generatedAt === 'string' ? body.generatedAt : '',
    requests: array(body.requests),
    errorsBreakdown: array(body.errorsBreakdown),
    topModels: array(body.topModels),
    costs: array(body.costs),
    topCountries: array(body.topCountries),
    latency: array(body.latency),
    summary: {
      totalRequests: number(summary.totalRequests),
      successfulRequests: number(summary.successfulRequests),
      avgLatencyMs: nullableNumber(summary.avgLatencyMs),
      totalCost: number(summary.totalCost),
      totalTokens: number(summary.totalTokens),
      avgTokensPerRequest: nullableNumber(summary.avgTokensPerRequest),
      avgCostPerRequest: nullableNumber(summary.avgCostPerRequest),
      unpricedRequests: number(summary.unpricedRequests),
      unpricedModels: array<unknown>(summary.unpricedModels).filter((m): m is string => typeof m === 'string'),
      ...optionalNumbers(summary, ['p50LatencyMs', 'p95LatencyMs', 'p99LatencyMs', 'avgTtftMs', 'p50TtftMs', 'p95TtftMs']),
    },
    users: {
      activeUsers: number(users.activeUsers),
      totalSessions: number(users.totalSessions),
      avgSessionCost: nullableNumber(users.avgSessionCost),
      avgSessionRequests: nullableNumber(users.avgSessionRequests),
    },
    feedback: {
      totalFeedback: number(feedback.totalFeedback),
      avgRating: nullableNumber(feedback.avgRating),
      ratingDistribution: Object.fromEntries(
        ratingKeys.map((key) => [key, number(distribution[key])]),
      ) as Record<RatingKey, number>,
    },
    threats: {
      totalThreats: number(threats.totalThreats),
      unresolvedThreats: number(threats.unresolvedThreats),
      criticalThreats: number(threats.criticalThreats),
      highThreats: number(threats.highThreats),
      topThreatTypes: array(threats.topThreatTypes),
    },
    // Issue 13's additions: kept only when the server sends them, so an older server shows the page without them.
    ...(Array.isArray(body.topUsers) && { topUsers: array<TopUser>(body.topUsers) }),
    ...(Array.isArray(body.topApiKeys) && { topApiKeys: array<TopApiKey>(body.topApiKeys) }),
    ...(Array.isArray(body.topEndpoints) && { topEndpoints: array<TopEndpoint>(body.topEndpoints) }),
    ...(typeof body.previous === 'object' && body.previous !== null ? { previous: previousPeriod(object(body.previous)) } : {}),
    ...(typeof body.timeZone === 'string' && { timeZone: body.timeZone }),
    ...(typeof body.filters === 'object' && body.filters !== null ? { filters: object(body.filters) as AppliedFilters } : {}),
  };
}

/** The figures a summary may carry (null kept: "no such figure in this window"), absent ones left out. */
function optionalNumbers<K extends string>(source: Record<string, unknown>, keys: K[]): Partial<Record<K, number | null>> {
  const result: Partial<Record<K, number | null>> = {};
  for (const key of keys) {
    if (key in source) result[key] = nullableNumber(source[key]);
  }
  return result;
}

function previousPeriod(previous: Record<string, unknown>): PreviousPeriod {
  return {
    totalRequests: number(previous.totalRequests),
    successfulRequests: number(previous.successfulRequests),
    totalCost: number(previous.totalCost),
    totalTokens: number(previous.totalTokens),
    avgLatencyMs: nullableNumber(previous.avgLatencyMs),
    p95LatencyMs: nullableNumber(previous.p95LatencyMs),
    activeUsers: number(previous.activeUsers),
  };
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
}

/** Calls the API with the key as a Bearer token; any non-2xx answer or network failure becomes an {@link ApiError}. */
export async function apiFetch(apiKey: string, url: string, request: ApiRequest = {}): Promise<Response> {
  const { method = 'GET', body, signal, accept = 'application/json' } = request;
  const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}`, Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('network', MESSAGES.unreachable);
  }
  if (!response.ok) throw await errorFor(response);
  return response;
}

/** {@link apiFetch}, then the body as JSON; an HTML page instead of JSON means something other than the API answered. */
export async function apiJson<T>(apiKey: string, url: string, request: ApiRequest = {}): Promise<T> {
  const response = await apiFetch(apiKey, url, request);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('server', `${MESSAGES.unreachable} (unexpected response)`, response.status);
  }
}

/** GET /api/dashboard/?{query} with the key as a Bearer token. */
export async function fetchDashboard(
  apiKey: string,
  query: URLSearchParams,
  signal?: AbortSignal,
): Promise<DashboardResponse> {
  const body = await apiJson<unknown>(apiKey, `/api/dashboard/?${query.toString()}`, { signal });
  return normalizeDashboard(body);
}
