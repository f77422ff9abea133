// The state of an admin list (filters, page, page size, sort) lives in the URL so a view can be
// shared and survives a reload; this module turns it into the admin API's query string.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export type FilterKind = 'date-from' | 'date-to' | 'text' | 'select';

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterDef {
  /** The API's parameter name. */
  name: string;
  label: string;
  kind: FilterKind;
  /** For selects; an "Any" option with the value "" comes first automatically. */
  options?: readonly FilterOption[];
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  maxLength?: number;
  hint?: string;
}

export interface ListSpec {
  filters: readonly FilterDef[];
  /** Prefix of this list's URL parameters when a screen shows two lists ("keys" → keysPage). */
  prefix?: string;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** Without a sort the API lists the newest rows first (id, descending). */
export const DEFAULT_SORT = { column: 'id', desc: true } as const;

export interface ListState {
  values: Record<string, string>;
  page: number;
  pageSize: number;
  /** null: the API's default order (newest first). */
  sort: string | null;
  desc: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-07-20" → "2025-07-21" (UTC calendar); anything else is returned unchanged for the API to judge. */
export function nextDay(date: string): string {
  const match = DATE.exec(date);
  if (!match) return date;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  if (Number.isNaN(next.getTime())) return date;
  return next.toISOString().slice(0, 10);
}

export function paramName(spec: ListSpec, name: string): string {
  return spec.prefix ? `${spec.prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name;
}

function positiveInt(text: string | null): number | null {
  if (text === null || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 ? value : null;
}

export function readListState(spec: ListSpec, params: URLSearchParams): ListState {
  const values: Record<string, string> = {};
  for (const filter of spec.filters) {
    const value = params.get(paramName(spec, filter.name))?.trim() ?? '';
    if (value) values[filter.name] = value;
  }
  const pageSize = positiveInt(params.get(paramName(spec, 'pageSize')));
  const sort = params.get(paramName(spec, 'sort'))?.trim() || null;
  return {
    values,
    page: positiveInt(params.get(paramName(spec, 'page'))) ?? 1,
    pageSize: pageSize !== null && (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort,
    desc: sort ? params.get(paramName(spec, 'desc')) === 'true' : DEFAULT_SORT.desc,
  };
}

/**
 * The filters in the order they are declared, then paging, then the sort. "To" dates are inclusive
 * on screen and exclusive in the API, so the day after is sent.
 */
export function filterQuery(spec: ListSpec, state: Pick<ListState, 'values' | 'sort' | 'desc'>): URLSearchParams {
  const query = new URLSearchParams();
  for (const filter of spec.filters) {
    const value = state.values[filter.name];
    if (!value) continue;
    query.set(filter.name, filter.kind === 'date-to' ? nextDay(value) : value);
  }
  return query;
}

function sortQuery(query: URLSearchParams, state: Pick<ListState, 'sort' | 'desc'>): void {
  if (!state.sort) return;
  query.set('sort', state.sort);
  query.set('desc', String(state.desc));
}

/** The query string of one page of the list. */
export function listQuery(spec: ListSpec, state: ListState): string {
  const query = filterQuery(spec, state);
  query.set('page', String(state.page));
  query.set('pageSize', String(state.pageSize));
  sortQuery(query, state);
  return query.toString();
}

/** The query string of an export: the filters and the sort, no paging. */
export function exportQuery(spec: ListSpec, state: ListState): string {
  const query = filterQuery(spec, state);
  sortQuery(query, state);
  return query.toString();
}

export interface ListControls {
  state: ListState;
  query: string;
  hasFilters: boolean;
  setFilters: (values: Record<string, string>) => void;
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
  /** Sort by a column: ascending first, then descending on the next click. */
  toggleSort: (column: string) => void;
}

export function useListState(spec: ListSpec): ListControls {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(spec, params), [spec, params]);
  const query = useMemo(() => listQuery(spec, state), [spec, state]);

  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          change(next);
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const setFilters = useCallback(
    (values: Record<string, string>) =>
      update((next) => {
        for (const filter of spec.filters) {
          const value = values[filter.name]?.trim() ?? '';
          if (value) next.set(paramName(spec, filter.name), value);
          else next.delete(paramName(spec, filter.name));
        }
        next.delete(paramName(spec, 'page'));
      }),
    [spec, update],
  );

  const setPage = useCallback(
    (page: number) =>
      update((next) => {
        if (page <= 1) next.delete(paramName(spec, 'page'));
        else next.set(paramName(spec, 'page'), String(page));
      }),
    [spec, update],
  );

  const setPageSize = useCallback(
    (pageSize: number) =>
      update((next) => {
        if (pageSize === DEFAULT_PAGE_SIZE) next.delete(paramName(spec, 'pageSize'));
        else next.set(paramName(spec, 'pageSize'), String(pageSize));
        next.delete(paramName(spec, 'page'));
      }),
    [spec, update],
  );

  const toggleSort = useCallback(
    (column: string) =>
      update((next) => {
        const current = readListState(spec, next);
        const active = current.sort ?? DEFAULT_SORT.column;
        const currentDesc = current.sort ? current.desc : DEFAULT_SORT.desc;
        next.set(paramName(spec, 'sort'), column);
        next.set(paramName(spec, 'desc'), String(active === column ? !currentDesc : false));
        next.delete(paramName(spec, 'page'));
      }),
    [spec, update],
  );

  return {
    state,
    query,
    hasFilters: Object.keys(state.values).length > 0,
    setFilters,
    setPage,
    setPageSize,
    toggleSort,
  };
}
