import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API_KEY_STORAGE } from '../auth';
import { ADMIN_ME, MEMBER_ME, mockApi, page } from '../test/api';
import { THREATS } from '../test/adminFixtures';
import { weekResponse } from '../test/fixtures';
import { json, renderApp } from '../test/render';

const KEY = 'cd-some-key-for-tests';

const adminCalls = (calls: { path: string }[]) => calls.filter((c) => c.path.startsWith('/api/admin'));

describe('Admin screens', () => {
  it('open on Threats, with a nav to every admin screen', async () => {
    const { calls } = mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/threats': () => json(page(THREATS)),
    });
    renderApp('/admin', { apiKey: KEY });
    expect(await screen.findByRole('table', { name: 'Threats' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/threats$/);
    expect(screen.getByRole('heading', { level: 1, name: 'Admin' })).toBeInTheDocument();
    const nav = within(screen.getByRole('navigation', { name: 'Admin' }));
    expect(nav.getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Threats', '/admin/threats'],
      ['Feedback', '/admin/feedback'],
      ['Request logs', '/admin/request-logs'],
      ['Sessions', '/admin/sessions'],
      ['Model stats', '/admin/model-stats'],
      ['Users & keys', '/admin/users'],
      ['Alerts', '/admin/alerts'],
    ]);
    expect(nav.getByRole('link', { name: 'Threats' })).toHaveAttribute('aria-current', 'page');
    expect(calls[0]).toMatchObject({ path: '/api/me', authorization: `Bearer ${KEY}` });
    expect(document.title).toBe('Threats · Admin · CleanDashboard');
  });

  it('block a member key: a clear message, no admin nav and no admin request at all', async () => {
    const { calls } = mockApi({
      'GET /api/me': () => json(MEMBER_ME),
      'GET /api/admin/threats': () => json(page(THREATS)),
    });
    renderApp('/admin/threats', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 2 })).toHaveTextContent(/^The admin screens need an admin key$/);
    expect(alert).toHaveTextContent('You are signed in as alice (member), which is not an admin.');
    expect(screen.queryByRole('navigation', { name: 'Admin' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(adminCalls(calls)).toEqual([]);
    expect(calls.map((c) => c.path)).toEqual(['/api/me']);
  });

  it('let a blocked member sign in again with another key', async () => {
    mockApi({ 'GET /api/me': () => json(MEMBER_ME), 'GET /api/dashboard/': () => json(weekResponse()) });
    renderApp('/admin/feedback', { apiKey: KEY });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign in with another key' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBeNull();
  });

  it('show the same message when an admin list answers 403', async () => {
    mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/user-sessions': () => json({}, 403),
    });
    renderApp('/admin/sessions', { apiKey: KEY });
    expect(await screen.findByRole('heading', { level: 2, name: 'The admin screens need an admin key' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('return to sign-in when the key is rejected (401)', async () => {
    mockApi({ 'GET /api/me': () => json({}, 401) });
    renderApp('/admin/threats', { apiKey: KEY });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session ended (key rejected). Sign in again.');
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBeNull();
  });

  it('return to sign-in when a list call is rejected (401)', async () => {
    mockApi({ 'GET /api/me': () => json(ADMIN_ME), 'GET /api/admin/model-usage-stats': () => json({}, 401) });
    renderApp('/admin/model-stats', { apiKey: KEY });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session ended (key rejected). Sign in again.');
  });

  it('say when the API is down and retry on request', async () => {
    let up = false;
    mockApi({
      'GET /api/me': () => (up ? json(ADMIN_ME) : json({}, 502)),
      'GET /api/admin/model-usage-stats': () =>
        json(
          page([
            {
              id: 1,
              date: '2025-07-20',
              modelName: 'gpt-4o',
              totalRequests: 1200,
              successfulRequests: 1188,
              failedRequests: 12,
              totalTokens: 345678,
              totalCost: 12.3456,
              avgLatencyMs: 845.2,
            },
          ]),
        ),
    });
    renderApp('/admin/model-stats', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading')).toHaveTextContent('Cannot reach the CleanDashboard API');
    expect(alert).toHaveTextContent('The API answered HTTP 502.');
    up = true;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    const table = await screen.findByRole('table', { name: 'Daily model usage' });
    expect(within(table).getAllByRole('row')[1]!.textContent).toBe('2025-07-20gpt-4o1,2001,1881299.0%345,678$12.35845 ms');
  });

  it('show a loading state, then an empty state', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/user-sessions': async () => {
        await gate;
        return json(page([]));
      },
    });
    renderApp('/admin/sessions', { apiKey: KEY });
    expect(await screen.findByText('Loading sessions…')).toBeInTheDocument();
    release();
    expect(await screen.findByRole('heading', { name: 'No sessions yet' })).toBeInTheDocument();
  });

  it('are not shown without a key', () => {
    renderApp('/admin/threats');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });
});
