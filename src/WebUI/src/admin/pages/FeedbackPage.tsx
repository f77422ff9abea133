import { Link } from 'react-router-dom';
import { formatTimestamp } from '../../format';
import type { Feedback } from '../api';
import { DataTable, type Column } from '../DataTable';
import { useAdminList } from '../hooks';
import type { ListSpec } from '../listState';
import { FilterBar, ListBody, ListHead, Pager, Stars, usePageTitle } from '../parts';

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
    <section aria-labelledby="feedback-heading" className="admin-section">
      <ListHead id="feedback-heading" title="Feedback" onRefresh={() => void result.refetch()} refreshing={result.isFetching} />
      <FilterBar filters={SPEC.filters} list={list} label="Feedback filters" />
      <ListBody result={result} noun="ratings" list={list}>
        {(data) => (
          <>
            <DataTable
              caption="Feedback"
              columns={COLUMNS}
              rows={data.items}
              rowKey={(f) => f.id}
              sort={list.state.sort}
              desc={list.state.desc}
              onSort={list.toggleSort}
              busy={result.isFetching}
            />
            <Pager list={list} totalCount={data.totalCount} noun="ratings" shown={data.items.length} />
          </>
        )}
      </ListBody>
    </section>
  );
}
