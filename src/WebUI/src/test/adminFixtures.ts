import type { ApiKey, Feedback, RequestLog, Threat, User } from '../admin/api';

export function threat(id: number, severity: string, resolved = false): Threat {
  return {
    id,
    threatType: 'brute_force',
    severity,
    ipAddress: `192.0.2.${id}`,
    description: `Threat number ${id}`,
    resolved,
    createdAt: '2025-07-20T10:00:00Z',
    lastSeenAt: '2025-07-20T10:05:00Z',
    occurrences: id * 2,
    requestLogId: null,
    matchedText: null,
  };
}

export const THREATS: Threat[] = [threat(14, 'critical'), threat(13, 'high'), threat(12, 'medium', true), threat(11, 'low')];

export function feedback(id: number, rating: number, requestLogId: number): Feedback {
  return {
    id,
    requestLogId,
    userId: 4,
    userName: 'demo-user-3',
    rating,
    feedbackText: `Feedback ${id}`,
    createdAt: '2025-07-20T09:30:00Z',
    modelName: 'gpt-4o',
    hasCapture: false,
  };
}

export function requestLog(id: number, overrides: Partial<RequestLog> = {}): RequestLog {
  return {
    id,
    createdAt: '2025-07-20T09:29:59Z',
    endpoint: '/v1/chat/completions',
    method: 'POST',
    statusCode: 200,
    latencyMs: 1234.5,
    ttftMs: 321,
    modelName: 'gpt-4o',
    promptTokens: 100,
    completionTokens: 50,
    totalTokens: 150,
    costUsd: 0.0015,
    countryCode: 'DE',
    ipAddress: '192.0.2.10',
    userId: 4,
    userName: 'demo-user-3',
    apiKeyId: 4,
    apiKeyName: 'demo-key-3',
    upstream: 'ollama',
    cachedInputTokens: null,
    cacheCreationTokens: null,
    reasoningTokens: null,
    usageEstimated: false,
    source: 'gateway',
    ...overrides,
  };
}

export const USERS: User[] = [
  { id: 1, name: 'admin', role: 'admin', createdAt: '2025-07-01T00:00:00Z', activeApiKeys: 1 },
  { id: 2, name: 'alice', role: 'member', createdAt: '2025-07-02T00:00:00Z', activeApiKeys: 1 },
];

export const KEYS: ApiKey[] = [
  {
    id: 3,
    userId: 2,
    userName: 'alice',
    name: 'laptop',
    prefix: 'cd_AbCdEfG',
    createdAt: '2025-07-02T00:00:00Z',
    lastUsedAt: '2025-07-20T08:00:00Z',
    revokedAt: null,
    revoked: false,
  },
  {
    id: 2,
    userId: 2,
    userName: 'alice',
    name: 'old',
    prefix: 'cd_OldOldO',
    createdAt: '2025-07-01T00:00:00Z',
    lastUsedAt: null,
    revokedAt: '2025-07-10T00:00:00Z',
    revoked: true,
  },
];
