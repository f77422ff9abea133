import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_KEY_STORAGE } from '../auth';
import { ADMIN_ME, mockApi, page, type ApiCall } from '../test/api';
import { feedback, requestLog } from '../test/adminFixtures';
import { json, renderApp } from '../test/render';

const KEY = 'cd-admin-key-for-tests';
const LOGS = [requestLog(30), requestLog(29, { statusCode: 500, costUsd: null, modelName: '' }), requestLog(28, { statusCode: 429 })];

function routes(extra: Record<string, (call: ApiCall) => Response> = {}) {
  return {
    'GET /api/me': () => json(ADMIN_ME),
    'GET /api/admin/request-logs': () => json(page(LOGS, { totalCount: 120 })),
    ...extra,
  };
}

const lists = (calls: ApiCall[]) => calls.filter((c) => c.path === '/api/admin/request-logs').map((c) => c.query);

async function open(url = '/admin/request-logs', extra = {}) {
  const api = mockApi(routes(extra));
  const view = renderApp(url, { apiKey: KEY });
  await screen.findByRole('table', { name: 'Request logs' });
  return { ...api, ...view, user: userEvent.setup() };
}

describe('Request logs screen', () => {
  it('shows a sub-microdollar cost as "<$0.000001" with the exact amount on hover, never as $0', async () => {
    await open('/admin/request-logs', {
      'GET /api/admin/request-logs': () => json(page([requestLog(31, { costUsd: 0.0000000011 }), requestLog(32, { costUsd: 0.000011 })])),
    });

    const table = screen.getByRole('table', { name: 'Request logs' });
    expect(within(table).getByText('<$0.000001')).toHaveAttribute('title', '$0.0000000011');
    expect(within(table).getByText('$0.000011')).not.toHaveAttribute('title');
    expect(within(table).queryByText('$0')).toBeNull();
  });

  it('builds the query string from every filter, in a fixed order, with "to" made exclusive', async () => {
    const { calls, user } = await open();
    expect(lists(calls)).toEqual(['page=1&pageSize=50']);
    await user.type(screen.getByLabelText('From (UTC)'), '2025-07-14');
    await user.type(screen.getByLabelText('To (UTC, inclusive)'), '2025-07-20');
    await user.type(screen.getByLabelText('Model'), ' gpt-4o ');
    await user.type(screen.getByLabelText('Status code'), '500');
    await user.type(screen.getByLabelText('Country'), 'DE');
    await user.type(screen.getByLabelText('User ID'), '7');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(lists(calls)).toHaveLength(2));
    expect(lists(calls)[1]).toBe('from=2025-07-14&to=2025-07-21&model=gpt-4o&status=500&country=DE&userId=7&page=1&pageSize=50');
    // The filters live in the URL (as typed, "to" inclusive) so the view can be shared.
    expect(screen.getByTestId('location')).toHaveTextContent(
      /^\/admin\/request-logs\?from=2025-07-14&to=2025-07-20&model=gpt-4o&status=500&country=DE&userId=7$/,
    );
  });

  it('filters by status class, endpoint, minimum latency and key, as the dashboard drill-down does', async () => {
    const { calls, user } = await open();
    await user.selectOptions(screen.getByLabelText('Status class'), '5xx server error');
    await user.type(screen.getByLabelText('Endpoint'), '/v1/chat/completions');
    await user.type(screen.getByLabelText('Min latency (ms)'), '1500');
    await user.type(screen.getByLabelText('API key ID'), '4');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(lists(calls)).toHaveLength(2));
    expect(lists(calls)[1]).toBe('statusClass=5xx&endpoint=%2Fv1%2Fchat%2Fcompletions&minLatencyMs=1500&apiKeyId=4&page=1&pageSize=50');
  });

  it('shows each row\'s time to first token and the name of its key', async () => {
    await open('/admin/request-logs', {
      'GET /api/admin/request-logs': () => json(page([requestLog(51), requestLog(52, { ttftMs: null, apiKeyId: null, apiKeyName: null })])),
    });
    const table = screen.getByRole('table', { name: 'Request logs' });
    expect(within(table).getByRole('columnheader', { name: /^TTFT/ })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: /^Key/ })).toBeInTheDocument();
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(within(first!).getByText('321 ms')).toBeInTheDocument();
    expect(within(first!).getByText('demo-key-3 (#4)')).toBeInTheDocument();
    expect(within(second!).queryByText('demo-key-3 (#4)')).toBeNull();
  });

  it('opens from the dashboard link with only the unpriced rows asked for, and can widen again', async () => {
    const { calls, user } = await open('/admin/request-logs?unpriced=true');
    expect(lists(calls)).toEqual(['unpriced=true&page=1&pageSize=50']);
    expect(screen.getByLabelText('Price')).toHaveValue('true');
    await user.selectOptions(screen.getByLabelText('Price'), 'Any');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(lists(calls)).toHaveLength(2));
    expect(lists(calls)[1]).toBe('page=1&pageSize=50');
  });

  it('filters by source and shows where each row came from', async () => {
    const { calls, user } = await open('/admin/request-logs', {
      'GET /api/admin/request-logs': () => json(page([requestLog(40, { source: 'otlp', endpoint: 'chat' }), requestLog(41)])),
    });
    const [, otlpRow, gatewayRow] = within(screen.getByRole('table', { name: 'Request logs' })).getAllByRole('row');
    expect(within(otlpRow!).getByText('OTLP', { selector: 'td' })).toBeInTheDocument();
    expect(within(gatewayRow!).getByText('Gateway')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Source'), 'OTLP (exported spans)');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(lists(calls)).toHaveLength(2));
    expect(lists(calls)[1]).toBe('source=otlp&page=1&pageSize=50');
  });

  it('leaves out empty filters and goes back to page 1 when filters change', async () => {
    const { calls, user } = await open('/admin/request-logs?page=3&model=llama3.2');
    expect(lists(calls)).toEqual(['model=llama3.2&page=3&pageSize=50']);
    expect(screen.getByLabelText('Model')).toHaveValue('llama3.2');
    await user.clear(screen.getByLabelText('Model'));
    await user.type(screen.getByLabelText('Status code'), '429{Enter}');
    await waitFor(() => expect(lists(calls)).toHaveLength(2));
    expect(lists(calls)[1]).toBe('status=429&page=1&pageSize=50');
  });

  it('sorts by a column header, ascending then descending, and marks it with aria-sort', async () => {
    const { calls, user } = await open();
    const table = screen.getByRole('table', { name: 'Request logs' });
    const idHeader = within(table).getByRole('columnheader', { name: /^ID/ });
    const statusHeader = within(table).getByRole('columnheader', { name: /^Status/ });
    // Without a sort the API lists newest first: by id, descending.
    expect(idHeader).toHaveAttribute('aria-sort', 'descending');
    expect(statusHeader).not.toHaveAttribute('aria-sort');

    await user.click(within(statusHeader).getByRole('button', { name: /Status/ }));
    await waitFor(() => expect(lists(calls)).toHaveLength(2));
    expect(lists(calls)[1]).toBe('page=1&pageSize=50&sort=statusCode&desc=false');
    expect(within(table).getByRole('columnheader', { name: /^Status/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(within(table).getByRole('columnheader', { name: /^ID/ })).not.toHaveAttribute('aria-sort');

    await user.click(within(table).getByRole('button', { name: /Status/ }));
    await waitFor(() => expect(lists(calls)).toHaveLength(3));
    expect(lists(calls)[2]).toBe('page=1&pageSize=50&sort=statusCode&desc=true');
    expect(within(table).getByRole('columnheader', { name: /^Status/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('pages forward and back and changes the page size', async () => {
    const { calls, user } = await open();
    expect(screen.getByText('1–3 of 120 requests')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lists(calls)).toHaveLength(2));
    expect(lists(calls)[1]).toBe('page=2&pageSize=50');
    expect(await screen.findByText('Page 2 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    // Page 1 is still fresh in the cache: shown again without a request.
    expect(await screen.findByText('Page 1 of 3')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/request-logs$/);
    await user.selectOptions(screen.getByLabelText('Rows per page'), '200');
    await waitFor(() => expect(lists(calls)).toHaveLength(3));
    expect(lists(calls)[2]).toBe('page=1&pageSize=200');
  });

  it('shows the fields the API rejected', async () => {
    mockApi(
      routes({
        'GET /api/admin/request-logs': () =>
          json(
            { title: 'One or more fields are invalid.', status: 400, errors: { country: ['Country must be a two-letter ISO country code.'] } },
            400,
            'application/problem+json',
          ),
      }),
    );
    renderApp('/admin/request-logs?country=Germany', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading')).toHaveTextContent('The API did not accept these filters');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('country: Country must be a two-letter ISO country code.');
  });

  it('says so when nothing matches and offers to clear the filters', async () => {
    const { calls } = mockApi(
      routes({ 'GET /api/admin/request-logs': (call: ApiCall) => json(call.query.includes('status=418') ? page([]) : page(LOGS)) }),
    );
    renderApp('/admin/request-logs?status=418', { apiKey: KEY });
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: 'No requests match these filters' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('table', { name: 'Request logs' })).toBeInTheDocument();
    expect(lists(calls)).toEqual(['status=418&page=1&pageSize=50', 'page=1&pageSize=50']);
    expect(screen.getByLabelText('Status code')).toHaveValue('');
  });
});

describe('Request logs CSV export', () => {
  let clicked: HTMLAnchorElement[];
  beforeEach(() => {
    clicked = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:csv-1'), revokeObjectURL: vi.fn() });
  });
  afterEach(() => {
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it('fetches the filtered, sorted set with the Authorization header and saves it as a download', async () => {
    const csv = 'id,createdAt\n30,2025-07-20T09:29:59Z\n';
    const { calls, user } = await open('/admin/request-logs?model=gpt-4o&to=2025-07-20&sort=latencyMs&desc=true&page=2', {
      'GET /api/admin/request-logs/export': () =>
        new Response(csv, {
          status: 200,
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="request-logs-20250720-120000.csv"' },
        }),
    });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Downloaded request-logs-20250720-120000.csv')).toBeInTheDocument();
    const exports = calls.filter((c) => c.path === '/api/admin/request-logs/export');
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({
      method: 'GET',
      query: 'to=2025-07-21&model=gpt-4o&sort=latencyMs&desc=true',
      authorization: `Bearer ${KEY}`,
    });
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('request-logs-20250720-120000.csv');
    expect(clicked[0]!.href).toBe('blob:csv-1');
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]![0] as Blob;
    expect(await blob.text()).toBe(csv);
  });

  it('a rejected key during the export returns to sign-in', async () => {
    const { user } = await open('/admin/request-logs', {
      'GET /api/admin/request-logs/export': () => json({}, 401),
    });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session ended (key rejected). Sign in again.');
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBeNull();
    expect(clicked).toHaveLength(0);
  });

  it('reports a failed export without downloading anything', async () => {
    const { user } = await open('/admin/request-logs', {
      'GET /api/admin/request-logs/export': () => json({}, 503),
    });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the CleanDashboard API: the export failed. Try again.');
    expect(clicked).toHaveLength(0);
  });

  it('shows a failed call without usage as having no cost, not as unpriced', async () => {
    mockApi({
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/request-logs/31': () =>
        json(requestLog(31, { statusCode: 502, costUsd: null, promptTokens: null, completionTokens: null, totalTokens: null })),
    });
    renderApp('/admin/request-logs/31', { apiKey: KEY });
    expect(await screen.findByRole('heading', { level: 2, name: 'Request 31' })).toBeInTheDocument();
    expect(await screen.findByText('502')).toBeInTheDocument();
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    const values = screen.getAllByRole('definition').map((d) => d.textContent);
    expect(values[terms.indexOf('Cost')]).toBe('— (no usage reported)');
  });

  it('searches the captured text with the other filters', async () => {
    const { calls, user } = await open();
    await user.type(screen.getByLabelText('Search captured text'), 'purple zebra');
    await user.type(screen.getByLabelText('Model'), 'demo-echo');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(lists(calls)).toHaveLength(2));
    expect(lists(calls)[1]).toBe('q=purple+zebra&model=demo-echo&page=1&pageSize=50');
  });

  it('shows the captured conversation, what was redacted, the feedback and the session of a request', async () => {
    const { calls } = mockApi({
      'GET /api/admin/request-logs': () => json(page([requestLog(40), requestLog(41), requestLog(42)])),
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/request-logs/41': () =>
        json({
          ...requestLog(41),
          capture: {
            requestBody: '{"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Mail [redacted:email] the report"}]}',
            responseText: '{"text":"Done.","toolCalls":[{"id":"c1","name":"send_mail","arguments":"{\\"to\\":\\"[redacted:email]\\"}"}],"usage":null}',
            truncated: false,
            redactions: { email: 2 },
            requestTruncated: false,
            responseTruncated: false,
            capBytes: 262144,
            contentType: 'application/json',
            userAgent: 'test',
          },
        }),
      'GET /api/admin/feedback': () => json(page([feedback(7, 2, 41), feedback(8, 5, 40)])),
      'GET /api/admin/user-sessions': () =>
        json(
          page([
            {
              id: 9,
              userId: 4,
              userName: 'demo-user-3',
              sessionStart: '2025-07-20T09:00:00Z',
              sessionEnd: null,
              lastActivityAt: '2025-07-20T09:45:00Z',
              ipAddress: '192.0.2.10',
              userAgent: 'test',
              totalRequests: 12,
              totalCost: 0.5,
              totalTokens: 1000,
            },
          ]),
        ),
    });
    renderApp('/admin/request-logs/41', { apiKey: KEY });

    const messages = await screen.findByRole('list', { name: 'Messages' });
    expect(within(messages).getAllByRole('listitem').map((m) => m.getAttribute('aria-label'))).toEqual(['Message 1: system', 'Message 2: user']);
    expect(within(messages).getByText('Mail [redacted:email] the report')).toBeInTheDocument();
    const answer = screen.getByRole('list', { name: 'Answer' });
    expect(within(answer).getByText('Done.')).toBeInTheDocument();
    expect(within(answer).getByText('send_mail')).toBeInTheDocument();
    expect(screen.getByText('Redacted before storage: 2 × email.')).toBeInTheDocument();
    expect(await screen.findByText('Feedback 7')).toBeInTheDocument();
    expect(screen.queryByText('Feedback 8')).toBeNull();
    expect(await screen.findByRole('link', { name: 'Session #9 of demo-user-3' })).toHaveAttribute('href', '/admin/sessions?userId=4');
    const others = await screen.findByRole('navigation', { name: 'Other requests of the session' });
    await waitFor(() => expect(within(others).getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['/admin/request-logs/40', '/admin/request-logs/42']));
    expect(calls.find((c) => c.path === '/api/admin/request-logs')?.query).toBe(
      'userId=4&from=2025-07-20T09%3A00%3A00Z&to=2025-07-20T09%3A45%3A00.001Z&sort=createdAt&desc=false&pageSize=50',
    );
  });
});
