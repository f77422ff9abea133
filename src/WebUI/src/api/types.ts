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

/** `latency` is the average in SECONDS for the bucket. */
export interface LatencyBucket {
  timestamp: string;
  latency: number;
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
}

/** RFC 9457 problem details, as the API returns them for 400s. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}
