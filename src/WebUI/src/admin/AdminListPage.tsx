import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { PagedList } from './api';
import { DataTable, type DataTableProps } from './DataTable';
import { FilterBar } from './FilterBar';
import { ListBody } from './ListBody';
import { ListHead } from './ListHead';
import type { FilterDef, ListControls } from './listState';
import { Pager } from './Pager';

/** What the table shows; its rows, order and busy state come from the list. */
export type ListTable<T> = Omit<DataTableProps<T>, 'rows' | 'sort' | 'desc' | 'onSort' | 'busy'>;

interface AdminListPageProps<T> {
  /** From useAdminList: the URL state and the page of rows. */
  list: ListControls;
  result: UseQueryResult<PagedList<T>>;
  title: string;
  headingId: string;
  filters: readonly FilterDef[];
  /** Accessible name of the filter form: "Threat filters". */
  filtersLabel: string;
  /** Plural noun for the states and the pager: "threats". */
  noun: string;
  table: ListTable<T>;
  /** Beside the refresh button, e.g. an export. */
  actions?: ReactNode;
  /** Between the heading and the filters, e.g. a form that adds a row. */
  intro?: ReactNode;
  /** Between the filters and the table, e.g. bulk actions or their outcome. */
  toolbar?: ReactNode;
  /** After the list, e.g. a dialog opened from a row. */
  children?: ReactNode;
  className?: string;
}

/** The layout every admin list shares: heading, filters, table and pages, with loading, error and empty states. */
export function AdminListPage<T>({
  list,
  result,
  title,
  headingId,
  filters,
  filtersLabel,
  noun,
  table,
  actions,
  intro,
  toolbar,
  children,
  className = 'admin-section',
}: AdminListPageProps<T>) {
  return (
    <section aria-labelledby={headingId} className={className}>
      <ListHead id={headingId} title={title} onRefresh={() => void result.refetch()} refreshing={result.isFetching}>
        {actions}
      </ListHead>
      {intro}
      <FilterBar filters={filters} list={list} label={filtersLabel} />
      {toolbar}
      <ListBody result={result} noun={noun} list={list}>
        {(data) => (
          <>
            <DataTable
              {...table}
              rows={data.items}
              sort={list.state.sort}
              desc={list.state.desc}
              onSort={list.toggleSort}
              busy={result.isFetching}
            />
            <Pager list={list} totalCount={data.totalCount} noun={noun} shown={data.items.length} />
          </>
        )}
      </ListBody>
      {children}
    </section>
  );
}
