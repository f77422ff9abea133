import { useEffect } from 'react';

const UPCOMING = [
  { name: 'Threats', text: 'filter by severity and type, resolve in bulk' },
  { name: 'Feedback', text: 'browse ratings and comments' },
  { name: 'API keys', text: 'issue and revoke keys' },
];

export default function AdminPage() {
  useEffect(() => {
    document.title = 'Admin · CleanDashboard';
  }, []);
  return (
    <section className="panel" aria-labelledby="admin-heading">
      <h1 id="admin-heading">Admin screens</h1>
      <p className="muted">These screens arrive with the admin API. Planned:</p>
      <ul className="admin-list">
        {UPCOMING.map((item) => (
          <li key={item.name}>
            <strong>{item.name}</strong>: {item.text} <span className="badge">coming soon</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
