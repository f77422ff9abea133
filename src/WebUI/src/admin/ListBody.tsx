import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { isApiError, MESSAGES } from '../api/client';
import type { PagedList } from './api';
import type { ListControls } from './listState';
import { ErrorState, LoadingState } from './LoadStates';
import { plural } from './plural';

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
