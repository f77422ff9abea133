import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { focusManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEY_STORAGE } from '../auth';
import { dayResponse, emptyResponse, weekResponse } from '../test/fixtures';
import { fetchCall, json, mockFetch, renderApp } from '../test/render';

const KEY = 'cd-admin-key-for-tests';

function card(name: string) {
  return within(screen.getByRole('group', { name }));
}

/** Rows of a chart's data table as arrays of cell texts (header row first). */
function tableRows(chartName: string): string[][] {
  const figure = screen.getByRole('figure', { name: chartName });
  const table = within(figure).getByRole('table', { hidden: true });
  return within(table)
    .getAllByRole('row', { hidden: true })
    .map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent ?? ''));
}

async function renderWeek() {
  const fetchMock = mockFetch(json(weekResponse()));
  const view = renderApp('/', { apiKey: KEY });
  await screen.findByRole('group', { name: 'Total requests' });
  return { fetchMock, ...view };
}

describe('Dashboard with a full response', () => {
  it('asks for the default 7-day range with the key as a Bearer token', async () => {
    const { fetchMock } = await renderWeek();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchCall(fetchMock, 0)).toEqual({ url: '/api/dashboard/?range=7d', authorization: `Bearer ${KEY}` });
    expect(screen.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
  });

  it('renders every summary card with its formatted number', async () => {
    await renderWeek();
    const expected: Array<[string, string, string?]> = [
      ['Total requests', '12,450', '483 errors'],
      ['Success rate', '96.1%', '11,967 succeeded'],
      ['Avg latency', '2.45 s'],
      ['Total cost', '$1,234.56'],
      ['Total tokens', '2,450,000', '2.45M'],
      ['Avg tokens per request', '196.77'],
      ['Avg cost per request', '$0.099'],
      ['Active users', '125'],
      ['Sessions', '450'],
      ['Avg session cost', '$2.45'],
      ['Avg requests per session', '12.5'],
      ['Average rating', '4.2 ★', 'of 234 ratings'],
      ['Unresolved threats', '12', '2 critical · 8 high · 45 total'],
    ];
    for (const [name, value, detail] of expected) {
      const group = screen.getByRole('group', { name });
      expect(group.querySelector('.card-value')).toHaveTextContent(value);
      if (detail) expect(group.querySelector('.card-detail')).toHaveTextContent(detail);
    }
    expect(screen.getAllByRole('group').filter((g) => g.classList.contains('card'))).toHaveLength(expected.length);
  });

  it('shows the unpriced requests beside the total cost, linking to those request logs', async () => {
    const week = weekResponse();
    mockFetch(json({ ...week, summary: { ...week.summary, unpricedRequests: 1234, unpricedModels: ['llama3.2', 'my-model', 'a', 'b'] } }));
    renderApp('/', { apiKey: KEY });
    const cost = await screen.findByRole('group', { name: 'Total cost' });

    expect(cost.querySelector('.card-value')).toHaveTextContent('$1,234.56');
    expect(cost.querySelector('.card-detail')).toHaveTextContent('1,234 unpriced requests (llama3.2, my-model, a +1 more) not included');
    expect(within(cost).getByRole('link', { name: '1,234 unpriced requests' })).toHaveAttribute('href', '/admin/request-logs?unpriced=true');
    expect(cost).toHaveClass('card-warn');
  });

  it('shows no unpriced note when every request with tokens has a price', async () => {
    await renderWeek();
    const cost = screen.getByRole('group', { name: 'Total cost' });

    expect(cost.querySelector('.card-detail')).toBeNull();
    expect(within(cost).queryByRole('link')).toBeNull();
  });

  it('renders each chart with a named figure, an image label and a data table', async () => {
    await renderWeek();
    expect(tableRows('Requests over time')).toEqual([
      ['Time (UTC)', 'Success', 'Error', 'Total'],
      ['Jul 14, 2025', '1,450', '23', '1,473'],
      ['Jul 15, 2025', '1,620', '80', '1,700'],
      ['Jul 16, 2025', '1,710', '90', '1,800'],
      ['Jul 17, 2025', '1,800', '70', '1,870'],
      ['Jul 18, 2025', '1,690', '60', '1,750'],
      ['Jul 19, 2025', '1,847', '80', '1,927'],
      ['Jul 20, 2025 (in progress)', '1,850', '80', '1,930'],
    ]);
    expect(tableRows('Cost over time')).toEqual([
      ['Time (UTC)', 'Cost'],
      ['Jul 14, 2025', '$245.67'],
      ['Jul 15, 2025', '$150.50'],
      ['Jul 16, 2025', '$180.25'],
      ['Jul 17, 2025', '$200.00'],
      ['Jul 18, 2025', '$160.14'],
      ['Jul 19, 2025', '$148.00'],
      ['Jul 20, 2025 (in progress)', '$150.00'],
    ]);
    expect(tableRows('Latency over time')).toEqual([
      ['Time (UTC)', 'Avg latency'],
      ['Jul 14, 2025', '2.45 s'],
      ['Jul 15, 2025', '2.30 s'],
      ['Jul 16, 2025', '2.50 s'],
      ['Jul 17, 2025', '2.60 s'],
      ['Jul 18, 2025', '2.40 s'],
      ['Jul 19, 2025', '2.45 s'],
      ['Jul 20, 2025 (in progress)', '850 ms'],
    ]);
    expect(tableRows('Errors by status code')).toEqual([
      ['Status code', 'Requests'],
      ['429', '200'],
      ['400', '120'],
      ['500', '90'],
      ['401', '45'],
      ['503', '28'],
    ]);
    expect(tableRows('Top models')).toEqual([
      ['Model', 'Requests'],
      ['llama3.2', '6,200'],
      ['gpt-4o-mini', '4,100'],
      ['claude-3-haiku', '2,150'],
    ]);
    expect(tableRows('Top countries')).toEqual([
      ['Country', 'Requests'],
      ['United States (US)', '4,389'],
      ['Germany (DE)', '3,100'],
      ['Unknown', '961'],
    ]);
    expect(tableRows('Ratings')).toEqual([
      ['Stars', 'Ratings'],
      ['5 ★', '120'],
      ['4 ★', '80'],
      ['3 ★', '25'],
      ['2 ★', '7'],
      ['1 ★', '2'],
    ]);
    expect(tableRows('Threats')).toEqual([
      ['Threat type', 'Count'],
      ['rate_limit', '20'],
      ['prompt_injection', '15'],
      ['brute_force', '10'],
    ]);

    const threats = within(screen.getByRole('figure', { name: 'Threats' }));
    const stats = Array.from(threats.getByText('Total', { selector: 'dt' }).closest('dl')!.querySelectorAll('div')).map(
      (d) => d.textContent,
    );
    expect(stats).toEqual(['Total45', 'Unresolved12', 'Critical2', 'High8']);

    expect(
      within(screen.getByRole('figure', { name: 'Requests over time' })).getByRole('img', {
        name: 'Stacked bars of successful and failed requests, 7 daily buckets from Jul 14, 2025 to Jul 20, 2025 UTC: 11,967 successful, 483 errors. The last bucket is in progress. Click a bar to open its request logs.',
      }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('figure', { name: 'Ratings' })).getByRole('img', {
        name: 'Bar chart of ratings from 5 stars to 1 star: 5 stars: 120, 4 stars: 80, 3 stars: 25, 2 stars: 7, 1 stars: 2.',
      }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('figure')).toHaveLength(8);
  });

  it('draws the charts (recharts loads lazily) with a labelled day on the axis for every request bucket', async () => {
    await renderWeek();
    const requests = within(screen.getByRole('figure', { name: 'Requests over time' })).getByRole('img');
    await waitFor(() => expect(within(requests).queryByText('Loading chart…')).toBeNull());
    expect(await axisLabels(requests, /^Jul \d+$/)).toEqual(['Jul 14', 'Jul 15', 'Jul 16', 'Jul 17', 'Jul 18', 'Jul 19', 'Jul 20']);
    const latency = within(screen.getByRole('figure', { name: 'Latency over time' })).getByRole('img');
    expect(await axisLabels(latency, /^Jul \d+$/)).toEqual(['Jul 14', 'Jul 15', 'Jul 16', 'Jul 17', 'Jul 18', 'Jul 19', 'Jul 20']);
    // One bar per day and series, named for what it draws; the latency line carries the name on its curve and its 7 dots.
    expect(within(requests).getAllByLabelText('Success bar')).toHaveLength(7);
    expect(within(requests).getAllByLabelText('Error bar')).toHaveLength(7);
    expect(within(latency).getAllByLabelText('Avg latency line')).toHaveLength(8);
  });

  it('toggles a chart table into view and out again', async () => {
    const user = userEvent.setup();
    await renderWeek();
    const figure = within(screen.getByRole('figure', { name: 'Top models' }));
    const toggle = figure.getByRole('button', { name: 'Show table: Top models' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(figure.getByRole('table').parentElement).toHaveClass('visually-hidden');
    await user.click(toggle);
    const hide = figure.getByRole('button', { name: 'Hide table: Top models' });
    expect(hide).toHaveAttribute('aria-expanded', 'true');
    expect(hide).toHaveTextContent('Hide table');
    expect(figure.getByRole('table').parentElement).toHaveClass('chart-table');
    await user.click(hide);
    expect(figure.getByRole('table').parentElement).toHaveClass('visually-hidden');
  });

  it('shows when the data was fetched, in UTC, and refreshes on demand', async () => {
    const user = userEvent.setup();
    const { fetchMock } = await renderWeek();
    expect(screen.getByText(/^Last updated \d{2}:\d{2}:\d{2} UTC$/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(fetchCall(fetchMock, 1).url).toBe('/api/dashboard/?range=7d');
  });

  it('labels hourly buckets HH:00 for the 24h range', async () => {
    const fetchMock = mockFetch(json(dayResponse()));
    renderApp('/?range=24h', { apiKey: KEY });
    await screen.findByRole('group', { name: 'Total requests' });
    expect(fetchCall(fetchMock, 0).url).toBe('/api/dashboard/?range=24h');
    expect(card('Total requests').getByText('15')).toBeInTheDocument();
    expect(card('Success rate').getByText('93.3%')).toBeInTheDocument();
    expect(card('Avg latency').getByText('780 ms')).toBeInTheDocument();
    expect(card('Total cost').getByText('$0.0154')).toBeInTheDocument();
    expect(card('Avg cost per request').getByText('$0.00103')).toBeInTheDocument();
    const rows = tableRows('Requests over time');
    expect(rows).toHaveLength(25);
    expect(rows[1]).toEqual(['Jul 19, 23:00', '0', '0', '0']);
    expect(rows[23]).toEqual(['Jul 20, 21:00', '9', '1', '10']);
    expect(rows[24]).toEqual(['Jul 20, 22:00 (in progress)', '5', '0', '5']);
    expect(tableRows('Cost over time')[23]).toEqual(['Jul 20, 21:00', '$0.012']);
    const requests = within(screen.getByRole('figure', { name: 'Requests over time' })).getByRole('img');
    const ticks = await axisLabels(requests, /^\d{2}:00$/);
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks[0]).toBe('23:00');
    expect(within(requests).queryAllByText(/^Jul \d+/)).toEqual([]);
  });

  it('shows sub-cent money as it is, never as $0, with the exact figure on hover when it is rounded', async () => {
    const day = dayResponse();
    const response = {
      ...day,
      summary: { ...day.summary, totalCost: 0.000834, avgCostPerRequest: 0.00000285 },
      costs: day.costs.map((point, index) => ({ ...point, cost: index === 22 ? 0.000011 : 0 })),
    };
    mockFetch(json(response));
    renderApp('/?range=24h', { apiKey: KEY });
    await screen.findByRole('group', { name: 'Total cost' });

    expect(card('Total cost').getByText('$0.000834')).not.toHaveAttribute('title');
    expect(card('Avg cost per request').getByText('$0.0000029')).toHaveAttribute('title', '$0.00000285');
    expect(tableRows('Cost over time')[23]).toEqual(['Jul 20, 21:00', '$0.000011']);
  });

  it('fetches again with the new range when the range changes', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch(json(weekResponse()), json(dayResponse()));
    renderApp('/', { apiKey: KEY });
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Last 24 hours' }));
    expect(await screen.findByText('15', { selector: '.card-value' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/?range=24h');
    expect(fetchCall(fetchMock, 1).url).toBe('/api/dashboard/?range=24h');
  });
});

describe('Dashboard states', () => {
  it('shows a loading state while the first answer is on its way', async () => {
    let resolve: (response: Response) => void = () => {};
    mockFetch(() => new Promise<Response>((r) => (resolve = r)));
    renderApp('/', { apiKey: KEY });
    expect(await screen.findByRole('status')).toHaveTextContent('Loading dashboard…');
    resolve(json(weekResponse()));
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    expect(screen.queryByText('Loading dashboard…')).not.toBeInTheDocument();
  });

  it('shows the empty state when there were no requests', async () => {
    mockFetch(json(emptyResponse()));
    renderApp('/', { apiKey: KEY });
    expect(await screen.findByRole('heading', { name: 'No requests in this range yet' })).toBeInTheDocument();
    expect(card('Total requests').getByText('0')).toBeInTheDocument();
    expect(card('Success rate').getByText('—')).toBeInTheDocument();
    expect(card('Average rating').getByText('No ratings yet')).toBeInTheDocument();
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('shows the error state with Retry when the API cannot be reached, then recovers', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch(new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), json(weekResponse()));
    renderApp('/', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Cannot reach the CleanDashboard API' })).toBeInTheDocument();
    // The first try and exactly one automatic retry.
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('treats a 5xx answer as the API being unavailable', async () => {
    mockFetch(json({ title: 'boom' }, 503));
    renderApp('/', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Cannot reach the CleanDashboard API');
    expect(alert).toHaveTextContent('The API answered HTTP 503.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled();
  });

  it('asks to wait on a 429 and does not retry by itself', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch(json({}, 429), json(weekResponse()));
    renderApp('/', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading')).toHaveTextContent('Too many requests right now. Wait a moment and try again.');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('12,450')).toBeInTheDocument();
  });

  it('keeps the last data on screen with a banner when a refresh fails', async () => {
    const user = userEvent.setup();
    mockFetch(json(weekResponse()), json({}, 502));
    renderApp('/', { apiKey: KEY });
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/^Cannot reach the CleanDashboard API Showing data from \d{2}:\d{2}:\d{2} UTC\.Retry$/);
    expect(screen.getByText('12,450')).toBeInTheDocument();
  });

  it('lists the 400 problem-details errors for a bad custom range', async () => {
    const fetchMock = mockFetch(
      json(
        {
          type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: { End: ['The range may span at most 366 days.'], Start: ['Start must be before End.'] },
        },
        400,
        'application/problem+json',
      ),
    );
    renderApp('/?range=custom&start=2024-01-01T00:00:00Z&end=2025-06-01T00:00:00Z', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading')).toHaveTextContent('The API did not accept this range');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'End: The range may span at most 366 days.',
      'Start: Start must be before End.',
    ]);
    expect(fetchCall(fetchMock, 0).url).toBe(
      '/api/dashboard/?range=custom&start=2024-01-01T00%3A00%3A00Z&end=2025-06-01T00%3A00%3A00Z',
    );
    // A 400 will not change on its own: no automatic retry.
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('does not call the API for a custom range without both ends', async () => {
    const fetchMock = mockFetch(json(weekResponse()));
    renderApp('/?range=custom&start=2025-01-01T00:00:00Z', { apiKey: KEY });
    expect(await screen.findByRole('heading', { name: 'Choose a custom range' })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('returns to sign-in with a message when the key is rejected (401)', async () => {
    mockFetch(json({}, 401));
    renderApp('/?range=24h', { apiKey: KEY });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session ended (key rejected). Sign in again.');
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/signin$/);
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBeNull();
  });

  it('returns to sign-in when a later refresh gets a 401', async () => {
    const user = userEvent.setup();
    mockFetch(json(weekResponse()), json({}, 401));
    renderApp('/', { apiKey: KEY });
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session ended (key rejected). Sign in again.');
    expect(window.sessionStorage.getItem(API_KEY_STORAGE)).toBeNull();
  });

  it('says so when the key lost its admin rights (403)', async () => {
    mockFetch(json({}, 403));
    renderApp('/', { apiKey: KEY });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This key is not an admin key; the dashboard needs an admin key');
    expect(within(alert).getByRole('button', { name: 'Sign in with another key' })).toBeInTheDocument();
  });
});

/** The axis labels a user reads on a drawn chart, left to right: its texts that match the pattern. */
async function axisLabels(chart: HTMLElement, pattern: RegExp): Promise<string[]> {
  const labels = await within(chart).findAllByText(pattern);
  return labels.map((label) => label.textContent ?? '');
}

// Only the clocks React Query uses; faking animation frames would make recharts redraw thousands of times.
function useFakeClock() {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

describe('Auto refresh', () => {
  afterEach(() => {
    focusManager.setFocused(undefined);
    vi.useRealTimers();
  });

  it('fetches again every 30 seconds', async () => {
    useFakeClock();
    const fetchMock = mockFetch(json(weekResponse()));
    renderApp('/', { apiKey: KEY });
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(28_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('pauses while the tab is hidden and catches up when it is shown', async () => {
    useFakeClock();
    const fetchMock = mockFetch(json(weekResponse()));
    renderApp('/', { apiKey: KEY });
    expect(await screen.findByText('12,450')).toBeInTheDocument();
    focusManager.setFocused(false);
    await vi.advanceTimersByTimeAsync(95_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    focusManager.setFocused(true);
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
  });
});
