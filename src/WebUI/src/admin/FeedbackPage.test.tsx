import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ADMIN_ME, mockApi, page } from '../test/api';
import { feedback, requestLog } from '../test/adminFixtures';
import { json, renderApp } from '../test/render';

const KEY = 'cd-admin-key-for-tests';

describe('Feedback screen', () => {
  it('shows each rating as stars that read "N of 5 stars", with text, user, date and the request', async () => {
    mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/feedback': () => json(page([feedback(9, 4, 123), feedback(8, 1, 120), feedback(7, 5, 119)])),
    });
    renderApp('/admin/feedback', { apiKey: KEY });
    const table = await screen.findByRole('table', { name: 'Feedback' });
    const stars = within(table).getAllByRole('img');
    expect(stars.map((s) => s.getAttribute('aria-label'))).toEqual(['4 of 5 stars', '1 of 5 stars', '5 of 5 stars']);
    expect(within(table).getByRole('img', { name: '4 of 5 stars' })).toHaveTextContent(/^★★★★★$/);
    expect(within(table).getByRole('img', { name: '4 of 5 stars' }).querySelector('.stars-on')).toHaveTextContent(/^★★★★$/);

    const row = within(table).getByRole('row', { name: /^9 / });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '★★★★★',
      'Feedback 9',
      'demo-user-3 (#4)',
      'gpt-4o',
      '2025-07-20 09:30',
      '#123',
    ]);
    expect(within(row).getByRole('link', { name: 'Request 123 of feedback 9' })).toHaveAttribute('href', '/admin/request-logs/123');
  });

  it('marks the ratings whose request has a captured conversation', async () => {
    mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/feedback': () => json(page([{ ...feedback(9, 1, 123), hasCapture: true }, feedback(8, 5, 120)])),
    });
    renderApp('/admin/feedback', { apiKey: KEY });
    const table = await screen.findByRole('table', { name: 'Feedback' });
    const requestCell = (id: number) => within(within(table).getByRole('row', { name: new RegExp(`^${id} `) })).getAllByRole('cell').at(-1);
    expect(requestCell(9)).toHaveTextContent(/^#123conversation$/);
    expect(requestCell(8)).toHaveTextContent(/^#120$/);
    expect(within(table).getByRole('link', { name: 'Request 123 of feedback 9' })).toHaveAttribute('href', '/admin/request-logs/123');
  });

  it('opens the request behind a rating', async () => {
    const { calls } = mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/feedback': () => json(page([feedback(9, 4, 123)])),
      'GET /api/admin/request-logs/123': () => json(requestLog(123, { statusCode: 502, costUsd: null })),
    });
    renderApp('/admin/feedback', { apiKey: KEY });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Request 123 of feedback 9' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Request 123' })).toBeInTheDocument();
    expect(await screen.findByText('502')).toBeInTheDocument();
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    const values = screen.getAllByRole('definition').map((d) => d.textContent);
    const details = Object.fromEntries(terms.map((t, i) => [t, values[i]]));
    expect(details).toMatchObject({
      'Time (UTC)': '2025-07-20 09:29:59',
      Endpoint: '/v1/chat/completions',
      'Status code': '502',
      Model: 'gpt-4o',
      Latency: '1.23 s',
      'Total tokens': '150',
      Cost: 'unpriced (no price known for this model)',
      Country: 'DE',
      User: 'demo-user-3 (#4)',
    });
    // The detail page then also asks for the request's feedback and session, so the request is not the last call.
    expect(calls.find((c) => c.path === '/api/admin/request-logs/123')).toMatchObject({ authorization: `Bearer ${KEY}` });
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/request-logs\/123$/);
  });

  it('says when a request log no longer exists', async () => {
    mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/request-logs/5': () => json({ title: 'Not found.', status: 404, detail: 'Request log "5" was not found.' }, 404),
    });
    renderApp('/admin/request-logs/5', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading')).toHaveTextContent('Request 5 not found');
    expect(alert).toHaveTextContent('Request log "5" was not found.');
  });

  it('filters by rating', async () => {
    const { calls } = mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/feedback': () => json(page([feedback(9, 2, 123)])),
    });
    renderApp('/admin/feedback', { apiKey: KEY });
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Feedback' });
    await user.selectOptions(screen.getByLabelText('Rating'), '2 stars');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/feedback\?rating=2$/));
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/admin/feedback')).toHaveLength(2));
    expect(calls.filter((c) => c.path === '/api/admin/feedback').map((c) => c.query)).toEqual([
      'page=1&pageSize=50',
      'rating=2&page=1&pageSize=50',
    ]);
  });
});
