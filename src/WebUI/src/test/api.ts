import { vi, type Mock } from 'vitest';

export interface ApiCall {
  method: string;
  /** Path and query, e.g. "/api/admin/threats?page=1&pageSize=50". */
  url: string;
  path: string;
  query: string;
  authorization: string | null;
  body: unknown;
}

type Handler = (call: ApiCall) => Response | Promise<Response>;

/**
 * Stubs global fetch with a tiny router: `"GET /api/me"` → handler. Unknown routes answer 404
 * (and are recorded) so a test sees a request it did not expect.
 */
export function mockApi(routes: Record<string, Handler>): { fetch: Mock<typeof fetch>; calls: ApiCall[] } {
  const calls: ApiCall[] = [];
  const mock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    const [path = '', query = ''] = url.split('?');
    const headers = new Headers(init?.headers);
    const call: ApiCall = {
      method: init?.method ?? 'GET',
      url,
      path,
      query,
      authorization: headers.get('Authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const handler = routes[`${call.method} ${path}`];
    if (!handler) return new Response(JSON.stringify({ title: 'Not found' }), { status: 404 });
    return handler(call);
  });
  vi.stubGlobal('fetch', mock);
  return { fetch: mock, calls };
}

export function page<T>(items: T[], { page = 1, pageSize = 50, totalCount = items.length } = {}) {
  return { items, page, pageSize, totalCount };
}

export const ADMIN_ME = { userId: 1, name: 'admin', role: 'admin' };
export const MEMBER_ME = { userId: 7, name: 'alice', role: 'member' };
