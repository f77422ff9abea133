import { isApiError, MESSAGES } from '../api/client';

/** The API did not answer (unreachable, or rate-limited): why, and a way to try again. */
export function RetryState({ error, onRetry, retrying }: { error: unknown; onRetry: () => void; retrying: boolean }) {
  const limited = isApiError(error, 'rate-limited');
  return (
    <div role="alert" className="panel state state-error">
      <h2>{limited ? MESSAGES.rateLimited : MESSAGES.unreachable}</h2>
      {!limited && (
        <p>
          {isApiError(error) && error.status ? `The API answered HTTP ${error.status}. ` : 'The request did not get through. '}
          Check that the CleanDashboard service is running, then retry.
        </p>
      )}
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
