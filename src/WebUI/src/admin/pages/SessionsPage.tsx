import { Money } from '../../components/Money';
import { formatInteger, formatTimestamp } from '../../format';
import type { UserSession } from '../api';
import { AdminListPage } from '../AdminListPage';
import type { Column } from '../DataTable';
import { useAdminList } from '../hooks';
import type { ListSpec } from '../listState';
import { usePageTitle } from '../usePageTitle';

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
    <AdminListPage
      list={list}
      result={result}
      title="Sessions"
      headingId="sessions-heading"
      filters={SPEC.filters}
      filtersLabel="Session filters"
      noun="sessions"
      table={{ caption: 'User sessions', columns: COLUMNS, rowKey: (s) => s.id }}
    />
  );
}
