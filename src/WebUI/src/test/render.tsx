import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { vi, type Mock } from 'vitest';
import { AppProviders, AppRoutes } from '../App';
import { API_KEY_STORAGE } from '../auth';
import { FIRING_ALERTS_PATH } from '../components/FiringAlertsPanel';
import { createQueryClient } from '../queryClient';

/** Shows the router's current path and query so tests can assert on the URL. */
export function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

export function renderApp(url: string, { apiKey }: { apiKey?: string } = {}) {
  if (apiKey) window.sessionStorage.setItem(API_KEY_STORAGE, apiKey);
  const queryClient = createQueryClient({ retryDelayMs: 0 });
  const result = render(
    <MemoryRouter initialEntries={[url]}>
      <AppProviders queryClient={queryClient}>
        <AppRoutes />
        <LocationProbe />
      </AppProviders>
    </MemoryRouter>,
  );
  return { ...result, queryClient };
}

export function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

type Reply = Response | Error | (() => Response | Promise<Response>);

/**
 * Stubs global fetch with replies handed out in order; the last one repeats. The dashboard's firing-alerts panel
 * asks its own endpoint: it is answered an empty list beside the mock, so the replies and calls stay the dashboard's
 * (FiringAlertsPanel.test.tsx covers the panel).
 */
export function mockFetch(...replies: Reply[]): Mock<typeof fetch> {
  let index = 0;
  const mock = vi.fn<typeof fetch>(async () => {
    const reply = replies[Math.min(index, replies.length - 1)]!;
    index += 1;
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply();
    return reply.clone();
  });
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    String(input) === FIRING_ALERTS_PATH ? Promise.resolve(json([])) : mock(input, init),
  );
  return mock;
}

/** The URL and Authorization header of the n-th fetch call. */
export function fetchCall(mock: Mock<typeof fetch>, n: number): { url: string; authorization: string | null } {
  const [input, init] = mock.mock.calls[n] ?? [];
  const headers = new Headers(init?.headers);
  return { url: String(input), authorization: headers.get('Authorization') };
}
