import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { isApiError, MESSAGES } from '../api/client';
import { ProblemList } from '../components/ProblemList';
import { useAuth } from '../auth';
import { formatInteger } from '../format';
import type { PagedList } from './api';
import { PAGE_SIZES, type FilterDef, type ListControls } from './listState';

export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Admin · CleanDashboard`;
  }, [title]);
}

export function plural(count: number, one: string, many: string): string {
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

/** Severity as a coloured badge that also says it in words. */
export function SeverityBadge({ severity }: { severity: string }) {
  const known = ['low', 'medium', 'high', 'critical'].includes(severity);
  return (
    <span className={`severity severity-${known ? severity : 'unknown'}`}>
      <span aria-hidden="true" className="severity-dot" />
      {severity}
    </span>
  );
}

/** ★★★★☆ that reads as "4 of 5 stars". */
export function Stars({ rating }: { rating: number }) {
  const stars = Math.max(0, Math.min(5, Math.round(rating)));
  return (
    <span className="stars" role="img" aria-label={`${stars} of 5 stars`}>
      <span className="stars-on">{'★'.repeat(stars)}</span>
      <span className="stars-off">{'★'.repeat(5 - stars)}</span>
    </span>
  );
}

export { ProblemList };

/** What a member key (or any non-admin key) sees instead of admin data. */
export function AdminOnly({ who }: { who?: string }) {
  const { signOut } = useAuth();
  return (
    <div role="alert" className="panel state state-error">
      <h2>{MESSAGES.adminOnly}</h2>
      <p>
        {who ? `You are signed in as ${who}, which is not an admin. ` : 'This key is not an admin key. '}
        Sign in with an admin key to see threats, feedback, request logs, sessions, model stats, users and keys.
      </p>
      <button type="button" className="button" onClick={signOut}>
        Sign in with another key
      </button>
    </div>
  );
}

/** An error with nothing to show: why, and a way out. */
export function ErrorState({ error, onRetry, retrying, what }: { error: unknown; onRetry: () => void; retrying: boolean; what: string }) {
  if (isApiError(error, 'forbidden')) return <AdminOnly />;
  if (isApiError(error, 'bad-request')) {
    return (
      <div role="alert" className="panel state state-error">
        <h2>The API did not accept these filters</h2>
        <ProblemList error={error} />
        <p className="muted">Change the filters above and apply them again.</p>
      </div>
    );
  }
  if (isApiError(error, 'not-found')) {
    return (
      <div role="alert" className="panel state state-error">
        <h2>{what} not found</h2>
        <p>{error.message}</p>
      </div>
    );
  }
  return (
    <div role="alert" className="panel state state-error">
      <h2>{isApiError(error, 'rate-limited') ? MESSAGES.rateLimited : MESSAGES.unreachable}</h2>
      {!isApiError(error, 'rate-limited') && (
        <p>
          {isApiError(error) && error.status ? `The API answered HTTP ${error.status}. ` : 'The request did not get through. '}
          Check that the CleanDashboard service is running, then retry.
        </p>
      )}
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}

export function LoadingState({ text }: { text: string }) {
  return (
    <div className="loading" aria-busy="true">
      <p role="status">{text}</p>
      <div className="table-skeleton skeleton" aria-hidden="true" />
    </div>
  );
}

interface ListBodyProps<T> {
  result: UseQueryResult<PagedList<T>>;
  /** Plural noun: "threats". */
  noun: string;
  list: ListControls;
  children: (data: PagedList<T>) => ReactNode;
}

/** Loading, error, empty, or the list itself; a failed refresh keeps the rows under a banner. */
export function ListBody<T>({ result, noun, list, children }: ListBodyProps<T>) {
  const { data, error, isFetching, refetch } = result;
  const retry = () => void refetch();
  if (!data) {
    if (error) return <ErrorState error={error} onRetry={retry} retrying={isFetching} what={noun} />;
    return <LoadingState text={`Loading ${noun}…`} />;
  }
  return (
    <>
      {error && (
        <div role="alert" className="banner banner-error">
          <span>
            {isApiError(error, 'bad-request') ? 'The API did not accept these filters.' : MESSAGES.unreachable} Showing the last
            rows loaded.
          </span>
          <button type="button" className="button button-small" onClick={retry} disabled={isFetching}>
            Retry
          </button>
        </div>
      )}
      {data.items.length === 0 ? (
        <div className="panel state state-empty" role="status">
          {list.state.page > 1 && data.totalCount > 0 ? (
            <>
              <h2>This page is empty</h2>
              <p className="muted">
                There are {plural(data.totalCount, noun.replace(/s$/, ''), noun)}, on fewer pages than this.
              </p>
              <button type="button" className="button" onClick={() => list.setPage(1)}>
                Go to the first page
              </button>
            </>
          ) : list.hasFilters ? (
            <>
              <h2>No {noun} match these filters</h2>
              <button type="button" className="button button-quiet" onClick={() => list.setFilters({})}>
                Clear filters
              </button>
            </>
          ) : (
            <h2>No {noun} yet</h2>
          )}
        </div>
      ) : (
        children(data)
      )}
    </>
  );
}

export function Pager({ list, totalCount, noun, shown }: { list: ListControls; totalCount: number; noun: string; shown: number }) {
  const { page, pageSize } = list.state;
  const pages = Math.max(1, Math.ceil(totalCount / pageSize));
  const first = totalCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + shown;
  const sizeId = useId();
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`}>
      <p className="pager-count">
        {shown > 0 ? `${formatInteger(first)}–${formatInteger(last)} of ${formatInteger(totalCount)} ${noun}` : `${formatInteger(totalCount)} ${noun}`}
      </p>
      <div className="pager-buttons">
        <button type="button" className="button button-quiet button-small" onClick={() => list.setPage(page - 1)} disabled={page <= 1}>
          Previous page
        </button>
        <span className="pager-page">
          Page {formatInteger(page)} of {formatInteger(pages)}
        </span>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => list.setPage(page + 1)}
          disabled={page >= pages}
        >
          Next page
        </button>
      </div>
      <div className="pager-size">
        <label htmlFor={sizeId}>Rows per page</label>
        <select id={sizeId} value={pageSize} onChange={(event) => list.setPageSize(Number(event.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
    </nav>
  );
}

function FilterField({
  filter,
  value,
  onChange,
}: {
  filter: FilterDef;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = useId();
  // A drill-down from the dashboard sends instants ("2025-07-14T14:00:00Z"): shown as text, and "to" is then exclusive.
  const instant = (filter.kind === 'date-from' || filter.kind === 'date-to') && value.includes('T');
  const label =
    filter.kind === 'date-from'
      ? `${filter.label} (UTC)`
      : filter.kind === 'date-to'
        ? `${filter.label} (UTC, ${instant ? 'exclusive' : 'inclusive'})`
        : filter.label;
  let control: ReactNode;
  if (filter.kind === 'select') {
    control = (
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {filter.options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        type={filter.kind === 'text' || instant ? 'text' : 'date'}
        value={value}
        inputMode={filter.inputMode}
        placeholder={filter.placeholder}
        maxLength={filter.maxLength}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={filter.hint ? hintId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {filter.hint && (
        <span id={hintId} className="field-hint">
          {filter.hint}
        </span>
      )}
    </div>
  );
}

/** The filters of a list as a form: they apply on submit (Enter or the button) and live in the URL. */
export function FilterBar({ filters, list, label }: { filters: readonly FilterDef[]; list: ListControls; label: string }) {
  const [draft, setDraft] = useState<Record<string, string>>(list.state.values);
  const applied = JSON.stringify(list.state.values);
  // The URL is the truth: back/forward or a "Clear filters" elsewhere resets the form.
  useEffect(() => {
    setDraft(JSON.parse(applied) as Record<string, string>);
  }, [applied]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    list.setFilters(draft);
  }

  return (
    <form className="filters" onSubmit={onSubmit} aria-label={label} noValidate>
      <div className="filter-fields">
        {filters.map((filter) => (
          <FilterField
            key={filter.name}
            filter={filter}
            value={draft[filter.name] ?? ''}
            onChange={(value) => setDraft((current) => ({ ...current, [filter.name]: value }))}
          />
        ))}
      </div>
      <div className="filter-buttons">
        <button type="submit" className="button">
          Apply filters
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setDraft({});
            list.setFilters({});
          }}
          disabled={!list.hasFilters && Object.values(draft).every((v) => !v)}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

export function ListHead({
  id,
  title,
  children,
  onRefresh,
  refreshing,
}: {
  id?: string;
  title: string;
  children?: ReactNode;
  onRefresh?: () => void;
  refreshing?: boolean;
}) {
  return (
    <div className="list-head">
      <h2 id={id}>{title}</h2>
      <div className="list-actions">
        {children}
        {onRefresh && (
          <button type="button" className="button button-quiet" onClick={onRefresh} disabled={refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
        )}
      </div>
    </div>
  );
}
