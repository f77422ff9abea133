import { useId } from 'react';
import { formatInteger } from '../format';
import { PAGE_SIZES, type ListControls } from './listState';

/** Where in the list the rows on screen are, the way to the other pages, and how many rows a page has. */
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
