import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/api';
import { weekResponse } from '../test/fixtures';
import { json, renderApp } from '../test/render';

const KEY = 'cd-admin-key-for-tests';

describe('Firing alerts panel on the dashboard', () => {
  it('lists the rules firing now, with value, threshold and since when', async () => {
    const { calls } = mockApi({
      'GET /api/dashboard/': () => json(weekResponse()),
      'GET /api/alerts/firing': () =>
        json([
          { ruleId: 3, name: 'High error rate', metric: 'error_rate', value: 0.1818181818, threshold: 0.1, since: '2025-07-20T10:37:12Z' },
          { ruleId: 5, name: 'Spend', metric: 'cost_usd', value: 12.5, threshold: 10, since: '2025-07-20T11:00:00Z' },
        ]),
    });
    renderApp('/', { apiKey: KEY });

    const panel = await screen.findByRole('region', { name: '2 alerts firing' });
    expect(within(panel).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'High error rate — error_rate 0.1818181818 above 0.1 since 2025-07-20 10:37 UTC',
      'Spend — cost_usd 12.5 above 10 since 2025-07-20 11:00 UTC',
    ]);
    expect(calls.find((c) => c.path === '/api/alerts/firing')).toMatchObject({ authorization: `Bearer ${KEY}` });
  });

  it('shows nothing while no rule fires', async () => {
    mockApi({
      'GET /api/dashboard/': () => json(weekResponse()),
      'GET /api/alerts/firing': () => json([]),
    });
    renderApp('/', { apiKey: KEY });

    await screen.findByRole('group', { name: 'Total requests' });
    expect(screen.queryByRole('region', { name: /firing/ })).not.toBeInTheDocument();
  });
});
