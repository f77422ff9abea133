import { formatInteger, formatTimestamp } from '../../../format';
import type { User } from '../../api';
import { AdminListPage } from '../../AdminListPage';
import type { Column } from '../../DataTable';
import { useAdminList } from '../../hooks';
import { useLimitsEditor } from '../../LimitsEditor';
import type { ListSpec } from '../../listState';
import { CreateUserForm } from './CreateUserForm';

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

/** Every user: create one, edit its limits. */
export function UsersList() {
  const { list, result } = useAdminList<User>('users', USER_SPEC);
  const { openLimits, editor: limitsEditor } = useLimitsEditor();
  const columns = userColumns((u) => openLimits({ resource: 'users', id: u.id }, `user ${u.name}`));
  return (
    <AdminListPage
      list={list}
      result={result}
      title="Users"
      headingId="users-heading"
      className="admin-subsection"
      filters={USER_SPEC.filters}
      filtersLabel="User filters"
      noun="users"
      table={{ caption: 'Users', columns, rowKey: (u) => u.id }}
      intro={<CreateUserForm />}
    >
      {limitsEditor}
    </AdminListPage>
  );
}
