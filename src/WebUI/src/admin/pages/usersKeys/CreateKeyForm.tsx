import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../../auth';
import { createApiKey, getList, type CreatedApiKey, type User } from '../../api';
import { MutationError } from './MutationError';
import { NewKey } from './NewKey';
import { refetchAfterChange } from '../../../queryClient';

export function CreateKeyForm() {
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
      await refetchAfterChange(queryClient, ['admin', 'api-keys'], ['admin', 'users']);
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
