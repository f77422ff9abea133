import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, MESSAGES } from '../../api/client';
import { useAuth } from '../../auth';
import { ProblemList } from '../../components/ProblemList';
import { formatInteger, formatTimestamp } from '../../format';
import { getThreatTypes, SEVERITIES, setThreatsResolved, type Threat } from '../api';
import { AdminListPage } from '../AdminListPage';
import type { Column } from '../DataTable';
import { useAdminList } from '../hooks';
import type { ListSpec } from '../listState';
import { plural } from '../plural';
import { SeverityBadge } from '../SeverityBadge';
import { usePageTitle } from '../usePageTitle';
import { refetchAfterChange } from '../../queryClient';

/** The filters; the Type options are the server's list of threat types (its detectors'), not a copy. */
const threatSpec = (threatTypes: readonly string[]): ListSpec => ({
  filters: [
    { name: 'severity', label: 'Severity', kind: 'select', options: SEVERITIES.map((s) => ({ value: s, label: s })) },
    {
      name: 'resolved',
      label: 'Status',
      kind: 'select',
      options: [
        { value: 'false', label: 'Unresolved' },
        { value: 'true', label: 'Resolved' },
      ],
    },
    { name: 'threatType', label: 'Type', kind: 'select', options: threatTypes.map((t) => ({ value: t, label: t })) },
    { name: 'ip', label: 'IP address', kind: 'text', maxLength: 45, placeholder: '192.0.2.1' },
    { name: 'from', label: 'First seen from', kind: 'date-from' },
    { name: 'to', label: 'First seen to', kind: 'date-to' },
  ],
});

const NO_TYPES: readonly string[] = [];

function useThreatTypes() {
  const { apiKey } = useAuth();
  return useQuery({
    queryKey: ['admin', 'threat-types'],
    queryFn: ({ signal }) => getThreatTypes(apiKey ?? '', signal),
    enabled: apiKey !== null,
    staleTime: Infinity,
  }).data ?? NO_TYPES;
}

const COLUMNS: readonly Column<Threat>[] = [
  { key: 'id', label: 'ID', numeric: true, rowHeader: true, render: (t) => t.id },
  { key: 'severity', label: 'Severity', render: (t) => <SeverityBadge severity={t.severity} /> },
  {
    key: 'resolved',
    label: 'Resolved',
    render: (t) => <span className={t.resolved ? 'status status-done' : 'status status-open'}>{t.resolved ? 'Resolved' : 'Open'}</span>,
  },
  { key: 'threatType', label: 'Type', render: (t) => <code>{t.threatType}</code> },
  { key: 'ipAddress', label: 'IP', render: (t) => <code>{t.ipAddress}</code> },
  { key: 'description', label: 'Description', render: (t) => <ThreatDescription threat={t} /> },
  { key: 'occurrences', label: 'Occurrences', numeric: true, render: (t) => formatInteger(t.occurrences) },
  { key: 'createdAt', label: 'First seen (UTC)', render: (t) => formatTimestamp(t.createdAt) },
  { key: 'lastSeenAt', label: 'Last seen (UTC)', render: (t) => formatTimestamp(t.lastSeenAt) },
];

/** The description, and for a prompt injection the redacted text that matched and a link to the request's conversation. */
function ThreatDescription({ threat }: { threat: Threat }) {
  return (
    <span className="cell-wrap">
      {threat.description}
      {threat.matchedText && (
        <q className="threat-excerpt" aria-label={`Matched text of threat ${threat.id}`}>
          {threat.matchedText}
        </q>
      )}
      {threat.requestLogId !== null && (
        <Link to={`/admin/request-logs/${threat.requestLogId}`} aria-label={`Request ${threat.requestLogId} of threat ${threat.id}`}>
          Request {threat.requestLogId}
        </Link>
      )}
    </span>
  );
}

export function ThreatsPage() {
  usePageTitle('Threats');
  const { apiKey } = useAuth();
  const queryClient = useQueryClient();
  const threatTypes = useThreatTypes();
  const spec = useMemo(() => threatSpec(threatTypes), [threatTypes]);
  const { list, result } = useAdminList<Threat>('threats', spec);
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [outcome, setOutcome] = useState<string | null>(null);

  // The selection belongs to the rows on screen: another page, filter or order starts afresh.
  useEffect(() => {
    setSelected(new Set());
  }, [list.query]);

  const mutation = useMutation({
    mutationFn: ({ ids, resolved }: { ids: number[]; resolved: boolean }) => setThreatsResolved(apiKey ?? '', ids, resolved),
    onSuccess: async ({ changed }) => {
      setOutcome(`${plural(changed, 'threat', 'threats')} changed`);
      setSelected(new Set());
      // The unresolved count on the dashboard moves too.
      await refetchAfterChange(queryClient, ['admin', 'threats'], ['dashboard']);
    },
    onError: () => setOutcome(null),
  });

  function run(resolved: boolean) {
    setOutcome(null);
    mutation.mutate({ ids: [...selected].sort((a, b) => a - b), resolved });
  }

  const count = selected.size;
  return (
    <AdminListPage
      list={list}
      result={result}
      title="Threats"
      headingId="threats-heading"
      filters={spec.filters}
      filtersLabel="Threat filters"
      noun="threats"
      table={{
        caption: 'Threats',
        columns: COLUMNS,
        rowKey: (t) => t.id,
        rowClassName: (t) => (t.resolved ? 'row-muted' : undefined),
        selection: {
          selected,
          onChange: setSelected,
          label: (t) => `Select threat ${t.id}`,
          allLabel: 'Select all threats on this page',
        },
      }}
      toolbar={
        <>
          <div className="bulk-bar" role="group" aria-label="Bulk actions">
            <span className="bulk-count">{count === 0 ? 'No threats selected' : `${plural(count, 'threat', 'threats')} selected`}</span>
            <button type="button" className="button" onClick={() => run(true)} disabled={count === 0 || mutation.isPending}>
              Resolve
            </button>
            <button type="button" className="button button-quiet" onClick={() => run(false)} disabled={count === 0 || mutation.isPending}>
              Unresolve
            </button>
            <p role="status" className="bulk-outcome">
              {mutation.isPending ? 'Saving…' : outcome}
            </p>
          </div>
          {mutation.error && (
            <div role="alert" className="message message-error">
              {isApiError(mutation.error, 'bad-request') ? (
                <ProblemList error={mutation.error} />
              ) : isApiError(mutation.error, 'forbidden') ? (
                MESSAGES.adminOnly
              ) : (
                `${MESSAGES.unreachable}: nothing was changed. Try again.`
              )}
            </div>
          )}
        </>
      }
    />
  );
}
