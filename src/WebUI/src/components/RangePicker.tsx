import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  checkCustomRange,
  isoToLocalInput,
  PRESETS,
  rangeToQuery,
  readRange,
  type RangeKey,
  type RangeSelection,
} from '../range';

function defaultCustomInputs(): { start: string; end: string } {
  const end = new Date();
  end.setUTCMinutes(0, 0, 0);
  const start = new Date(end.getTime() - 7 * 24 * 3_600_000);
  return { start: isoToLocalInput(start.toISOString()), end: isoToLocalInput(end.toISOString()) };
}

function inputsFor(selection: RangeSelection): { start: string; end: string } {
  if (selection.range === 'custom' && (selection.start || selection.end)) {
    return { start: isoToLocalInput(selection.start), end: isoToLocalInput(selection.end) };
  }
  return defaultCustomInputs();
}

/** The range's parameters replaced, the others (filters, zone) kept. */
function keepOthers(params: URLSearchParams, range: string): string {
  const others = new URLSearchParams(params);
  for (const name of ['range', 'start', 'end']) others.delete(name);
  const rest = others.toString().replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  return rest ? `${range}&${rest}` : range;
}

/** Preset ranges apply at once; a custom range applies with its Apply button. Both live in the URL. */
export function RangePicker() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const selection = readRange(params);
  const urlKey = rangeToQuery(selection);

  const [mode, setMode] = useState<RangeKey>(selection.range);
  const [inputs, setInputs] = useState(() => inputsFor(selection));
  const [error, setError] = useState<{ field: 'start' | 'end'; message: string } | null>(null);

  // Follow the URL when it changes from outside (back/forward, a shared link).
  useEffect(() => {
    const current = readRange(new URLSearchParams(urlKey));
    setMode(current.range);
    if (current.range === 'custom') setInputs(inputsFor(current));
    setError(null);
  }, [urlKey]);

  const groupName = useId();
  const startId = useId();
  const endId = useId();
  const errorId = useId();

  function choose(key: RangeKey) {
    setMode(key);
    setError(null);
    if (key !== 'custom') navigate({ search: keepOthers(params, rangeToQuery({ range: key })) });
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkCustomRange(inputs.start, inputs.end);
    if (!check.ok) {
      setError({ field: check.field, message: check.message });
      return;
    }
    setError(null);
    navigate({ search: keepOthers(params, rangeToQuery({ range: 'custom', start: check.start, end: check.end })) });
  }

  return (
    <div className="range-picker">
      <fieldset className="segmented">
        <legend>Time range</legend>
        {[...PRESETS, { key: 'custom' as const, label: 'Custom' }].map((option) => (
          <label key={option.key} className="segment">
            <input
              type="radio"
              name={groupName}
              value={option.key}
              checked={mode === option.key}
              onChange={() => choose(option.key)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      {mode === 'custom' && (
        <form className="custom-range" onSubmit={apply} noValidate aria-label="Custom range (UTC)">
          <div className="field">
            <label htmlFor={startId}>Start (UTC)</label>
            <input
              id={startId}
              type="datetime-local"
              value={inputs.start}
              onChange={(event) => setInputs({ ...inputs, start: event.target.value })}
              aria-invalid={error?.field === 'start' ? true : undefined}
              aria-describedby={error?.field === 'start' ? errorId : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={endId}>End (UTC)</label>
            <input
              id={endId}
              type="datetime-local"
              value={inputs.end}
              onChange={(event) => setInputs({ ...inputs, end: event.target.value })}
              aria-invalid={error?.field === 'end' ? true : undefined}
              aria-describedby={error?.field === 'end' ? errorId : undefined}
            />
          </div>
          <button type="submit" className="button">
            Apply
          </button>
          {error && (
            <p id={errorId} role="alert" className="message message-error field-error">
              {error.message}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
