import type { ApiError } from '../api/client';

/** A 400 problem document's field errors as a list; otherwise its detail or title. */
export function ProblemList({ error }: { error: ApiError }) {
  const entries = Object.entries(error.problem?.errors ?? {});
  if (entries.length === 0) {
    return <p>{error.problem?.detail ?? error.problem?.title ?? error.message}</p>;
  }
  return (
    <ul className="problem-list">
      {entries.flatMap(([field, messages]) =>
        messages.map((message) => (
          <li key={`${field}:${message}`}>
            <strong>{field}</strong>: {message}
          </li>
        )),
      )}
    </ul>
  );
}
