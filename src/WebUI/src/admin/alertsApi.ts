// Alert rules, their history and the rules firing now (src/Application/Alerts/**).
import { apiFetch, apiJson } from '../api/client';
import { ADMIN_BASE } from './api';

export const ALERT_METRICS = ['error_rate', 'requests', 'p95_latency_ms', 'p95_ttft_ms', 'cost_usd', 'critical_threats', 'budget_percent'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];
export type ChannelType = 'webhook' | 'slack';

export interface AlertFilters {
  model: string | null;
  apiKeyId: number | null;
  userId: number | null;
  endpoint: string | null;
}

/** What a rule watches: the fields the API returns and takes alike. */
interface AlertRuleFields {
  name: string;
  metric: string;
  threshold: number;
  window: string;
  for: string;
  filters: AlertFilters;
}

export interface AlertRule extends AlertRuleFields {
  id: number;
  channel: { type: string; url: string; hasSecret: boolean };
  state: string;
  stateChangedAt: string | null;
  lastValue: number | null;
  lastEvaluatedAt: string | null;
}

/** What the API takes: a secret left empty keeps the stored one. */
export interface AlertRuleInput extends AlertRuleFields {
  channel: { type: ChannelType; url: string; secret: string | null };
}

export interface AlertDeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  succeeded: boolean;
}

export interface AlertEvent {
  id: number;
  ruleId: number;
  ruleName: string;
  metric: string;
  state: string;
  value: number;
  threshold: number;
  at: string;
  delivery: string;
  attempts: AlertDeliveryAttempt[];
}

export interface FiringAlert {
  ruleId: number;
  name: string;
  metric: string;
  value: number | null;
  threshold: number;
  since: string | null;
}

const RULES = `${ADMIN_BASE}/alert-rules`;

function arrayOf<T>(body: unknown): T[] {
  return Array.isArray(body) ? (body as T[]) : [];
}

export function getAlertRules(apiKey: string, signal?: AbortSignal): Promise<AlertRule[]> {
  return apiJson<unknown>(apiKey, RULES, { signal }).then(arrayOf<AlertRule>);
}

export function saveAlertRule(apiKey: string, id: number | null, rule: AlertRuleInput): Promise<AlertRule> {
  return id === null
    ? apiJson<AlertRule>(apiKey, RULES, { method: 'POST', body: rule })
    : apiJson<AlertRule>(apiKey, `${RULES}/${id}`, { method: 'PUT', body: rule });
}

export async function deleteAlertRule(apiKey: string, id: number): Promise<void> {
  await apiFetch(apiKey, `${RULES}/${id}`, { method: 'DELETE' });
}

export function getAlertHistory(apiKey: string, signal?: AbortSignal): Promise<AlertEvent[]> {
  return apiJson<unknown>(apiKey, `${ADMIN_BASE}/alerts`, { signal }).then(arrayOf<AlertEvent>);
}

export function getFiringAlerts(apiKey: string, signal?: AbortSignal): Promise<FiringAlert[]> {
  return apiJson<unknown>(apiKey, '/api/alerts/firing', { signal }).then(arrayOf<FiringAlert>);
}
