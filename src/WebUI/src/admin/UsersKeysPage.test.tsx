import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_ME, mockApi, page, type ApiCall } from '../test/api';
import { KEYS, USERS } from '../test/adminFixtures';
import { json, renderApp } from '../test/render';

const KEY = 'cd-admin-key-for-tests';
const NEW_KEY = 'cd_NewKeyNewKey0123456789abcdefghijklmnop';

function routes(extra: Record<string, (call: ApiCall) => Response | Promise<Response>> = {}) {
  return {
    'GET /api/me': () => json(ADMIN_ME),
    'GET /api/admin/users': () => json(page(USERS)),
    'GET /api/admin/api-keys': () => json(page(KEYS)),
    'POST /api/admin/api-keys': (call: ApiCall) => {
      const body = call.body as { userName: string; keyName: string };
      return json({ id: 9, userId: 2, name: body.keyName, prefix: NEW_KEY.slice(0, 10), key: NEW_KEY, createdAt: '2025-07-20T12:00:00Z' }, 201);
    },
    'POST /api/admin/users': (call: ApiCall) => {
      const body = call.body as { name: string; role: string };
      return json({ id: 5, name: body.name, role: body.role, createdAt: '2025-07-20T12:00:00Z' }, 201);
    },
    ...extra,
  };
}

async function open(extra = {}) {
  const api = mockApi(routes(extra));
  const view = renderApp('/admin/users', { apiKey: KEY });
  await screen.findByRole('table', { name: 'API keys' });
  await screen.findByRole('option', { name: 'alice (member)' });
  return { ...api, ...view, user: userEvent.setup() };
}

async function createKey(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(screen.getByLabelText('User'), 'alice (member)');
  await user.type(screen.getByLabelText('Key name'), ' ci runner ');
  await user.click(screen.getByRole('button', { name: 'Create key' }));
  return screen.findByRole('region', { name: /^New key/ });
}

/** Replaces navigator.clipboard (after userEvent.setup(), which installs its own stub) for one test. */
function setClipboard(value: unknown) {
  Object.defineProperty(window.navigator, 'clipboard', { value, configurable: true, writable: true });
}

let savedClipboard: PropertyDescriptor | undefined;
beforeEach(() => {
  savedClipboard = Object.getOwnPropertyDescriptor(window.navigator, 'clipboard');
});
afterEach(() => {
  if (savedClipboard) Object.defineProperty(window.navigator, 'clipboard', savedClipboard);
  else Reflect.deleteProperty(window.navigator, 'clipboard');
});

describe('Users & keys screen', () => {
  it('lists users and keys with prefix, name, created, last used and revoked', async () => {
    await open();
    const users = screen.getByRole('table', { name: 'Users' });
    expect(within(users).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
      '1adminadmin2025-07-01 00:001Limits',
      '2alicemember2025-07-02 00:001Limits',
    ]);
    const keys = screen.getByRole('table', { name: 'API keys' });
    const [active, revoked] = within(keys).getAllByRole('row').slice(1);
    expect(within(active!).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '3',
      'laptop',
      'alice (#2)',
      '2025-07-02 00:00',
      '2025-07-20 08:00',
      'Active',
      'Limits',
      'Revoke',
    ]);
    expect(within(active!).getByRole('rowheader')).toHaveTextContent('cd_AbCdEfG…');
    expect(within(revoked!).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '2',
      'old',
      'alice (#2)',
      '2025-07-01 00:00',
      'never',
      'Revoked 2025-07-10 00:00',
      'Limits',
      '—',
    ]);
  });

  it('creates a key and shows it once, with a Copy button that uses the clipboard', async () => {
    const { calls, user } = await open();
    const writeText = vi.fn(async (_text: string) => {});
    setClipboard({ writeText });
    const panel = await createKey(user);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      expect.objectContaining({ path: '/api/admin/api-keys', body: { userName: 'alice', keyName: 'ci runner' }, authorization: `Bearer ${KEY}` }),
    ]);
    expect(panel).toHaveTextContent('New key “ci runner” for alice');
    expect(panel).toHaveTextContent('Copy it now: this is the only time it is shown.');
    const field = within(panel).getByLabelText('New API key');
    expect(field).toHaveValue(NEW_KEY);
    expect(field).toHaveAttribute('readonly');
    expect(field).toHaveFocus();

    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(NEW_KEY);
    expect(within(panel).getByRole('status')).toHaveTextContent('Copied to the clipboard.');

    // Once hidden, the key is gone from the page for good.
    await user.click(within(panel).getByRole('button', { name: 'Done, hide the key' }));
    expect(screen.queryByRole('region', { name: /^New key/ })).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(NEW_KEY);
    // The key list is loaded again to show the new key's prefix.
    expect(calls.filter((c) => c.path === '/api/admin/api-keys' && c.method === 'GET').length).toBeGreaterThanOrEqual(2);
  });

  it('falls back to selecting the key when the clipboard is not available', async () => {
    const { user } = await open();
    setClipboard(undefined);
    const panel = await createKey(user);
    const field = within(panel).getByLabelText<HTMLInputElement>('New API key');
    field.setSelectionRange(0, 0);
    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(within(panel).getByRole('status')).toHaveTextContent(
      'Copying is not available here. The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    );
    expect(field).toHaveFocus();
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, NEW_KEY.length]);
  });

  it('says so when the clipboard refuses', async () => {
    const { user } = await open();
    setClipboard({ writeText: vi.fn(async () => Promise.reject(new Error('denied'))) });
    const panel = await createKey(user);
    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(within(panel).getByRole('status')).toHaveTextContent(/^Copying is not available here/);
  });

  it('revokes a key only after confirming', async () => {
    const { calls, user } = await open({
      'POST /api/admin/api-keys/3/revoke': () => json({ ...KEYS[0], revoked: true, revokedAt: '2025-07-20T12:00:00Z' }),
    });
    await user.click(screen.getByRole('button', { name: 'Revoke key cd_AbCdEfG (laptop)' }));
    const confirm = screen.getByRole('group', { name: 'Confirm revoking key cd_AbCdEfG' });
    expect(confirm).toHaveTextContent('Revoke this key?');
    expect(within(confirm).getByRole('button', { name: 'Yes, revoke' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Revoke key cd_AbCdEfG (laptop)' }));
    await user.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    expect(await screen.findByText('Key cd_AbCdEfG… (laptop) revoked.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([['/api/admin/api-keys/3/revoke', undefined]]);
  });

  it('creates a user with a name and role and shows validation errors', async () => {
    const { calls, user } = await open();
    const form = within(screen.getByRole('form', { name: 'Create a user' }));
    await user.type(form.getByLabelText('Name'), 'bob');
    await user.selectOptions(form.getByLabelText('Role'), 'admin');
    await user.click(form.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User bob (admin) created.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([['/api/admin/users', { name: 'bob', role: 'admin' }]]);
    expect(form.getByLabelText('Name')).toHaveValue('');
  });

  it('shows why the API refused a new user', async () => {
    const { user } = await open({
      'POST /api/admin/users': () =>
        json({ title: 'One or more fields are invalid.', errors: { Name: ["A user named 'alice' already exists."] } }, 400, 'application/problem+json'),
    });
    const form = within(screen.getByRole('form', { name: 'Create a user' }));
    await user.type(form.getByLabelText('Name'), 'alice');
    await user.click(form.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Name: A user named 'alice' already exists.");
    expect(form.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.queryByText(/created\.$/)).not.toBeInTheDocument());
  });
});

describe('Users & keys screen, when the server is slow', () => {
  it('offers a user created while the first list of users was still loading as a key owner', async () => {
    // Every list read before bob exists answers only after he was created; the lists must be read again.
    const held: Array<() => void> = [];
    let created = false;
    mockApi(
      routes({
        'GET /api/admin/users': () => {
          if (created) return json(page([...USERS, { ...USERS[1]!, id: 5, name: 'bob' }]));
          return new Promise<Response>((resolve) => held.push(() => resolve(json(page(USERS)))));
        },
        'POST /api/admin/users': (call: ApiCall) => {
          created = true;
          return json({ id: 5, name: (call.body as { name: string }).name, role: 'member', createdAt: '2025-07-20T12:00:00Z' }, 201);
        },
      }),
    );
    renderApp('/admin/users', { apiKey: KEY });
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Create a user' }));
    await user.type(form.getByLabelText('Name'), 'bob');
    await user.click(form.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User bob (member) created.')).toBeInTheDocument();
    held.forEach((answer) => answer());

    const keyForm = within(screen.getByRole('form', { name: 'Create an API key' }));
    expect(await keyForm.findByRole('option', { name: 'bob (member)' })).toBeInTheDocument();
  });
});
