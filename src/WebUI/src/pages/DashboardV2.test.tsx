import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_ME, mockApi, page } from '../test/api';
import { requestLog } from '../test/adminFixtures';
import { dayV2Response, emptyResponse, weekResponse } from '../test/fixtures';
import { fetchCall, json, mockFetch, renderApp } from '../test/render';

const KEY = 'cd-admin-key-for-tests';

function card(name: string) {
  return within(screen.getByRole('group', { name }));
}

/** A card's change against the previous period, as shown (its tooltip names it). */
function delta(name: string) {
  return card(name).getByTitle('Change against the previous period of the same length');
}

function tableRows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row', { hidden: true })
    .map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent ?? ''));
}

function chartRows(chartName: string): string[][] {
  return tableRows(within(screen.getByRole('figure', { name: chartName })).getByRole('table', { hidden: true }));
}

async function renderDay(url = '/?range=24h') {
  const fetchMock = mockFetch(json(dayV2Response()));
  const view = renderApp(url, { apiKey: KEY });
  await screen.findByRole('group', { name: 'Total requests' });
  return { fetchMock, ...view };
}

afterEach(() => vi.unstubAllGlobals());

describe('Dashboard v2: deltas against the previous period', () => {
  it('shows each change as ▲/▼ and whole percent, judged good or bad by the figure', async () => {
    await renderDay();
    // 15 requests vs 12: more traffic; 1 error vs 2; $0.0154 vs $0.014; 780 ms vs 975 ms; p95 1,800 vs 1,500 ms.
    expect(delta('Total requests')).toHaveTextContent('▲ 25% vs the previous period (better)');
    expect(delta('Errors')).toHaveTextContent('▼ 50% vs the previous period (better)');
    expect(card('Errors').getByText('1')).toBeInTheDocument();
    expect(delta('Total cost')).toHaveTextContent('▲ 10% vs the previous period (worse)');
    expect(delta('Avg latency')).toHaveTextContent('▼ 20% vs the previous period (better)');
    expect(delta('p95 latency')).toHaveTextContent('▲ 20% vs the previous period (worse)');
    expect(card('p95 latency').getByText('1.80 s')).toBeInTheDocument();
    expect(card('p95 latency').getByText('p50 350 ms · p99 2.00 s')).toBeInTheDocument();
    expect(delta('Total tokens')).toHaveTextContent('0% vs the previous period (no judgement)');
    expect(delta('Active users')).toHaveTextContent('▲ 25% vs the previous period (better)');
    expect(card('Time to first token').getByText('150 ms')).toBeInTheDocument();
    expect(card('Time to first token').getByText('average · p50 140 ms · p95 160 ms')).toBeInTheDocument();
  });

  it('shows no change without a previous period (an older server)', async () => {
    mockFetch(json(weekResponse()));
    renderApp('/', { apiKey: KEY });
    await screen.findByRole('group', { name: 'Total requests' });
    expect(screen.queryByText(/vs the previous period/)).toBeNull();
    expect(screen.queryByRole('group', { name: 'Errors' })).toBeNull();
  });

  it('says "—", not "0 ms", for the latency of an empty range', async () => {
    mockFetch(json({ ...emptyResponse(), summary: { ...emptyResponse().summary, p50LatencyMs: null, p95LatencyMs: null, p99LatencyMs: null } }));
    renderApp('/', { apiKey: KEY });
    await screen.findByRole('group', { name: 'Total requests' });
    expect(card('Avg latency').getByText('—')).toBeInTheDocument();
    expect(card('p95 latency').getByText('—')).toBeInTheDocument();
    expect(screen.queryByText('0 ms')).toBeNull();
  });
});

describe('Dashboard v2: honest latency chart', () => {
  it('lists p50, p95, p99 and TTFT per bucket, "—" for buckets without requests, the last one in progress', async () => {
    await renderDay();
    const rows = chartRows('Latency over time');
    expect(rows[0]).toEqual(['Time (UTC)', 'p50', 'p95', 'p99', 'Avg time to first token']);
    expect(rows[1]).toEqual(['Jul 19, 23:00', '—', '—', '—', '—']);
    expect(rows[23]).toEqual(['Jul 20, 21:00', '300 ms', '900 ms', '1.20 s', '150 ms']);
    expect(rows[24]).toEqual(['Jul 20, 22:00 (in progress)', '1.10 s', '1.90 s', '2.00 s', '—']);
    expect(screen.getByRole('img', { name: /p50, p95 and p99 latency.*Buckets without requests are gaps/ })).toBeInTheDocument();
  });

  it('describes cost as bars, not an area', async () => {
    await renderDay();
    expect(screen.getByRole('img', { name: /^Bar chart of cost per bucket, 24 hourly buckets; total \$0\.0154\.$/ })).toBeInTheDocument();
  });

  it('marks nothing in progress for a custom range that ended in the past', async () => {
    mockFetch(json(dayV2Response()));
    renderApp('/?range=custom&start=2025-07-19T23:00:00Z&end=2025-07-20T22:30:00Z', { apiKey: KEY });
    await screen.findByRole('group', { name: 'Total requests' });
    expect(chartRows('Requests over time')[24]![0]).toBe('Jul 20, 22:00');
  });
});

describe('Dashboard v2: filters and time zone in the URL', () => {
  it('sends the filters and the zone from the URL and shows them in the filter bar', async () => {
    const { fetchMock } = await renderDay('/?range=24h&model=llama3.2&userId=2&tz=Asia/Kathmandu');
    expect(fetchCall(fetchMock, 0).url).toBe('/api/dashboard/?range=24h&model=llama3.2&userId=2&tz=Asia%2FKathmandu');
    const bar = within(screen.getByRole('form', { name: 'Dashboard filters' }));
    expect(bar.getByLabelText('Model')).toHaveValue('llama3.2');
    expect(bar.getByLabelText('User ID')).toHaveValue('2');
    expect(bar.getByLabelText('API key ID')).toHaveValue('');
    expect(screen.getByLabelText('Time zone')).toHaveValue('Asia/Kathmandu');
    expect(screen.getByText(/^Filtered by/)).toHaveTextContent('Filtered by model llama3.2, userId 2. Not filtered: threats.');
  });

  it('applies a typed filter, keeps it when the range changes, and clears it', async () => {
    const user = userEvent.setup();
    const { fetchMock } = await renderDay();
    await user.type(screen.getByLabelText('Endpoint'), '/v1/embeddings');
    await user.click(screen.getByRole('button', { name: 'Filter dashboard' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/?range=24h&endpoint=/v1/embeddings'));
    await waitFor(() => expect(fetchCall(fetchMock, fetchMock.mock.calls.length - 1).url).toBe('/api/dashboard/?range=24h&endpoint=%2Fv1%2Fembeddings'));

    await user.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/?range=7d&endpoint=/v1/embeddings'));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/\?range=7d$/));
  });

  it('filters by source with the Source select, kept in the URL and sent to the API', async () => {
    const user = userEvent.setup();
    const { fetchMock } = await renderDay('/?range=24h&source=otlp');
    expect(fetchCall(fetchMock, 0).url).toBe('/api/dashboard/?range=24h&source=otlp');
    const source = within(screen.getByRole('form', { name: 'Dashboard filters' })).getByLabelText('Source');
    expect(source).toHaveValue('otlp');
    expect(within(source).getAllByRole('option').map((option) => option.textContent)).toEqual(['All sources', 'Gateway', 'OTLP export']);

    await user.selectOptions(source, 'gateway');
    await user.click(screen.getByRole('button', { name: 'Filter dashboard' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/\?range=24h&source=gateway$/));
    await waitFor(() => expect(fetchCall(fetchMock, fetchMock.mock.calls.length - 1).url).toBe('/api/dashboard/?range=24h&source=gateway'));

    await user.selectOptions(source, '');
    await user.click(screen.getByRole('button', { name: 'Filter dashboard' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/\?range=24h$/));
  });

  it('defaults to the browser zone and labels buckets in the chosen zone', async () => {
    const user = userEvent.setup();
    const { fetchMock } = await renderDay();
    // jsdom runs in UTC here: UTC is the default and is not sent.
    expect(screen.getByLabelText('Time zone')).toHaveValue('UTC');
    expect(fetchCall(fetchMock, 0).url).toBe('/api/dashboard/?range=24h');

    await user.selectOptions(screen.getByLabelText('Time zone'), 'Europe/Berlin');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/?range=24h&tz=Europe/Berlin'));
    await waitFor(() => expect(fetchCall(fetchMock, fetchMock.mock.calls.length - 1).url).toBe('/api/dashboard/?range=24h&tz=Europe%2FBerlin'));
  });

  it('labels the buckets in the zone the server answered in (UTC+5:45 for Kathmandu)', async () => {
    mockFetch(json({ ...dayV2Response(), timeZone: 'Asia/Kathmandu' }));
    renderApp('/?range=24h&tz=Asia/Kathmandu', { apiKey: KEY });
    await screen.findByRole('group', { name: 'Total requests' });
    const rows = chartRows('Requests over time');
    // 2025-07-19T23:00Z is 04:45 on Jul 20 in Kathmandu; the hour labels name the hour it starts in.
    expect(rows[0]![0]).toBe('Time (Asia/Kathmandu)');
    expect(rows[1]![0]).toBe('Jul 20, 04:00');
  });
});

describe('Dashboard v2: breakdowns and drill-down', () => {
  it('lists the top users, keys and endpoints with their figures', async () => {
    await renderDay();
    expect(tableRows(screen.getByRole('table', { name: 'Top users' }))).toEqual([
      ['User', 'Requests', 'Tokens', 'Cost'],
      ['alice', '10', '2,000', '$0.012'],
      ['bob', '5', '1,000', '$0.0034'],
    ]);
    expect(tableRows(screen.getByRole('table', { name: 'Top API keys' }))).toEqual([
      ['Key', 'User', 'Requests', 'Tokens', 'Cost'],
      ['alice-laptop', 'alice', '10', '2,000', '$0.012'],
    ]);
    expect(tableRows(screen.getByRole('table', { name: 'Top endpoints' }))).toEqual([
      ['Endpoint', 'Requests', 'Errors', 'p95 latency'],
      ['/v1/chat/completions', '14', '1', '1.80 s'],
      ['/v1/embeddings', '1', '0', '90 ms'],
    ]);
  });

  it('links each row to the request logs of the window under the filters, and each bucket to its hour', async () => {
    await renderDay('/?range=24h&model=llama3.2');
    const window = 'from=2025-07-19T23:00:00Z&to=2025-07-20T23:00:00Z';
    expect(screen.getByRole('link', { name: 'Request logs of user alice' })).toHaveAttribute(
      'href',
      `/admin/request-logs?${window}&model=llama3.2&userId=2`,
    );
    expect(screen.getByRole('link', { name: 'Request logs of key alice-laptop' })).toHaveAttribute(
      'href',
      `/admin/request-logs?${window}&model=llama3.2&apiKeyId=7`,
    );
    expect(screen.getByRole('link', { name: 'Request logs of endpoint /v1/embeddings' })).toHaveAttribute(
      'href',
      `/admin/request-logs?${window}&model=llama3.2&endpoint=/v1/embeddings`,
    );
    const requests = within(screen.getByRole('figure', { name: 'Requests over time' }));
    expect(requests.getByRole('link', { name: 'Request logs of Jul 20, 21:00', hidden: true })).toHaveAttribute(
      'href',
      '/admin/request-logs?from=2025-07-20T21:00:00Z&to=2025-07-20T22:00:00Z&model=llama3.2',
    );
  });

  it('opens the request logs filtered to the row when a row is clicked', async () => {
    const user = userEvent.setup();
    const { calls } = mockApi({
      'GET /api/dashboard/': () => json(dayV2Response()),
      'GET /api/me': () => json(ADMIN_ME),
      'GET /api/admin/request-logs': () => json(page([requestLog(41, { endpoint: '/v1/embeddings' })])),
    });
    renderApp('/?range=24h', { apiKey: KEY });
    await user.click(await screen.findByRole('link', { name: 'Request logs of endpoint /v1/embeddings' }));

    const filters = within(await screen.findByRole('form', { name: 'Request log filters' }));
    expect(filters.getByLabelText('Endpoint')).toHaveValue('/v1/embeddings');
    expect(filters.getByLabelText('From (UTC)')).toHaveValue('2025-07-19T23:00:00Z');
    expect(filters.getByLabelText('To (UTC, exclusive)')).toHaveValue('2025-07-20T23:00:00Z');
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/admin/request-logs').map((c) => c.query)).toEqual([
        'from=2025-07-19T23%3A00%3A00Z&to=2025-07-20T23%3A00%3A00Z&endpoint=%2Fv1%2Fembeddings&page=1&pageSize=50',
      ]),
    );
  });
});
