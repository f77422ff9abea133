import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, MESSAGES } from '../api/client';
import { useAuth } from '../auth';
import { formatInteger, formatMoney, formatTimestamp } from '../format';
import { BUDGET_PERIODS, getLimits, putLimits, type Limits, type LimitsInput, type LimitsSubject } from './api';
import { ProblemList } from '../components/ProblemList';

type Draft = Record<'budgetUsd' | 'budgetPeriod' | 'requestsPerMinute' | 'tokensPerMinute', string>;

function toDraft(limits: Limits): Draft {
  return {
    budgetUsd: limits.budgetUsd === null ? '' : String(limits.budgetUsd),
    budgetPeriod: limits.budgetPeriod ?? '',
    requestsPerMinute: limits.requestsPerMinute === null ? '' : String(limits.requestsPerMinute),
    tokensPerMinute: limits.tokensPerMinute === null ? '' : String(limits.tokensPerMinute),
  };
}

/** Empty → null (clears the limit); a number as a number; anything else as typed, for the server to name in its 400. */
function field(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function toInput(draft: Draft): LimitsInput {
  return {
    budgetUsd: field(draft.budgetUsd),
    budgetPeriod: draft.budgetPeriod === '' ? null : draft.budgetPeriod,
    requestsPerMinute: field(draft.requestsPerMinute),
    tokensPerMinute: field(draft.tokensPerMinute),
  };
}

/** "Spent $0.42 of $1.00 this day (since 2026-11-30 23:00 UTC)" with a meter, or that there is no budget. */
function Spend({ limits }: { limits: Limits }) {
  if (limits.budgetUsd === null) return <p className="limits-spend">No spend budget.</p>;
  const spent = limits.spentUsd ?? 0;
  const percent = limits.budgetUsd === 0 ? (spent > 0 ? 100 : 0) : Math.round((spent / limits.budgetUsd) * 100);
  return (
    <div className="limits-spend">
      <p>
        Spent {formatMoney(spent)} of {formatMoney(limits.budgetUsd)} this {limits.budgetPeriod} ({percent}%), since{' '}
        {formatTimestamp(limits.periodStart)} UTC
      </p>
      <meter min={0} max={limits.budgetUsd || 1} value={Math.min(spent, limits.budgetUsd || 1)} aria-label="Budget used" />
    </div>
  );
}

/** A key's or user's limits: spend so far against its budget, and a form that replaces every limit (empty clears one). */
export function LimitsEditor({ subject, label, onClose }: { subject: LimitsSubject; label: string; onClose: () => void }) {
  const { apiKey } = useAuth();
  const queryClient = useQueryClient();
  const queryKey = ['admin', 'limits', subject.resource, subject.id] as const;
  const limits = useQuery({ queryKey, queryFn: ({ signal }) => getLimits(apiKey ?? '', subject, signal), enabled: apiKey !== null });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const titleId = useId();
  const ids = { budgetUsd: useId(), budgetPeriod: useId(), requestsPerMinute: useId(), tokensPerMinute: useId() };

  useEffect(() => {
    if (limits.data && draft === null) setDraft(toDraft(limits.data));
  }, [limits.data, draft]);

  const save = useMutation({
    mutationFn: (input: LimitsInput) => putLimits(apiKey ?? '', subject, input),
    onSuccess: (answer) => {
      queryClient.setQueryData(queryKey, answer);
      setDraft(toDraft(answer));
      setSaved('Limits saved.');
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    if (draft) save.mutate(toInput(draft));
  }

  const set = (name: keyof Draft) => (event: { target: { value: string } }) => setDraft((d) => (d ? { ...d, [name]: event.target.value } : d));

  return (
    <section className="panel limits-editor" aria-labelledby={titleId}>
      <h3 id={titleId}>Limits of {label}</h3>
      {limits.isPending && <p role="status">Loading limits…</p>}
      {limits.isError && (
        <p role="alert" className="message message-error">
          {isApiError(limits.error, 'not-found') ? limits.error.message : MESSAGES.unreachable}
        </p>
      )}
      {limits.data && <Spend limits={limits.data} />}
      {limits.data && (
        <p className="limits-rates">
          Requests per minute: {limits.data.requestsPerMinute === null ? 'no limit' : formatInteger(limits.data.requestsPerMinute)} · Tokens per
          minute: {limits.data.tokensPerMinute === null ? 'no limit' : formatInteger(limits.data.tokensPerMinute)}
        </p>
      )}
      {draft && (
        <form className="inline-form" onSubmit={onSubmit} aria-label={`Edit limits of ${label}`}>
          <div className="field">
            <label htmlFor={ids.budgetUsd}>Budget (USD)</label>
            <input id={ids.budgetUsd} type="text" inputMode="decimal" value={draft.budgetUsd} onChange={set('budgetUsd')} placeholder="none" />
          </div>
          <div className="field">
            <label htmlFor={ids.budgetPeriod}>Period</label>
            <select id={ids.budgetPeriod} value={draft.budgetPeriod} onChange={set('budgetPeriod')}>
              <option value="">no budget</option>
              {BUDGET_PERIODS.map((p) => (
                <option key={p} value={p}>
                  per {p}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.requestsPerMinute}>Requests per minute</label>
            <input id={ids.requestsPerMinute} type="text" inputMode="numeric" value={draft.requestsPerMinute} onChange={set('requestsPerMinute')} placeholder="no limit" />
          </div>
          <div className="field">
            <label htmlFor={ids.tokensPerMinute}>Tokens per minute</label>
            <input id={ids.tokensPerMinute} type="text" inputMode="numeric" value={draft.tokensPerMinute} onChange={set('tokensPerMinute')} placeholder="no limit" />
          </div>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save limits'}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
          <p role="status" className="form-outcome">
            {saved}
          </p>
          {save.error ? (
            <div role="alert" className="message message-error">
              {isApiError(save.error, 'bad-request') ? <ProblemList error={save.error} /> : `${MESSAGES.unreachable}: nothing was saved. Try again.`}
            </div>
          ) : null}
        </form>
      )}
    </section>
  );
}

/** A list's limits editor: which row's limits are open (one at a time), the way to open them, and the editor itself. */
export function useLimitsEditor() {
  const [open, setOpen] = useState<{ subject: LimitsSubject; label: string } | null>(null);
  const editor = open && (
    <LimitsEditor key={`${open.subject.resource}-${open.subject.id}`} subject={open.subject} label={open.label} onClose={() => setOpen(null)} />
  );
  return { openLimits: (subject: LimitsSubject, label: string) => setOpen({ subject, label }), editor };
}
