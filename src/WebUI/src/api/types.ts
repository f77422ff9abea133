// The JSON contract of GET /api/dashboard/ (camelCase), see docs/specification.md (example: docs/contract/dashboard-response.example.json).

export interface RequestBucket {
  timestamp: string;
  success: number;
  error: number;
}

export interface CostBucket {
  timestamp: string;
  cost: number;
}

/**
 * `latency` is the average in SECONDS for the bucket; `p50`/`p95`/`p99` its percentiles and `ttft` the average time
 * to first token, also in seconds (issue 13; absent from older servers, `ttft` null without streamed answers).
 */
export interface LatencyBucket {
  timestamp: string;
  latency: number;
  p50?: number | null;
  p95?: number | null;
  p99?: number | null;
  ttft?: number | null;
}

export interface LabelValue {
  label: string;
  value: number;
}

export interface NameRequests {
  name: string;
  requests: number;
}

export interface DashboardSummary {
  totalRequests: number;
  successfulRequests: number;
  avgLatencyMs: number | null;
  totalCost: number;
  totalTokens: number;
  avgTokensPerRequest: number | null;
  avgCostPerRequest: number | null;
  /** Requests with token usage but no cost: no price is known for their model. */
  unpricedRequests: number;
  /** Their models, most unpriced requests first. */
  unpricedModels: string[];
  p50LatencyMs?: number | null;
  p95LatencyMs?: number | null;
  p99LatencyMs?: number | null;
  avgTtftMs?: number | null;
  p50TtftMs?: number | null;
  p95TtftMs?: number | null;
}

export interface TopUser {
  id: number;
  name: string;
  requests: number;
  tokens: number;
  cost: number;
}

export interface TopApiKey {
  id: number;
  name: string;
  userName: string | null;
  requests: number;
  tokens: number;
  cost: number;
}

export interface TopEndpoint {
  name: string;
  requests: number;
  errors: number;
  p95LatencyMs: number | null;
}

/** The same figures for the window of the same length just before, for the cards' deltas. */
export interface PreviousPeriod {
  totalRequests: number;
  successfulRequests: number;
  totalCost: number;
  totalTokens: number;
  avgLatencyMs: number | null;
  p95LatencyMs: number | null;
  activeUsers: number;
}

/** The filters the server applied, echoed. */
export interface AppliedFilters {
  model?: string | null;
  userId?: number | null;
  apiKeyId?: number | null;
  endpoint?: string | null;
  source?: 'gateway' | 'otlp' | null;
  notApplied?: string[];
}

export interface DashboardUsers {
  activeUsers: number;
  totalSessions: number;
  avgSessionCost: number | null;
  avgSessionRequests: number | null;
}

export type RatingKey = '5' | '4' | '3' | '2' | '1';

export interface DashboardFeedback {
  totalFeedback: number;
  avgRating: number | null;
  ratingDistribution: Record<RatingKey, number>;
}

export interface ThreatTypeCount {
  type: string;
  count: number;
}

export interface DashboardThreats {
  totalThreats: number;
  unresolvedThreats: number;
  criticalThreats: number;
  highThreats: number;
  topThreatTypes: ThreatTypeCount[];
}

export interface DashboardResponse {
  range: string;
  generatedAt: string;
  requests: RequestBucket[];
  errorsBreakdown: LabelValue[];
  topModels: NameRequests[];
  costs: CostBucket[];
  topCountries: NameRequests[];
  latency: LatencyBucket[];
  summary: DashboardSummary;
  users: DashboardUsers;
  feedback: DashboardFeedback;
  threats: DashboardThreats;
  topUsers?: TopUser[];
  topApiKeys?: TopApiKey[];
  topEndpoints?: TopEndpoint[];
  previous?: PreviousPeriod;
  timeZone?: string;
  filters?: AppliedFilters;
}

/** RFC 9457 problem details, as the API returns them for 400s. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}
