import { Money } from '../../components/Money';
import { formatInteger, formatLatencyMs, formatRatio } from '../../format';
import type { ModelUsageStats } from '../api';
import { AdminListPage } from '../AdminListPage';
import type { Column } from '../DataTable';
import { useAdminList } from '../hooks';
import type { ListSpec } from '../listState';
import { usePageTitle } from '../usePageTitle';

const SPEC: ListSpec = {
  filters: [
    { name: 'model', label: 'Model', kind: 'text', maxLength: 200, placeholder: 'gpt-4o-mini' },
    { name: 'from', label: 'From', kind: 'date-from' },
    { name: 'to', label: 'To', kind: 'date-to' },
  ],
};

const COLUMNS: readonly Column<ModelUsageStats>[] = [
  { key: 'date', label: 'Day (UTC)', rowHeader: true, render: (s) => s.date },
  { key: 'modelName', label: 'Model', render: (s) => <code>{s.modelName || '—'}</code> },
  { key: 'totalRequests', label: 'Requests', numeric: true, render: (s) => formatInteger(s.totalRequests) },
  { key: 'successfulRequests', label: 'Successful', numeric: true, render: (s) => formatInteger(s.successfulRequests) },
  { key: 'failedRequests', label: 'Failed', numeric: true, render: (s) => formatInteger(s.failedRequests) },
  {
    key: 'successRate',
    label: 'Success rate',
    numeric: true,
    sortable: false,
    render: (s) => formatRatio(s.successfulRequests, s.totalRequests),
  },
  { key: 'totalTokens', label: 'Tokens', numeric: true, render: (s) => formatInteger(s.totalTokens) },
  { key: 'totalCost', label: 'Cost', numeric: true, render: (s) => <Money value={s.totalCost} /> },
  { key: 'avgLatencyMs', label: 'Avg latency', numeric: true, render: (s) => formatLatencyMs(s.avgLatencyMs) },
];

export function ModelStatsPage() {
  usePageTitle('Model stats');
  const { list, result } = useAdminList<ModelUsageStats>('model-usage-stats', SPEC);
  return (
    <AdminListPage
      list={list}
      result={result}
      title="Daily model stats"
      headingId="model-stats-heading"
      filters={SPEC.filters}
      filtersLabel="Model stats filters"
      noun="model days"
      table={{ caption: 'Daily model usage', columns: COLUMNS, rowKey: (s) => s.id }}
    />
  );
}
