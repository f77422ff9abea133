import { Link } from 'react-router-dom';
import { formatTimestamp } from '../../format';
import type { Feedback } from '../api';
import { AdminListPage } from '../AdminListPage';
import type { Column } from '../DataTable';
import { useAdminList } from '../hooks';
import type { ListSpec } from '../listState';
import { Stars } from '../Stars';
import { usePageTitle } from '../usePageTitle';

const SPEC: ListSpec = {
  filters: [
    {
      name: 'rating',
      label: 'Rating',
      kind: 'select',
      options: [5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${n} ${n === 1 ? 'star' : 'stars'}` })),
    },
    { name: 'userId', label: 'User ID', kind: 'text', inputMode: 'numeric', maxLength: 10 },
    { name: 'from', label: 'From', kind: 'date-from' },
    { name: 'to', label: 'To', kind: 'date-to' },
  ],
};

const COLUMNS: readonly Column<Feedback>[] = [
  { key: 'id', label: 'ID', numeric: true, rowHeader: true, render: (f) => f.id },
  { key: 'rating', label: 'Rating', render: (f) => <Stars rating={f.rating} /> },
  {
    key: 'feedbackText',
    label: 'Feedback',
    render: (f) => (f.feedbackText ? <span className="cell-wrap">{f.feedbackText}</span> : <span className="muted">No text</span>),
  },
  { key: 'userName', label: 'User', render: (f) => `${f.userName} (#${f.userId})` },
  { key: 'modelName', label: 'Model', render: (f) => f.modelName || <span className="muted">—</span> },
  { key: 'createdAt', label: 'Date (UTC)', render: (f) => formatTimestamp(f.createdAt) },
  {
    key: 'requestLogId',
    label: 'Request',
    render: (f) => (
      <>
        <Link to={`/admin/request-logs/${f.requestLogId}`} aria-label={`Request ${f.requestLogId} of feedback ${f.id}`}>
          #{f.requestLogId}
        </Link>
        {f.hasCapture && (
          <span className="badge" title="Its conversation is on the request's page">
            conversation
          </span>
        )}
      </>
    ),
  },
];

export function FeedbackPage() {
  usePageTitle('Feedback');
  const { list, result } = useAdminList<Feedback>('feedback', SPEC);
  return (
    <AdminListPage
      list={list}
      result={result}
      title="Feedback"
      headingId="feedback-heading"
      filters={SPEC.filters}
      filtersLabel="Feedback filters"
      noun="ratings"
      table={{ caption: 'Feedback', columns: COLUMNS, rowKey: (f) => f.id }}
    />
  );
}
