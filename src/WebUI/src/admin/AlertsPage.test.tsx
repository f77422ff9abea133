import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AlertEvent, AlertRule } from './alertsApi';
import { ADMIN_ME, mockApi, type ApiCall } from '../test/api';
import { json, renderApp } from '../test/render';

const KEY = 'cd-admin-key-for-tests';

const RULE: AlertRule = {
  id: 3,
  name: 'High error rate',
  metric: 'error_rate',
  threshold: 0.1,
  window: '00:05:00',
  for: '00:01:00',
  filters: { model: 'gpt-4o', apiKeyId: null, userId: null, endpoint: null },
  channel: { type: 'webhook', url: 'https://hooks.example.com/a', hasSecret: true },
  state: 'firing',
  stateChangedAt: '2025-07-20T10:37:12Z',
  lastValue: 0.18,
  lastEvaluatedAt: '2025-07-20T10:37:42Z',
};

const EVENTS: AlertEvent[] = [
  {
    id: 8,
    ruleId: 3,
    ruleName: 'High error rate',
    metric: 'error_rate',
    state: 'firing',
    value: 0.18,
    threshold: 0.1,
    at: '2025-07-20T10:37:12Z',
    delivery: 'delivered',
    attempts: [
      { attempt: 1, at: '2025-07-20T10:37:12Z', statusCode: 500, error: 'The receiver answered 500.', succeeded: false },
      { attempt: 2, at: '2025-07-20T10:37:14Z', statusCode: 200, error: null, succeeded: true },
    ],
  },
];

function open(extra: Record<string, (call: ApiCall) => Response> = {}) {
  const api = mockApi({
    'GET /api/me': () => json(ADMIN_ME),
    'GET /api/admin/alert-rules': () => json([RULE]),
    'GET /api/admin/alerts': () => json(EVENTS),
    ...extra,
  });
  renderApp('/admin/alerts', { apiKey: KEY });
  return { ...api, user: userEvent.setup() };
}

function cells(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent));
}

describe('Alerts screen', () => {
  it('lists the rules with their condition, channel and state, and the history with every attempt', async () => {
    open();
    const rules = await screen.findByRole('table', { name: 'Alert rules' });
    expect(cells(rules)).toEqual([['3', 'High error rate', 'error_rate > 0.1 over 00:05:00 for 00:01:00', 'webhook (signed)', 'firing', 'Edit Delete']]);
    const history = await screen.findByRole('table', { name: 'Alert history' });
    expect(cells(history)).toEqual([['2025-07-20 10:37:12', 'High error rate', 'firing', '0.18 / 0.1', 'delivered', '#1 500, #2 200']]);
    expect(document.title).toBe('Alerts · Admin · CleanDashboard');
  });

  it('creates a rule with the contract body and shows the 400 the API names', async () => {
    const { calls, user } = open({
      'POST /api/admin/alert-rules': () => json({ title: 'Bad', status: 400, errors: { 'channel.url': ['Channel url must be an absolute http or https URL.'] } }, 400, 'application/problem+json'),
    });
    await screen.findByRole('table', { name: 'Alert rules' });
    await user.click(screen.getByRole('button', { name: 'New rule' }));
    const form = screen.getByRole('form', { name: 'New alert rule' });
    await user.type(within(form).getByLabelText('Name'), 'Slow');
    await user.selectOptions(within(form).getByLabelText('Metric'), 'p95_latency_ms');
    await user.clear(within(form).getByLabelText('Threshold'));
    await user.type(within(form).getByLabelText('Threshold'), '2500');
    await user.type(within(form).getByLabelText('User ID'), '7');
    await user.type(within(form).getByLabelText('URL'), 'ftp://x');
    await user.type(within(form).getByLabelText('Secret'), 'k');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Channel url must be an absolute http or https URL.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Slow',
      metric: 'p95_latency_ms',
      threshold: 2500,
      window: '00:05:00',
      for: '00:00:00',
      filters: { model: null, apiKeyId: null, userId: 7, endpoint: null },
      channel: { type: 'webhook', url: 'ftp://x', secret: 'k' },
    });
  });

  it('edits a rule with PUT, leaving the secret empty so the stored one is kept', async () => {
    const { calls, user } = open({ 'PUT /api/admin/alert-rules/3': () => json({ ...RULE, threshold: 0.2 }) });
    await screen.findByRole('table', { name: 'Alert rules' });
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit rule High error rate' });
    await user.clear(within(form).getByLabelText('Threshold'));
    await user.type(within(form).getByLabelText('Threshold'), '0.2');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));

    await waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument());
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      threshold: 0.2,
      filters: { model: 'gpt-4o', apiKeyId: null, userId: null, endpoint: null },
      channel: { type: 'webhook', url: 'https://hooks.example.com/a', secret: null },
    });
  });

  it('deletes a rule with DELETE', async () => {
    const { calls, user } = open({ 'DELETE /api/admin/alert-rules/3': () => new Response(null, { status: 204 }) });
    await screen.findByRole('table', { name: 'Alert rules' });
    await user.click(screen.getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/admin/alert-rules/3']));
  });
});
