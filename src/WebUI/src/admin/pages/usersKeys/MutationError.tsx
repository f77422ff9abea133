import { isApiError, MESSAGES } from '../../../api/client';
import { ProblemList } from '../../../components/ProblemList';

/** Why a create or revoke failed, in words. */
export function MutationError({ error }: { error: unknown }) {
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
