import { useEffect, useRef, type ReactNode } from 'react';
import { DEFAULT_SORT } from './listState';

export interface Column<T> {
  /** The API's column name: the sort key, unless `sortable` is false. */
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  sortable?: boolean;
  numeric?: boolean;
  /** The row's heading cell (scope="row"), usually the id or name. */
  rowHeader?: boolean;
}

export interface RowSelection<T> {
  selected: ReadonlySet<number>;
  onChange: (next: Set<number>) => void;
  /** Accessible name of a row's checkbox, e.g. "Select threat 12". */
  label: (row: T) => string;
  /** Accessible name of the header checkbox, e.g. "Select all threats on this page". */
  allLabel: string;
}

export interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => number;
  sort?: string | null;
  desc?: boolean;
  onSort?: (column: string) => void;
  selection?: RowSelection<T>;
  busy?: boolean;
  rowClassName?: (row: T) => string | undefined;
  /** Tighter cells whose long values wrap, for lists with many columns (request logs at 1440 px). */
  compact?: boolean;
}

type AriaSort = 'ascending' | 'descending';

function Checkbox({
  checked,
  indeterminate = false,
  onChange,
  label,
}: {
  checked: boolean;
  indeterminate?: boolean;
  onChange: (checked: boolean) => void;
  label: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <label className="check">
      <input ref={ref} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span className="visually-hidden">{label}</span>
    </label>
  );
}

/** A table in a horizontally scrolling region, with sortable column headers and optional row selection. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  desc,
  onSort,
  selection,
  busy = false,
  rowClassName,
  compact = false,
}: DataTableProps<T>) {
  const activeColumn = sort ?? DEFAULT_SORT.column;
  const activeDesc = sort ? Boolean(desc) : DEFAULT_SORT.desc;
  const ids = rows.map(rowKey);
  const selectedHere = selection ? ids.filter((id) => selection.selected.has(id)).length : 0;

  function toggleAll(checked: boolean) {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const id of ids) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    selection.onChange(next);
  }

  function toggleOne(id: number, checked: boolean) {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (checked) next.add(id);
    else next.delete(id);
    selection.onChange(next);
  }

  return (
    <div className="table-scroll" role="region" aria-label={`${caption} table`} tabIndex={0} aria-busy={busy || undefined}>
      <table className={compact ? 'data-table data-table-compact' : 'data-table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="col-check">
                <Checkbox
                  checked={ids.length > 0 && selectedHere === ids.length}
                  indeterminate={selectedHere > 0 && selectedHere < ids.length}
                  onChange={toggleAll}
                  label={selection.allLabel}
                />
              </th>
            )}
            {columns.map((column) => {
              const sortable = onSort && column.sortable !== false;
              const active = column.key === activeColumn;
              const ariaSort: AriaSort | undefined = active && sortable ? (activeDesc ? 'descending' : 'ascending') : undefined;
              return (
                <th key={column.key} scope="col" aria-sort={ariaSort} className={column.numeric ? 'num' : undefined}>
                  {sortable ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                      {column.label}
                      <span aria-hidden="true" className={`sort-mark${ariaSort ? ' sort-mark-active' : ''}`}>
                        {ariaSort === 'ascending' ? '▲' : ariaSort === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const id = rowKey(row);
            const selected = selection?.selected.has(id) ?? false;
            const extra = rowClassName?.(row);
            return (
              <tr key={id} className={[selected ? 'row-selected' : '', extra ?? ''].join(' ').trim() || undefined}>
                {selection && (
                  <td className="col-check">
                    <Checkbox checked={selected} onChange={(checked) => toggleOne(id, checked)} label={selection.label(row)} />
                  </td>
                )}
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.key} scope="row" className={column.numeric ? 'num' : undefined}>
                      {column.render(row)}
                    </th>
                  ) : (
                    <td key={column.key} className={column.numeric ? 'num' : undefined}>
                      {column.render(row)}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
