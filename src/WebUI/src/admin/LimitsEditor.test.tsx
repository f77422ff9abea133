import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ADMIN_ME, mockApi, page, type ApiCall } from '../test/api';
import { KEYS, USERS } from '../test/adminFixtures';
import { json, renderApp } from '../test/render';

const KEY = 'cd-admin-key-for-tests';

const KEY_LIMITS = {
  budgetUsd: 2,
  budgetPeriod: 'day',
  requestsPerMinute: 60,
  tokensPerMinute: null,
  spentUsd: 0.5,
  periodStart: '2026-11-30T23:00:00Z',
};

async function open(routes: Record<string, (call: ApiCall) => Response>) {
  const api = mockApi({
    'GET /api/me': () => json(ADMIN_ME),
    'GET /api/admin/users': () => json(page(USERS)),
    'GET /api/admin/api-keys': () => json(page(KEYS)),
    ...routes,
  });
  renderApp('/admin/users', { apiKey: KEY });
  await screen.findByRole('table', { name: 'API keys' });
  return { ...api, user: userEvent.setup() };
}

describe('Limits editor', () => {
  it("shows a key's spend against its budget and its per-minute limits", async () => {
    const { user } = await open({ 'GET /api/admin/api-keys/3/limits': () => json(KEY_LIMITS) });

    await user.click(screen.getByRole('button', { name: 'Limits of key cd_AbCdEfG (laptop)' }));

    const panel = await screen.findByRole('region', { name: 'Limits of key cd_AbCdEfG… (laptop)' });
    expect(await within(panel).findByText(/^Spent/)).toHaveTextContent('Spent $0.50 of $2.00 this day (25%), since 2026-11-30 23:00 UTC');
    expect(within(panel).getByRole('meter', { name: 'Budget used' })).toHaveAttribute('value', '0.5');
    expect(panel).toHaveTextContent('Requests per minute: 60 · Tokens per minute: no limit');
    expect(within(panel).getByLabelText('Budget (USD)')).toHaveValue('2');
    expect(within(panel).getByLabelText('Period')).toHaveValue('day');
    expect(within(panel).getByLabelText('Tokens per minute')).toHaveValue('');
  });

  it("saves a user's limits with empty fields as null and shows the answer", async () => {
    const saved = { budgetUsd: 0.001, budgetPeriod: 'month', requestsPerMinute: null, tokensPerMinute: 100000, spentUsd: 0, periodStart: '2026-11-30T23:00:00Z' };
    const { calls, user } = await open({
      'GET /api/admin/users/2/limits': () => json({ ...KEY_LIMITS, budgetUsd: null, budgetPeriod: null, spentUsd: null, periodStart: null }),
      'PUT /api/admin/users/2/limits': () => json(saved),
    });
    await user.click(screen.getByRole('button', { name: 'Limits of user alice' }));
    const panel = await screen.findByRole('region', { name: 'Limits of user alice' });
    expect(await within(panel).findByText('No spend budget.')).toBeInTheDocument();

    await user.type(within(panel).getByLabelText('Budget (USD)'), '0.001');
    await user.selectOptions(within(panel).getByLabelText('Period'), 'per month');
    await user.clear(within(panel).getByLabelText('Requests per minute'));
    await user.type(within(panel).getByLabelText('Tokens per minute'), '100000');
    await user.click(within(panel).getByRole('button', { name: 'Save limits' }));

    expect(await within(panel).findByText('Limits saved.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      { budgetUsd: 0.001, budgetPeriod: 'month', requestsPerMinute: null, tokensPerMinute: 100000 },
    ]);
    expect(panel).toHaveTextContent('Spent $0 of $0.001 this month (0%), since 2026-11-30 23:00 UTC');
  });

  it('shows the field the API refused', async () => {
    const { calls, user } = await open({
      'GET /api/admin/api-keys/3/limits': () => json(KEY_LIMITS),
      'PUT /api/admin/api-keys/3/limits': () =>
        json({ title: 'One or more validation errors occurred.', status: 400, errors: { budgetUsd: ['budgetUsd must be from 0 to 100000 (USD), or null for no budget.'] } }, 400),
    });
    await user.click(screen.getByRole('button', { name: 'Limits of key cd_AbCdEfG (laptop)' }));
    const panel = await screen.findByRole('region', { name: 'Limits of key cd_AbCdEfG… (laptop)' });
    const budget = await within(panel).findByLabelText('Budget (USD)');

    await user.clear(budget);
    await user.type(budget, 'lots');
    await user.click(within(panel).getByRole('button', { name: 'Save limits' }));

    expect(await within(panel).findByRole('alert')).toHaveTextContent('budgetUsd must be from 0 to 100000 (USD), or null for no budget.');
    expect(calls.filter((c) => c.method === 'PUT').map((c) => (c.body as { budgetUsd: unknown }).budgetUsd)).toEqual(['lots']);
  });
});
