import { useEffect, useId, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router-dom';
import { fetchDashboard, isApiError, MESSAGES } from '../api/client';
import { useAuth } from '../auth';

export function SignInPage() {
  const { apiKey, notice, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    document.title = 'Sign in · CleanDashboard';
  }, []);

  const from = (location.state as { from?: Location } | null)?.from;
  const target = from ? `${from.pathname}${from.search}` : '/';

  if (apiKey && !checking) return <Navigate to={target} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const candidate = key.trim();
    if (!candidate) {
      setError('Paste an API key first.');
      return;
    }
    setChecking(true);
    setError(null);
    try {
      await fetchDashboard(candidate, new URLSearchParams({ range: '24h' }));
      signIn(candidate);
      navigate(target, { replace: true });
    } catch (caught) {
      if (isApiError(caught, 'unauthorized')) setError(MESSAGES.unrecognised);
      else if (isApiError(caught, 'forbidden')) setError(MESSAGES.notAdmin);
      else if (isApiError(caught, 'rate-limited')) setError(MESSAGES.rateLimited);
      else setError(`${MESSAGES.unreachable}. Check that it is running and try again.`);
    } finally {
      setChecking(false);
    }
  }

  const message = error ?? notice;
  return (
    <section className="panel signin" aria-labelledby="signin-heading">
      <h1 id="signin-heading">Sign in</h1>
      <p id={hintId} className="muted">
        Paste an admin API key. It is kept only in this browser tab and sent to the API as a
        Bearer token.
      </p>
      {message && (
        <p id={errorId} role="alert" className="message message-error">
          {message}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId}>API key</label>
        <input
          id={inputId}
          name="apiKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          required
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-describedby={message ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="button" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
