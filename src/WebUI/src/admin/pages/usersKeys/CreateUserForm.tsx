import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../api/client';
import { useAuth } from '../../../auth';
import { createUser, type Role } from '../../api';
import { MutationError } from './MutationError';
import { refetchAfterChange } from '../../../queryClient';

export function CreateUserForm() {
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
      await refetchAfterChange(queryClient, ['admin', 'users']);
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
