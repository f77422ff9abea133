import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, MESSAGES } from '../../api/client';
import { useAuth } from '../../auth';
import { formatInteger, formatTimestamp } from '../../format';
import { createApiKey, createUser, getList, revokeApiKey, type ApiKey, type CreatedApiKey, type LimitsSubject, type Role, type User } from '../api';
import { DataTable, type Column } from '../DataTable';
import { useAdminList, useCaller } from '../hooks';
import type { ListSpec } from '../listState';
import { LimitsEditor } from '../LimitsEditor';
import { FilterBar, ListBody, ListHead, Pager, ProblemList, usePageTitle } from '../parts';

const USER_SPEC: ListSpec = {
  prefix: 'users',
  filters: [
    { name: 'name', label: 'Name contains', kind: 'text', maxLength: 100 },
    {
      name: 'role',
      label: 'Role',
      kind: 'select',
      options: [
        { value: 'admin', label: 'admin' },
        { value: 'member', label: 'member' },
      ],
    },
  ],
};

const KEY_SPEC: ListSpec = {
  prefix: 'keys',
  filters: [
    { name: 'userId', label: 'User ID', kind: 'text', inputMode: 'numeric', maxLength: 10 },
    {
      name: 'revoked',
      label: 'Status',
      kind: 'select',
      options: [
        { value: 'false', label: 'Active' },
        { value: 'true', label: 'Revoked' },
      ],
    },
  ],
};

function userColumns(onLimits: (user: User) => void): readonly Column<User>[] {
  return [
    { key: 'id', label: 'ID', numeric: true, render: (u) => u.id },
    { key: 'name', label: 'Name', rowHeader: true, render: (u) => u.name },
    { key: 'role', label: 'Role', render: (u) => <span className={`role role-${u.role}`}>{u.role}</span> },
    { key: 'createdAt', label: 'Created (UTC)', render: (u) => formatTimestamp(u.createdAt) },
    { key: 'activeApiKeys', label: 'Active keys', numeric: true, render: (u) => formatInteger(u.activeApiKeys) },
    {
      key: 'limits',
      label: 'Limits',
      sortable: false,
      render: (u) => (
        <button type="button" className="button button-small button-quiet" aria-label={`Limits of user ${u.name}`} onClick={() => onLimits(u)}>
          Limits
        </button>
      ),
    },
  ];
}

function MutationError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div role="alert" className="message message-error">
      {isApiError(error, 'bad-request') ? (
        <ProblemList error={error} />
      ) : isApiError(error, 'not-found') ? (
        error.message
      ) : isApiError(error, 'forbidden') ? (
        MESSAGES.adminOnly
      ) : (
        `${MESSAGES.unreachable}: nothing was saved. Try again.`
      )}
    </div>
  );
}

function CreateUserForm() {
  const { apiKey } = useAuth();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [created, setCreated] = useState<string | null>(null);
  const nameId = useId();
  const roleId = useId();
  const mutation = useMutation({
    mutationFn: () => createUser(apiKey ?? '', name.trim(), role),
    onSuccess: async (user) => {
      setCreated(`User ${user.name} (${user.role}) created.`);
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    mutation.mutate();
  }

  return (
    <form className="inline-form" onSubmit={onSubmit} aria-labelledby={`${nameId}-title`}>
      <h3 id={`${nameId}-title`}>Create a user</h3>
      <div className="field">
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          type="text"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={isApiError(mutation.error, 'bad-request') || undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          <option value="member">member</option>
          <option value="admin">admin</option>
        </select>
      </div>
      <button type="submit" className="button" disabled={mutation.isPending}>
        {mutation.isPending ? 'Creating…' : 'Create user'}
      </button>
      <p role="status" className="form-outcome">
        {created}
      </p>
      <MutationError error={mutation.error} />
    </form>
  );
}

type CopyState = 'idle' | 'copied' | 'manual';

/** The new key, shown once: copy it now, it is never shown again. */
function NewKey({ created, userName, onDone }: { created: CreatedApiKey; userName: string; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const headingId = useId();
  const inputId = useId();

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function onCopy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard API not available');
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopy('manual');
    }
  }

  return (
    <div className="panel new-key" role="region" aria-labelledby={headingId}>
      <h3 id={headingId}>
        New key “{created.name}” for {userName}
      </h3>
      <p>
        <strong>Copy it now: this is the only time it is shown.</strong> Only a hash is stored, so it cannot be shown again.
      </p>
      <div className="key-box">
        <label htmlFor={inputId} className="visually-hidden">
          New API key
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          readOnly
          value={created.key}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void onCopy()}>
          Copy
        </button>
      </div>
      <p role="status" className="copy-status">
        {copy === 'copied'
          ? 'Copied to the clipboard.'
          : copy === 'manual'
            ? 'Copying is not available here. The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.'
            : ''}
      </p>
      <button type="button" className="button button-quiet" onClick={onDone}>
        Done, hide the key
      </button>
    </div>
  );
}

function CreateKeyForm() {
  const { apiKey } = useAuth();
  const queryClient = useQueryClient();
  const [userName, setUserName] = useState('');
  const [keyName, setKeyName] = useState('');
  const [created, setCreated] = useState<{ key: CreatedApiKey; userName: string } | null>(null);
  const userId = useId();
  const keyNameId = useId();
  const titleId = useId();

  const users = useQuery({
    queryKey: ['admin', 'users', 'choices'],
    queryFn: ({ signal }) => getList<User>(apiKey ?? '', 'users', 'page=1&pageSize=200&sort=name&desc=false', signal),
    enabled: apiKey !== null,
  });

  const mutation = useMutation({
    mutationFn: (input: { userName: string; keyName: string }) => createApiKey(apiKey ?? '', input.userName, input.keyName),
    onSuccess: async (key, input) => {
      setCreated({ key, userName: input.userName });
      setKeyName('');
      // The key itself must not linger in the mutation cache.
      mutation.reset();
      await queryClient.invalidateQueries({ queryKey: ['admin', 'api-keys'] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    mutation.mutate({ userName, keyName: keyName.trim() });
  }

  return (
    <>
      <form className="inline-form" onSubmit={onSubmit} aria-labelledby={titleId}>
        <h3 id={titleId}>Create an API key</h3>
        <div className="field">
          <label htmlFor={userId}>User</label>
          <select id={userId} value={userName} onChange={(event) => setUserName(event.target.value)} required>
            <option value="">{users.isPending ? 'Loading users…' : 'Choose a user'}</option>
            {users.data?.items.map((user) => (
              <option key={user.id} value={user.name}>
                {user.name} ({user.role})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={keyNameId}>Key name</label>
          <input
            id={keyNameId}
            type="text"
            value={keyName}
            onChange={(event) => setKeyName(event.target.value)}
            required
            maxLength={100}
            placeholder="laptop"
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Creating…' : 'Create key'}
        </button>
        <MutationError error={mutation.error} />
      </form>
      {created && <NewKey created={created.key} userName={created.userName} onDone={() => setCreated(null)} />}
    </>
  );
}

function KeysList() {
  const { apiKey } = useAuth();
  const caller = useCaller();
  const queryClient = useQueryClient();
  const { list, result } = useAdminList<ApiKey>('api-keys', KEY_SPEC);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [limitsOf, setLimitsOf] = useState<{ subject: LimitsSubject; label: string } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const isMine = (key: ApiKey) => key.userId === caller.data?.userId && !!apiKey?.startsWith(key.prefix);

  const revoke = useMutation({
    mutationFn: (key: ApiKey) => revokeApiKey(apiKey ?? '', key.id),
    onSuccess: async (_, key) => {
      setConfirming(null);
      setOutcome(`Key ${key.prefix}… (${key.name}) revoked.`);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'api-keys'] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });

  useEffect(() => {
    if (confirming !== null) confirmRef.current?.focus();
  }, [confirming]);

  const columns: readonly Column<ApiKey>[] = [
    { key: 'id', label: 'ID', numeric: true, render: (k) => k.id },
    {
      key: 'prefix',
      label: 'Prefix',
      rowHeader: true,
      render: (k) => (
        <>
          <code>{k.prefix}…</code>
          {isMine(k) && <span className="badge">this tab</span>}
        </>
      ),
    },
    { key: 'name', label: 'Name', render: (k) => k.name },
    { key: 'userName', label: 'User', render: (k) => `${k.userName} (#${k.userId})` },
    { key: 'createdAt', label: 'Created (UTC)', render: (k) => formatTimestamp(k.createdAt) },
    { key: 'lastUsedAt', label: 'Last used (UTC)', render: (k) => (k.lastUsedAt ? formatTimestamp(k.lastUsedAt) : 'never') },
    {
      key: 'revoked',
      label: 'Status',
      render: (k) =>
        k.revoked ? (
          <span className="status status-muted">Revoked {formatTimestamp(k.revokedAt)}</span>
        ) : (
          <span className="status status-done">Active</span>
        ),
    },
    {
      key: 'limits',
      label: 'Limits',
      sortable: false,
      render: (k) => (
        <button
          type="button"
          className="button button-small button-quiet"
          aria-label={`Limits of key ${k.prefix} (${k.name})`}
          onClick={() => setLimitsOf({ subject: { resource: 'api-keys', id: k.id }, label: `key ${k.prefix}… (${k.name})` })}
        >
          Limits
        </button>
      ),
    },
    {
      key: 'actions',
      label: 'Actions',
      sortable: false,
      render: (k) => {
        if (k.revoked) return <span className="muted">—</span>;
        if (confirming === k.id) {
          return (
            <span className="confirm" role="group" aria-label={`Confirm revoking key ${k.prefix}`}>
              <span>{isMine(k) ? 'Revoke the key this tab uses? You will be signed out.' : 'Revoke this key?'}</span>
              <button
                ref={confirmRef}
                type="button"
                className="button button-small button-danger"
                onClick={() => revoke.mutate(k)}
                disabled={revoke.isPending}
              >
                {revoke.isPending ? 'Revoking…' : 'Yes, revoke'}
              </button>
              <button type="button" className="button button-small button-quiet" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </span>
          );
        }
        return (
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={`Revoke key ${k.prefix} (${k.name})`}
            onClick={() => {
              revoke.reset();
              setOutcome(null);
              setConfirming(k.id);
            }}
          >
            Revoke
          </button>
        );
      },
    },
  ];

  return (
    <section aria-labelledby="keys-heading" className="admin-subsection">
      <ListHead id="keys-heading" title="API keys" onRefresh={() => void result.refetch()} refreshing={result.isFetching} />
      <CreateKeyForm />
      <FilterBar filters={KEY_SPEC.filters} list={list} label="API key filters" />
      <p role="status" className="form-outcome">
        {outcome}
      </p>
      <MutationError error={revoke.error} />
      <ListBody result={result} noun="keys" list={list}>
        {(data) => (
          <>
            <DataTable
              caption="API keys"
              columns={columns}
              rows={data.items}
              rowKey={(k) => k.id}
              sort={list.state.sort}
              desc={list.state.desc}
              onSort={list.toggleSort}
              busy={result.isFetching}
              rowClassName={(k) => (k.revoked ? 'row-muted' : undefined)}
            />
            <Pager list={list} totalCount={data.totalCount} noun="keys" shown={data.items.length} />
          </>
        )}
      </ListBody>
      {limitsOf && (
        <LimitsEditor key={`keys-${limitsOf.subject.id}`} subject={limitsOf.subject} label={limitsOf.label} onClose={() => setLimitsOf(null)} />
      )}
    </section>
  );
}

function UsersList() {
  const { list, result } = useAdminList<User>('users', USER_SPEC);
  const [limitsOf, setLimitsOf] = useState<{ subject: LimitsSubject; label: string } | null>(null);
  const columns = userColumns((u) => setLimitsOf({ subject: { resource: 'users', id: u.id }, label: `user ${u.name}` }));
  return (
    <section aria-labelledby="users-heading" className="admin-subsection">
      <ListHead id="users-heading" title="Users" onRefresh={() => void result.refetch()} refreshing={result.isFetching} />
      <CreateUserForm />
      <FilterBar filters={USER_SPEC.filters} list={list} label="User filters" />
      <ListBody result={result} noun="users" list={list}>
        {(data) => (
          <>
            <DataTable
              caption="Users"
              columns={columns}
              rows={data.items}
              rowKey={(u) => u.id}
              sort={list.state.sort}
              desc={list.state.desc}
              onSort={list.toggleSort}
              busy={result.isFetching}
            />
            <Pager list={list} totalCount={data.totalCount} noun="users" shown={data.items.length} />
          </>
        )}
      </ListBody>
      {limitsOf && (
        <LimitsEditor key={`users-${limitsOf.subject.id}`} subject={limitsOf.subject} label={limitsOf.label} onClose={() => setLimitsOf(null)} />
      )}
    </section>
  );
}

export function UsersKeysPage() {
  usePageTitle('Users & keys');
  return (
    <div className="admin-section users-keys">
      <UsersList />
      <KeysList />
    </div>
  );
}
