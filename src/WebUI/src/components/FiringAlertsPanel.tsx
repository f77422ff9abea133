import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth';
import { getFiringAlerts } from '../admin/alertsApi';
import { formatTimestamp } from '../format';

export const FIRING_ALERTS_PATH = '/api/alerts/firing';
const REFRESH_MS = 30_000;

/** The alert rules firing now, above the dashboard; nothing at all while none fire (or the list cannot be read). */
export function FiringAlertsPanel() {
  const { apiKey } = useAuth();
  const { data } = useQuery({
    queryKey: ['alerts', 'firing'],
    queryFn: ({ signal }) => getFiringAlerts(apiKey ?? '', signal),
    enabled: apiKey !== null,
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });
  if (!data || data.length === 0) return null;
  return (
    <section className="panel firing-alerts" aria-labelledby="firing-alerts-title" role="region">
      <h2 id="firing-alerts-title">{data.length === 1 ? '1 alert firing' : `${data.length} alerts firing`}</h2>
      <ul>
        {data.map((alert) => (
          <li key={alert.ruleId}>
            <strong>{alert.name}</strong>
            {` — ${alert.metric} ${alert.value ?? '–'} above ${alert.threshold}`}
            {alert.since && <span className="muted">{` since ${formatTimestamp(alert.since)} UTC`}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
