import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../../auth';
import { formatTimestamp } from '../../../format';
import { revokeApiKey, type ApiKey } from '../../api';
import { AdminListPage } from '../../AdminListPage';
import type { Column } from '../../DataTable';
import { useAdminList, useCaller } from '../../hooks';
import { useLimitsEditor } from '../../LimitsEditor';
import type { ListSpec } from '../../listState';
import { CreateKeyForm } from './CreateKeyForm';
import { MutationError } from './MutationError';
import { refetchAfterChange } from '../../../queryClient';

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

/** Every API key: create one, revoke one after a confirmation, edit its limits. */
export function KeysList() {
  const { apiKey } = useAuth();
  const caller = useCaller();
  const queryClient = useQueryClient();
  const { list, result } = useAdminList<ApiKey>('api-keys', KEY_SPEC);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const { openLimits, editor: limitsEditor } = useLimitsEditor();
  const confirmRef = useRef<HTMLButtonElement>(null);

  const isMine = (key: ApiKey) => key.userId === caller.data?.userId && !!apiKey?.startsWith(key.prefix);

  const revoke = useMutation({
    mutationFn: (key: ApiKey) => revokeApiKey(apiKey ?? '', key.id),
    onSuccess: async (_, key) => {
      setConfirming(null);
      setOutcome(`Key ${key.prefix}… (${key.name}) revoked.`);
      await refetchAfterChange(queryClient, ['admin', 'api-keys'], ['admin', 'users']);
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
          onClick={() => openLimits({ resource: 'api-keys', id: k.id }, `key ${k.prefix}… (${k.name})`)}
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
    <AdminListPage
      list={list}
      result={result}
      title="API keys"
      headingId="keys-heading"
      className="admin-subsection"
      filters={KEY_SPEC.filters}
      filtersLabel="API key filters"
      noun="keys"
      table={{ caption: 'API keys', columns, rowKey: (k) => k.id, rowClassName: (k) => (k.revoked ? 'row-muted' : undefined) }}
      intro={<CreateKeyForm />}
      toolbar={
        <>
          <p role="status" className="form-outcome">
            {outcome}
          </p>
          <MutationError error={revoke.error} />
        </>
      }
    >
      {limitsEditor}
    </AdminListPage>
  );
}
