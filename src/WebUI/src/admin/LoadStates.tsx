import { isApiError, MESSAGES } from '../api/client';
import { useAuth } from '../auth';
import { ProblemList } from '../components/ProblemList';
import { RetryState } from '../components/RetryState';

/** What a member key (or any non-admin key) sees instead of admin data. */
export function AdminOnly({ who }: { who?: string }) {
  const { signOut } = useAuth();
  return (
    <div role="alert" className="panel state state-error">
      <h2>{MESSAGES.adminOnly}</h2>
      <p>
        {who ? `You are signed in as ${who}, which is not an admin. ` : 'This key is not an admin key. '}
        Sign in with an admin key to see threats, feedback, request logs, sessions, model stats, users and keys.
      </p>
      <button type="button" className="button" onClick={signOut}>
        Sign in with another key
      </button>
    </div>
  );
}

/** An error with nothing to show: why, and a way out. */
export function ErrorState({ error, onRetry, retrying, what }: { error: unknown; onRetry: () => void; retrying: boolean; what: string }) {
  if (isApiError(error, 'forbidden')) return <AdminOnly />;
  if (isApiError(error, 'bad-request')) {
    return (
      <div role="alert" className="panel state state-error">
        <h2>The API did not accept these filters</h2>
        <ProblemList error={error} />
        <p className="muted">Change the filters above and apply them again.</p>
      </div>
    );
  }
  if (isApiError(error, 'not-found')) {
    return (
      <div role="alert" className="panel state state-error">
        <h2>{what} not found</h2>
        <p>{error.message}</p>
      </div>
    );
  }
  return <RetryState error={error} onRetry={onRetry} retrying={retrying} />;
}

export function LoadingState({ text }: { text: string }) {
  return (
    <div className="loading" aria-busy="true">
      <p role="status">{text}</p>
      <div className="table-skeleton skeleton" aria-hidden="true" />
    </div>
  );
}
