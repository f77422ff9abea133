import type { DashboardResponse } from '../api/types';

const days = ['2025-07-14', '2025-07-15', '2025-07-16', '2025-07-17', '2025-07-18', '2025-07-19', '2025-07-20'];
const success = [1450, 1620, 1710, 1800, 1690, 1847, 1850]; // sums to 11,967
const errors = [23, 80, 90, 70, 60, 80, 80]; // sums to 483
const costs = [245.67, 150.5, 180.25, 200, 160.14, 148, 150]; // sums to 1,234.56
const latency = [2.45, 2.3, 2.5, 2.6, 2.4, 2.45, 0.85];

/** A full 7-day response document, hand-written after the spec's example; series add up to the summary. */
export function weekResponse(): DashboardResponse {
  return {
    range: '7d',
    generatedAt: '2025-07-20T22:30:00Z',
    requests: days.map((day, i) => ({ timestamp: `${day}T00:00:00Z`, success: success[i]!, error: errors[i]! })),
    errorsBreakdown: [
      { label: '429', value: 200 },
      { label: '400', value: 120 },
      { label: '500', value: 90 },
      { label: '401', value: 45 },
      { label: '503', value: 28 },
    ],
    topModels: [
      { name: 'llama3.2', requests: 6200 },
      { name: 'gpt-4o-mini', requests: 4100 },
      { name: 'claude-3-haiku', requests: 2150 },
    ],
    costs: days.map((day, i) => ({ timestamp: `${day}T00:00:00Z`, cost: costs[i]! })),
    topCountries: [
      { name: 'United States (US)', requests: 4389 },
      { name: 'Germany (DE)', requests: 3100 },
      { name: 'Unknown', requests: 961 },
    ],
    latency: days.map((day, i) => ({ timestamp: `${day}T00:00:00Z`, latency: latency[i]! })),
    summary: {
      totalRequests: 12450,
      successfulRequests: 11967,
      avgLatencyMs: 2450.5,
      totalCost: 1234.56,
      totalTokens: 2450000,
      avgTokensPerRequest: 196.77,
      avgCostPerRequest: 0.099,
      unpricedRequests: 0,
      unpricedModels: [],
    },
    users: { activeUsers: 125, totalSessions: 450, avgSessionCost: 2.45, avgSessionRequests: 12.5 },
    feedback: {
      totalFeedback: 234,
      avgRating: 4.2,
      ratingDistribution: { '5': 120, '4': 80, '3': 25, '2': 7, '1': 2 },
    },
    threats: {
      totalThreats: 45,
      unresolvedThreats: 12,
      criticalThreats: 2,
      highThreats: 8,
      topThreatTypes: [
        { type: 'rate_limit', count: 20 },
        { type: 'prompt_injection', count: 15 },
        { type: 'brute_force', count: 10 },
      ],
    },
  };
}

/** 24 hourly buckets ending 2025-07-20 22:00 UTC with 10 requests at 21:00 and 5 at 22:00. */
export function dayResponse(): DashboardResponse {
  const base = Date.parse('2025-07-19T23:00:00Z');
  const hours = Array.from({ length: 24 }, (_, i) => new Date(base + i * 3_600_000).toISOString().replace('.000Z', 'Z'));
  const week = weekResponse();
  return {
    ...week,
    range: '24h',
    requests: hours.map((timestamp, i) => ({ timestamp, success: i === 22 ? 9 : i === 23 ? 5 : 0, error: i === 22 ? 1 : 0 })),
    costs: hours.map((timestamp, i) => ({ timestamp, cost: i === 22 ? 0.012 : i === 23 ? 0.0034 : 0 })),
    latency: hours.map((timestamp, i) => ({ timestamp, latency: i === 22 ? 0.42 : i === 23 ? 1.5 : 0 })),
    errorsBreakdown: [{ label: '500', value: 1 }],
    topModels: [{ name: 'llama3.2', requests: 15 }],
    topCountries: [{ name: 'Germany (DE)', requests: 15 }],
    summary: {
      totalRequests: 15,
      successfulRequests: 14,
      avgLatencyMs: 780,
      totalCost: 0.0154,
      totalTokens: 3000,
      avgTokensPerRequest: 200,
      avgCostPerRequest: 0.00103,
      unpricedRequests: 0,
      unpricedModels: [],
    },
  };
}

/** A window with no traffic at all: every bucket is present with zeros. */
export function emptyResponse(): DashboardResponse {
  const week = weekResponse();
  return {
    ...week,
    requests: week.requests.map((b) => ({ ...b, success: 0, error: 0 })),
    costs: week.costs.map((b) => ({ ...b, cost: 0 })),
    latency: week.latency.map((b) => ({ ...b, latency: 0 })),
    errorsBreakdown: [],
    topModels: [],
    topCountries: [],
    summary: {
      totalRequests: 0,
      successfulRequests: 0,
      avgLatencyMs: 0,
      totalCost: 0,
      totalTokens: 0,
      avgTokensPerRequest: 0,
      avgCostPerRequest: 0,
      unpricedRequests: 0,
      unpricedModels: [],
    },
    users: { activeUsers: 0, totalSessions: 0, avgSessionCost: 0, avgSessionRequests: 0 },
    feedback: { totalFeedback: 0, avgRating: 0, ratingDistribution: { '5': 0, '4': 0, '3': 0, '2': 0, '1': 0 } },
    threats: { totalThreats: 0, unresolvedThreats: 0, criticalThreats: 0, highThreats: 0, topThreatTypes: [] },
  };
}

/**
 * dayResponse with issue 13's additions: percentiles and TTFT per bucket (the empty buckets say 0, as a server
 * that fills empty buckets with zeros would), the previous 24 hours, and the top users, keys and endpoints.
 */
export function dayV2Response(): DashboardResponse {
  const day = dayResponse();
  return {
    ...day,
    latency: day.latency.map((b, i) =>
      i === 22
        ? { ...b, p50: 0.3, p95: 0.9, p99: 1.2, ttft: 0.15 }
        : i === 23
          ? { ...b, p50: 1.1, p95: 1.9, p99: 2, ttft: null }
          : { ...b, p50: 0, p95: 0, p99: 0, ttft: null },
    ),
    summary: { ...day.summary, p50LatencyMs: 350, p95LatencyMs: 1800, p99LatencyMs: 2000, avgTtftMs: 150, p50TtftMs: 140, p95TtftMs: 160 },
    previous: {
      totalRequests: 12,
      successfulRequests: 10,
      totalCost: 0.014,
      totalTokens: 3000,
      avgLatencyMs: 975,
      p95LatencyMs: 1500,
      activeUsers: 100,
    },
    topUsers: [
      { id: 2, name: 'alice', requests: 10, tokens: 2000, cost: 0.012 },
      { id: 3, name: 'bob', requests: 5, tokens: 1000, cost: 0.0034 },
    ],
    topApiKeys: [{ id: 7, name: 'alice-laptop', userName: 'alice', requests: 10, tokens: 2000, cost: 0.012 }],
    topEndpoints: [
      { name: '/v1/chat/completions', requests: 14, errors: 1, p95LatencyMs: 1800 },
      { name: '/v1/embeddings', requests: 1, errors: 0, p95LatencyMs: 90 },
    ],
    timeZone: 'UTC',
    filters: { model: null, userId: null, apiKeyId: null, endpoint: null, notApplied: ['threats'] },
  };
}
