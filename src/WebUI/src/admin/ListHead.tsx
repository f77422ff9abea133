import type { ReactNode } from 'react';

/** A list's heading, its own actions and a refresh button. */
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
