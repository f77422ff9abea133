import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Link, Navigate, NavLink, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import { ErrorBoundary } from './components/ErrorBoundary';
import { SignInPage } from './pages/SignInPage';

const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const AdminApp = lazy(() => import('./admin/AdminApp'));

export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>{children}</AuthProvider>
    </QueryClientProvider>
  );
}

function Layout() {
  const { apiKey, signOut } = useAuth();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand-mark" />
          CleanDashboard
        </Link>
        {apiKey && (
          <nav aria-label="Main" className="app-nav">
            <NavLink to="/" end>
              Dashboard
            </NavLink>
            <NavLink to="/admin">Admin</NavLink>
          </nav>
        )}
        {apiKey && (
          <button type="button" className="button button-quiet sign-out" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <ErrorBoundary key={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </>
  );
}

function RequireAuth() {
  const { apiKey } = useAuth();
  const location = useLocation();
  if (!apiKey) return <Navigate to="/signin" replace state={{ from: location }} />;
  return <Outlet />;
}

function PageLoading() {
  return (
    <p role="status" className="page-loading">
      Loading…
    </p>
  );
}

function NotFoundPage() {
  useEffect(() => {
    document.title = 'Not found · CleanDashboard';
  }, []);
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </section>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/signin" element={<SignInPage />} />
        <Route element={<RequireAuth />}>
          <Route
            index
            element={
              <Suspense fallback={<PageLoading />}>
                <DashboardPage />
              </Suspense>
            }
          />
          <Route
            path="/admin/*"
            element={
              <Suspense fallback={<PageLoading />}>
                <AdminApp />
              </Suspense>
            }
          />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
