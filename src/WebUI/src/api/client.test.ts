import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../test/render';
import { ApiError, fetchDashboard, normalizeDashboard } from './client';

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('fetchDashboard', () => {
  it.each([
    [401, 'unauthorized', 'Key not recognised'],
    [403, 'forbidden', 'This key is not an admin key; the dashboard needs an admin key'],
    [429, 'rate-limited', 'Too many requests right now. Wait a moment and try again.'],
    [500, 'server', 'Cannot reach the CleanDashboard API (HTTP 500)'],
    [502, 'server', 'Cannot reach the CleanDashboard API (HTTP 502)'],
  ] as const)('maps HTTP %s to %s', async (status, kind, message) => {
    mockFetch(json({}, status));
    const error = await failureOf(fetchDashboard('k', new URLSearchParams('range=7d')));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toBe(message);
  });

  it('keeps the problem details of a 400', async () => {
    mockFetch(json({ title: 'Bad range', status: 400, errors: { range: ['Unknown range.'] } }, 400, 'application/problem+json'));
    const error = await failureOf(fetchDashboard('k', new URLSearchParams('range=x')));
    expect(error.kind).toBe('bad-request');
    expect(error.problem).toEqual({ title: 'Bad range', status: 400, errors: { range: ['Unknown range.'] } });
  });

  it('calls a network failure and a non-JSON page unreachable', async () => {
    mockFetch(new TypeError('Failed to fetch'));
    expect((await failureOf(fetchDashboard('k', new URLSearchParams()))).kind).toBe('network');
    mockFetch(new Response('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const error = await failureOf(fetchDashboard('k', new URLSearchParams()));
    expect(error.kind).toBe('server');
    expect(error.message).toBe('Cannot reach the CleanDashboard API (unexpected response)');
  });
});

describe('normalizeDashboard', () => {
  it('fills absent parts with empty values and keeps unknown averages unknown', () => {
    const data = normalizeDashboard({ range: '7d', summary: { totalRequests: 3, avgCostPerRequest: null } });
    expect(data.requests).toEqual([]);
    expect(data.summary.totalRequests).toBe(3);
    expect(data.summary.avgCostPerRequest).toBeNull();
    expect(data.summary.unpricedRequests).toBe(0);
    expect(data.summary.unpricedModels).toEqual([]);
    expect(data.summary.totalCost).toBe(0);
    expect(data.feedback.ratingDistribution).toEqual({ '5': 0, '4': 0, '3': 0, '2': 0, '1': 0 });
    expect(data.threats.topThreatTypes).toEqual([]);
  });
});
