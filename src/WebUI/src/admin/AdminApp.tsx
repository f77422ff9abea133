import { Link, Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { useCaller } from './hooks';
import { AdminOnly, ErrorState, LoadingState } from './LoadStates';
import { usePageTitle } from './usePageTitle';
import { AlertsPage } from './pages/AlertsPage';
import { FeedbackPage } from './pages/FeedbackPage';
import { ModelStatsPage } from './pages/ModelStatsPage';
import { RequestLogDetailPage } from './pages/RequestLogDetailPage';
import { RequestLogsPage } from './pages/RequestLogsPage';
import { SessionsPage } from './pages/SessionsPage';
import { ThreatsPage } from './pages/ThreatsPage';
import { UsersKeysPage } from './pages/UsersKeysPage';

export const ADMIN_SECTIONS = [
  { path: 'threats', label: 'Threats' },
  { path: 'feedback', label: 'Feedback' },
  { path: 'request-logs', label: 'Request logs' },
  { path: 'sessions', label: 'Sessions' },
  { path: 'model-stats', label: 'Model stats' },
  { path: 'users', label: 'Users & keys' },
  { path: 'alerts', label: 'Alerts' },
] as const;

function AdminNotFound() {
  usePageTitle('Not found');
  return (
    <section className="panel">
      <h2>No such admin screen</h2>
      <p>
        <Link to="/admin/threats">Go to threats</Link>
      </p>
    </section>
  );
}

function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="/admin/threats" replace />} />
      <Route path="threats" element={<ThreatsPage />} />
      <Route path="feedback" element={<FeedbackPage />} />
      <Route path="request-logs" element={<RequestLogsPage />} />
      <Route path="request-logs/:id" element={<RequestLogDetailPage />} />
      <Route path="sessions" element={<SessionsPage />} />
      <Route path="model-stats" element={<ModelStatsPage />} />
      <Route path="users" element={<UsersKeysPage />} />
      <Route path="alerts" element={<AlertsPage />} />
      <Route path="*" element={<AdminNotFound />} />
    </Routes>
  );
}

/** /admin/*: checks the key's role first; only an admin key gets the screens (and their requests). */
export default function AdminApp() {
  const caller = useCaller();
  let body;
  if (caller.data) {
    body = caller.data.role === 'admin' ? <AdminRoutes /> : <AdminOnly who={`${caller.data.name} (${caller.data.role})`} />;
  } else if (caller.error) {
    body = <ErrorState error={caller.error} onRetry={() => void caller.refetch()} retrying={caller.isFetching} what="Account" />;
  } else {
    body = <LoadingState text="Checking your key…" />;
  }
  const isAdmin = caller.data?.role === 'admin';
  return (
    <div className="admin">
      <h1>Admin</h1>
      {isAdmin && (
        <nav aria-label="Admin" className="admin-nav">
          {ADMIN_SECTIONS.map((section) => (
            <NavLink key={section.path} to={`/admin/${section.path}`}>
              {section.label}
            </NavLink>
          ))}
        </nav>
      )}
      {body}
    </div>
  );
}
