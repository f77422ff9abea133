import { Money } from '../../components/Money';
import { formatInteger, formatTimestamp } from '../../format';
import type { UserSession } from '../api';
import { DataTable, type Column } from '../DataTable';
import { useAdminList } from '../hooks';
import type { ListSpec } from '../listState';
import { FilterBar, ListBody, ListHead, Pager, usePageTitle } from '../parts';

const SPEC: ListSpec = {
  filters: [
    {
      name: 'active',
      label: 'Status',
      kind: 'select',
      options: [
        { value: 'true', label: 'Active' },
        { value: 'false', label: 'Ended' },
      ],
    },
    { name: 'userId', label: 'User ID', kind: 'text', inputMode: 'numeric', maxLength: 10 },
    { name: 'from', label: 'Started from', kind: 'date-from' },
    { name: 'to', label: 'Started to', kind: 'date-to' },
  ],
};

const COLUMNS: readonly Column<UserSession>[] = [
  { key: 'id', label: 'ID', numeric: true, rowHeader: true, render: (s) => s.id },
  { key: 'userName', label: 'User', render: (s) => `${s.userName} (#${s.userId})` },
  { key: 'sessionStart', label: 'Started (UTC)', render: (s) => formatTimestamp(s.sessionStart) },
  {
    key: 'sessionEnd',
    label: 'Ended (UTC)',
    render: (s) => (s.sessionEnd ? formatTimestamp(s.sessionEnd) : <span className="status status-done">Active</span>),
  },
  { key: 'lastActivityAt', label: 'Last activity (UTC)', render: (s) => formatTimestamp(s.lastActivityAt) },
  { key: 'totalRequests', label: 'Requests', numeric: true, render: (s) => formatInteger(s.totalRequests) },
  { key: 'totalTokens', label: 'Tokens', numeric: true, render: (s) => formatInteger(s.totalTokens) },
  { key: 'totalCost', label: 'Cost', numeric: true, render: (s) => <Money value={s.totalCost} /> },
  { key: 'ipAddress', label: 'IP', render: (s) => <code>{s.ipAddress || '—'}</code> },
  { key: 'userAgent', label: 'User agent', render: (s) => <span className="cell-wrap cell-small">{s.userAgent || '—'}</span> },
];

export function SessionsPage() {
  usePageTitle('Sessions');
  const { list, result } = useAdminList<UserSession>('user-sessions', SPEC);
  return (
    <section aria-labelledby="sessions-heading" className="admin-section">
      <ListHead id="sessions-heading" title="Sessions" onRefresh={() => void result.refetch()} refreshing={result.isFetching} />
      <FilterBar filters={SPEC.filters} list={list} label="Session filters" />
      <ListBody result={result} noun="sessions" list={list}>
        {(data) => (
          <>
            <DataTable
              caption="User sessions"
              columns={COLUMNS}
              rows={data.items}
              rowKey={(s) => s.id}
              sort={list.state.sort}
              desc={list.state.desc}
              onSort={list.toggleSort}
              busy={result.isFetching}
            />
            <Pager list={list} totalCount={data.totalCount} noun="sessions" shown={data.items.length} />
          </>
        )}
      </ListBody>
    </section>
  );
}
