import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { FilterDef, ListControls } from './listState';

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
