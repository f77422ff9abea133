import { usePageTitle } from '../usePageTitle';
import { KeysList } from './usersKeys/KeysList';
import { UsersList } from './usersKeys/UsersList';

export function UsersKeysPage() {
  usePageTitle('Users & keys');
  return (
    <div className="admin-section users-keys">
      <UsersList />
      <KeysList />
    </div>
  );
}
