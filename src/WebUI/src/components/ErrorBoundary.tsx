import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Keeps a rendering failure or a missing lazy chunk (after a redeploy) from leaving a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('CleanDashboard UI error', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunkMissing = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
    return (
      <div role="alert" className="panel state state-error">
        <h2>{chunkMissing ? 'CleanDashboard was updated' : 'Something went wrong on this page'}</h2>
        <p className="muted">
          {chunkMissing ? 'Reload to get the new version.' : 'Reloading the page usually helps.'}
        </p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
