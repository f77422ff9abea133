import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { browserTimeZone, FILTERS, readFilters, readTimeZone, timeZones, withParams, type DashboardFilters } from '../dashboardParams';

/** Model, user, key, endpoint and source filters: applied with the button (or Enter), kept in the URL beside the range. */
export function DashboardFilterBar() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const applied = readFilters(params);
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = useState<DashboardFilters>(applied);
  const ids = { model: useId(), userId: useId(), apiKeyId: useId(), endpoint: useId(), source: useId() };

  // The URL is the truth: back/forward or a shared link resets the form.
  useEffect(() => setDraft(JSON.parse(appliedKey) as DashboardFilters), [appliedKey]);

  function apply(values: DashboardFilters) {
    navigate({ search: withParams(params, Object.fromEntries(FILTERS.map(({ name }) => [name, values[name]?.trim()]))) });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(draft);
  }

  return (
    <form className="filters dashboard-filters" aria-label="Dashboard filters" onSubmit={onSubmit} noValidate>
      <div className="filter-fields">
        {FILTERS.map((filter) => (
          <div className="field" key={filter.name}>
            <label htmlFor={ids[filter.name]}>{filter.label}</label>
            {'options' in filter ? (
              <select
                id={ids[filter.name]}
                value={draft[filter.name] ?? ''}
                onChange={(event) => setDraft((current) => ({ ...current, [filter.name]: event.target.value }))}
              >
                {filter.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={ids[filter.name]}
                type="text"
                value={draft[filter.name] ?? ''}
                inputMode={filter.inputMode}
                placeholder={filter.placeholder}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setDraft((current) => ({ ...current, [filter.name]: event.target.value }))}
              />
            )}
          </div>
        ))}
      </div>
      <div className="filter-buttons">
        <button type="submit" className="button">
          Filter dashboard
        </button>
        <button
          type="button"
          className="button button-quiet"
          disabled={Object.keys(applied).length === 0 && Object.values(draft).every((value) => !value)}
          onClick={() => {
            setDraft({});
            apply({});
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}

/** The zone daily buckets and labels are in: the browser's by default, another kept in the URL as tz. */
export function TimeZonePicker() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const zone = readTimeZone(params);
  const id = useId();
  const browser = browserTimeZone();
  return (
    <div className="field time-zone">
      <label htmlFor={id}>Time zone</label>
      <select
        id={id}
        value={zone}
        onChange={(event) => navigate({ search: withParams(params, { tz: event.target.value === browser ? null : event.target.value }) })}
      >
        {timeZones(zone).map((name) => (
          <option key={name} value={name}>
            {name === browser ? `${name} (this browser)` : name}
          </option>
        ))}
      </select>
    </div>
  );
}
