import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, MESSAGES } from '../../api/client';
import { useAuth } from '../../auth';
import { formatTimestamp } from '../../format';
import {
  ALERT_METRICS,
  deleteAlertRule,
  getAlertHistory,
  getAlertRules,
  saveAlertRule,
  type AlertEvent,
  type AlertRule,
  type AlertRuleInput,
  type ChannelType,
} from '../alertsApi';
import { DataTable, type Column } from '../DataTable';
import { ProblemList } from '../../components/ProblemList';
import { ErrorState, LoadingState } from '../LoadStates';
import { usePageTitle } from '../usePageTitle';
import { refetchAfterChange } from '../../queryClient';

const RULES_KEY = ['admin', 'alert-rules'] as const;
const HISTORY_KEY = ['admin', 'alerts'] as const;

interface Draft {
  name: string;
  metric: string;
  threshold: string;
  window: string;
  for: string;
  model: string;
  apiKeyId: string;
  userId: string;
  endpoint: string;
  channelType: ChannelType;
  url: string;
  secret: string;
}

const EMPTY_DRAFT: Draft = {
  name: '',
  metric: 'error_rate',
  threshold: '0.05',
  window: '00:05:00',
  for: '00:00:00',
  model: '',
  apiKeyId: '',
  userId: '',
  endpoint: '',
  channelType: 'webhook',
  url: '',
  secret: '',
};

function draftOf(rule: AlertRule): Draft {
  return {
    name: rule.name,
    metric: rule.metric,
    threshold: String(rule.threshold),
    window: rule.window,
    for: rule.for,
    model: rule.filters.model ?? '',
    apiKeyId: rule.filters.apiKeyId?.toString() ?? '',
    userId: rule.filters.userId?.toString() ?? '',
    endpoint: rule.filters.endpoint ?? '',
    channelType: rule.channel.type === 'slack' ? 'slack' : 'webhook',
    url: rule.channel.url,
    secret: '',
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
const idOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

/** The form's fields as the contract's body; the API validates and names any field it refuses. */
export function inputOf(draft: Draft): AlertRuleInput {
  return {
    name: draft.name,
    metric: draft.metric,
    threshold: Number(draft.threshold),
    window: draft.window,
    for: draft.for,
    filters: { model: orNull(draft.model), apiKeyId: idOrNull(draft.apiKeyId), userId: idOrNull(draft.userId), endpoint: orNull(draft.endpoint) },
    channel: { type: draft.channelType, url: draft.url, secret: orNull(draft.secret) },
  };
}

function Field({ label, value, onChange, hint }: { label: string; value: string; onChange: (v: string) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} onChange={(event) => onChange(event.target.value)} placeholder={hint} autoComplete="off" spellCheck={false} />
    </div>
  );
}

function RuleForm({ editing, onDone }: { editing: AlertRule | null; onDone: () => void }) {
  const { apiKey } = useAuth();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : EMPTY_DRAFT);
  const metricId = useId();
  const typeId = useId();
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const mutation = useMutation({
    mutationFn: () => saveAlertRule(apiKey ?? '', editing?.id ?? null, inputOf(draft)),
    onSuccess: async () => {
      await refetchAfterChange(queryClient, RULES_KEY);
      onDone();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate();
  }

  return (
    <form className="inline-form" onSubmit={onSubmit} aria-label={editing ? `Edit rule ${editing.name}` : 'New alert rule'}>
      <h3>{editing ? `Edit rule ${editing.name}` : 'New alert rule'}</h3>
      <Field label="Name" value={draft.name} onChange={set('name')} />
      <div className="field">
        <label htmlFor={metricId}>Metric</label>
        <select id={metricId} value={draft.metric} onChange={(event) => set('metric')(event.target.value)}>
          {ALERT_METRICS.map((metric) => (
            <option key={metric} value={metric}>
              {metric}
            </option>
          ))}
        </select>
      </div>
      <Field label="Threshold" value={draft.threshold} onChange={set('threshold')} hint="error_rate: 0 to 1" />
      <Field label="Window" value={draft.window} onChange={set('window')} hint="hh:mm:ss" />
      <Field label="For" value={draft.for} onChange={set('for')} hint="hh:mm:ss" />
      <Field label="Model" value={draft.model} onChange={set('model')} />
      <Field label="API key ID" value={draft.apiKeyId} onChange={set('apiKeyId')} />
      <Field label="User ID" value={draft.userId} onChange={set('userId')} />
      <Field label="Endpoint" value={draft.endpoint} onChange={set('endpoint')} />
      <div className="field">
        <label htmlFor={typeId}>Channel</label>
        <select id={typeId} value={draft.channelType} onChange={(event) => set('channelType')(event.target.value)}>
          <option value="webhook">webhook</option>
          <option value="slack">slack</option>
        </select>
      </div>
      <Field label="URL" value={draft.url} onChange={set('url')} hint="https://…" />
      <Field label="Secret" value={draft.secret} onChange={set('secret')} hint={editing?.channel.hasSecret ? 'set — leave empty to keep it' : 'signs the webhook body'} />
      <button type="submit" className="button" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save rule'}
      </button>
      <button type="button" className="button button-quiet" onClick={onDone}>
        Cancel
      </button>
      {mutation.error ? (
        <div role="alert" className="message message-error">
          {isApiError(mutation.error, 'bad-request') ? <ProblemList error={mutation.error} /> : `${MESSAGES.unreachable}: nothing was saved. Try again.`}
        </div>
      ) : null}
    </form>
  );
}

function attemptsText(event: AlertEvent): string {
  return event.attempts.map((a) => (a.statusCode === null ? `#${a.attempt} ${a.error ?? 'failed'}` : `#${a.attempt} ${a.statusCode}`)).join(', ');
}

const HISTORY_COLUMNS: readonly Column<AlertEvent>[] = [
  { key: 'at', label: 'At (UTC)', sortable: false, render: (e) => formatTimestamp(e.at, { seconds: true }) },
  { key: 'ruleName', label: 'Rule', sortable: false, rowHeader: true, render: (e) => e.ruleName },
  { key: 'state', label: 'State', sortable: false, render: (e) => e.state },
  { key: 'value', label: 'Value', sortable: false, numeric: true, render: (e) => `${e.value} / ${e.threshold}` },
  { key: 'delivery', label: 'Delivery', sortable: false, render: (e) => e.delivery },
  { key: 'attempts', label: 'Attempts', sortable: false, render: attemptsText },
];

export function AlertsPage() {
  usePageTitle('Alerts');
  const { apiKey } = useAuth();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: ({ signal }) => getAlertRules(apiKey ?? '', signal), enabled: apiKey !== null });
  const history = useQuery({ queryKey: HISTORY_KEY, queryFn: ({ signal }) => getAlertHistory(apiKey ?? '', signal), enabled: apiKey !== null });
  const remove = useMutation({
    mutationFn: (id: number) => deleteAlertRule(apiKey ?? '', id),
    onSuccess: () => refetchAfterChange(queryClient, RULES_KEY),
  });

  const ruleColumns: readonly Column<AlertRule>[] = [
    { key: 'id', label: 'ID', sortable: false, numeric: true, render: (r) => r.id },
    { key: 'name', label: 'Name', sortable: false, rowHeader: true, render: (r) => r.name },
    { key: 'condition', label: 'Condition', sortable: false, render: (r) => `${r.metric} > ${r.threshold} over ${r.window} for ${r.for}` },
    { key: 'channel', label: 'Channel', sortable: false, render: (r) => `${r.channel.type}${r.channel.hasSecret ? ' (signed)' : ''}` },
    { key: 'state', label: 'State', sortable: false, render: (r) => <span className={`alert-state alert-state-${r.state}`}>{r.state}</span> },
    {
      key: 'actions',
      label: 'Actions',
      sortable: false,
      render: (r) => (
        <>
          <button type="button" className="button button-small" onClick={() => setEditing(r)}>
            Edit
          </button>{' '}
          <button type="button" className="button button-small button-quiet" onClick={() => remove.mutate(r.id)} disabled={remove.isPending}>
            Delete
          </button>
        </>
      ),
    },
  ];

  return (
    <>
      <section className="panel" aria-labelledby="alert-rules-title">
        <h2 id="alert-rules-title">Alert rules</h2>
        {rules.data ? (
          <DataTable caption="Alert rules" columns={ruleColumns} rows={rules.data} rowKey={(r) => r.id} />
        ) : rules.error ? (
          <ErrorState error={rules.error} onRetry={() => void rules.refetch()} retrying={rules.isFetching} what="Alert rules" />
        ) : (
          <LoadingState text="Loading alert rules…" />
        )}
        {editing === null ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            New rule
          </button>
        ) : (
          <RuleForm key={editing === 'new' ? 'new' : editing.id} editing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </section>
      <section className="panel" aria-labelledby="alert-history-title">
        <h2 id="alert-history-title">Alert history</h2>
        {history.data ? (
          <DataTable caption="Alert history" columns={HISTORY_COLUMNS} rows={history.data} rowKey={(e) => e.id} />
        ) : history.error ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} retrying={history.isFetching} what="Alert history" />
        ) : (
          <LoadingState text="Loading alert history…" />
        )}
      </section>
    </>
  );
}
