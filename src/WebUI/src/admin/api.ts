// The admin API's JSON contract (camelCase, see src/Application/**/*Dto.cs) and its calls.
import { apiFetch, apiJson, ApiError, MESSAGES } from '../api/client';

export interface PagedList<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalCount: number;
}

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export interface Threat {
  id: number;
  threatType: string;
  severity: string;
  ipAddress: string;
  description: string;
  resolved: boolean;
  createdAt: string;
  lastSeenAt: string;
  occurrences: number;
  /** The latest request that raised it (prompt injection), for its request-log detail; null otherwise. */
  requestLogId: number | null;
  /** The redacted text around the matched phrase; null when no body was matched. */
  matchedText: string | null;
}

export interface Feedback {
  id: number;
  requestLogId: number;
  userId: number;
  userName: string;
  rating: number;
  feedbackText: string;
  createdAt: string;
  modelName: string;
  /** Whether the rated request's conversation was captured (readable on its request-log detail). */
  hasCapture: boolean;
}

export interface RequestLog {
  id: number;
  createdAt: string;
  endpoint: string;
  method: string;
  statusCode: number;
  latencyMs: number;
  ttftMs: number | null;
  modelName: string;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  costUsd: number | null;
  countryCode: string;
  ipAddress: string | null;
  userId: number | null;
  userName: string | null;
  apiKeyId: number | null;
  /** The name of the key the request was made with. */
  apiKeyName: string | null;
  upstream: string | null;
  cachedInputTokens: number | null;
  cacheCreationTokens: number | null;
  reasoningTokens: number | null;
  usageEstimated: boolean;
  /** 'gateway' (tracked by us) or 'otlp' (a GenAI span an app exported to /v1/traces). */
  source: string;
}

/** What the gateway captured of a request (redacted): see RequestCaptureDto. */
export interface RequestCapture {
  requestBody: string;
  responseText: string;
  truncated: boolean;
  redactions: Record<string, number>;
  requestTruncated: boolean;
  responseTruncated: boolean;
  capBytes: number;
  contentType: string;
  userAgent: string;
}

export interface RequestLogDetail extends RequestLog {
  capture: RequestCapture | null;
}

export interface UserSession {
  id: number;
  userId: number;
  userName: string;
  sessionStart: string;
  sessionEnd: string | null;
  lastActivityAt: string;
  ipAddress: string;
  userAgent: string;
  totalRequests: number;
  totalCost: number;
  totalTokens: number;
}

export interface ModelUsageStats {
  id: number;
  date: string;
  modelName: string;
  totalRequests: number;
  successfulRequests: number;
  failedRequests: number;
  totalTokens: number;
  totalCost: number;
  avgLatencyMs: number;
}

export type Role = 'admin' | 'member';

export interface User {
  id: number;
  name: string;
  role: string;
  createdAt: string;
  activeApiKeys: number;
}

export interface ApiKey {
  id: number;
  userId: number;
  userName: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revoked: boolean;
}

/** The answer to creating a key: the only time the key itself is ever shown. */
export interface CreatedApiKey {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  key: string;
  createdAt: string;
}

export interface Caller {
  userId: number;
  name: string;
  role: string;
}

export const ADMIN_BASE = '/api/admin';

export function getCaller(apiKey: string, signal?: AbortSignal): Promise<Caller> {
  return apiJson<Caller>(apiKey, '/api/me', { signal });
}

export function getList<T>(apiKey: string, resource: string, query: string, signal?: AbortSignal): Promise<PagedList<T>> {
  return apiJson<PagedList<T>>(apiKey, `${ADMIN_BASE}/${resource}${query ? `?${query}` : ''}`, { signal }).then((body) => ({
    items: Array.isArray(body?.items) ? body.items : [],
    page: typeof body?.page === 'number' ? body.page : 1,
    pageSize: typeof body?.pageSize === 'number' ? body.pageSize : 0,
    totalCount: typeof body?.totalCount === 'number' ? body.totalCount : 0,
  }));
}

export function getRequestLog(apiKey: string, id: string, signal?: AbortSignal): Promise<RequestLogDetail> {
  return apiJson<RequestLogDetail>(apiKey, `${ADMIN_BASE}/request-logs/${encodeURIComponent(id)}`, { signal });
}

/** The threat types the server's detectors raise (GET /api/admin/threats/types): the Type filter's options. */
export function getThreatTypes(apiKey: string, signal?: AbortSignal): Promise<string[]> {
  return apiJson<string[]>(apiKey, `${ADMIN_BASE}/threats/types`, { signal });
}

export function setThreatsResolved(apiKey: string, ids: number[], resolved: boolean): Promise<{ changed: number }> {
  return apiJson<{ changed: number }>(apiKey, `${ADMIN_BASE}/threats/${resolved ? 'resolve' : 'unresolve'}`, {
    method: 'POST',
    body: { ids },
  });
}

export function createUser(apiKey: string, name: string, role: Role): Promise<User> {
  return apiJson<User>(apiKey, `${ADMIN_BASE}/users`, { method: 'POST', body: { name, role } });
}

export function createApiKey(apiKey: string, userName: string, keyName: string): Promise<CreatedApiKey> {
  return apiJson<CreatedApiKey>(apiKey, `${ADMIN_BASE}/api-keys`, { method: 'POST', body: { userName, keyName } });
}

export function revokeApiKey(apiKey: string, id: number): Promise<ApiKey> {
  return apiJson<ApiKey>(apiKey, `${ADMIN_BASE}/api-keys/${id}/revoke`, { method: 'POST' });
}

/** "attachment; filename="request-logs-20250720-120000.csv"" → "request-logs-20250720-120000.csv". */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

/** GET the CSV of every matching request log; a plain link could not send the Authorization header. */
export async function exportRequestLogs(apiKey: string, query: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await apiFetch(apiKey, `${ADMIN_BASE}/request-logs/export${query ? `?${query}` : ''}`, {
    accept: 'text/csv',
  });
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    throw new ApiError('network', MESSAGES.unreachable);
  }
  return { blob, fileName: fileNameFrom(response.headers.get('Content-Disposition'), 'request-logs.csv') };
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** GET/PUT /api/admin/{api-keys|users}/{id}/limits: null is no limit; spentUsd and periodStart come with a budget. */
export interface Limits {
  budgetUsd: number | null;
  budgetPeriod: BudgetPeriod | null;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  spentUsd: number | null;
  periodStart: string | null;
}

export type BudgetPeriod = 'day' | 'week' | 'month';
export const BUDGET_PERIODS: readonly BudgetPeriod[] = ['day', 'week', 'month'];

export interface LimitsSubject {
  resource: 'api-keys' | 'users';
  id: number;
}

/** What PUT sends: a number, null to clear, or text the server names in its 400. */
export type LimitsInput = Record<'budgetUsd' | 'requestsPerMinute' | 'tokensPerMinute', number | string | null> & {
  budgetPeriod: string | null;
};

export function limitsPath(subject: LimitsSubject): string {
  return `${ADMIN_BASE}/${subject.resource}/${subject.id}/limits`;
}

export function getLimits(apiKey: string, subject: LimitsSubject, signal?: AbortSignal): Promise<Limits> {
  return apiJson<Limits>(apiKey, limitsPath(subject), { signal });
}

export function putLimits(apiKey: string, subject: LimitsSubject, limits: LimitsInput): Promise<Limits> {
  return apiJson<Limits>(apiKey, limitsPath(subject), { method: 'PUT', body: limits });
}
