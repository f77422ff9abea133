import { Suspense, useId, useState, type ReactNode } from 'react';

export interface ChartFigureProps {
  title: string;
  /** What the drawing shows, for assistive technology (the drawing itself is one image). */
  description: string;
  columns: string[];
  rows: ReactNode[][];
  /** Shown instead of a drawing when there are no rows. */
  emptyText?: string;
  /** Extra content above the drawing, e.g. headline figures. */
  header?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

/**
 * A chart with its text alternative: the same data as a table, visually hidden until
 * "Show table" is pressed (screen readers always reach it).
 */
export function ChartFigure({ title, description, columns, rows, emptyText, header, wide, children }: ChartFigureProps) {
  const [showTable, setShowTable] = useState(false);
  const titleId = useId();
  const tableId = useId();
  const isEmpty = rows.length === 0;

  return (
    <figure className={`chart${wide ? ' chart-wide' : ''}`} aria-label={title}>
      <div className="chart-head">
        <figcaption id={titleId} className="chart-title">
          {title}
        </figcaption>
        {!isEmpty && (
          <button
            type="button"
            className="button button-small button-quiet"
            aria-controls={tableId}
            aria-expanded={showTable}
            aria-label={`${showTable ? 'Hide' : 'Show'} table: ${title}`}
            onClick={() => setShowTable((shown) => !shown)}
          >
            {showTable ? 'Hide table' : 'Show table'}
          </button>
        )}
      </div>
      {header}
      {isEmpty ? (
        <p className="chart-empty">{emptyText ?? 'No data in this range.'}</p>
      ) : (
        <>
          <div role="img" aria-label={description} className="chart-canvas">
            <Suspense fallback={<div className="chart-placeholder">Loading chart…</div>}>{children}</Suspense>
          </div>
          <div id={tableId} className={showTable ? 'chart-table' : 'visually-hidden'}>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, rowIndex) => (
                  <tr key={rowIndex}>
                    {row.map((cell, cellIndex) =>
                      cellIndex === 0 ? (
                        <th key={cellIndex} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={cellIndex}>{cell}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}
