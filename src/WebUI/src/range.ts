// The dashboard's time range lives in the URL query so a view can be shared:
// ?range=7d, or ?range=custom&start=2025-01-01T00:00:00Z&end=2025-01-15T23:59:59Z.

export type PresetRange = '24h' | '7d' | '1m' | '3m';
export type RangeKey = PresetRange | 'custom';

export const DEFAULT_RANGE: PresetRange = '7d';

export const PRESETS: ReadonlyArray<{ key: PresetRange; label: string; hours: number }> = [
  { key: '24h', label: 'Last 24 hours', hours: 24 },
  { key: '7d', label: 'Last 7 days', hours: 7 * 24 },
  { key: '1m', label: 'Last 30 days', hours: 30 * 24 },
  { key: '3m', label: 'Last 90 days', hours: 90 * 24 },
];

export type RangeSelection =
  | { range: PresetRange }
  | { range: 'custom'; start: string | null; end: string | null };

function isPreset(value: string | null): value is PresetRange {
  return PRESETS.some((preset) => preset.key === value);
}

/** Reads the range from the URL; a missing or unknown range means the default (7d). */
export function readRange(params: URLSearchParams): RangeSelection {
  const range = params.get('range');
  if (range === 'custom') {
    return { range: 'custom', start: params.get('start') || null, end: params.get('end') || null };
  }
  return { range: isPreset(range) ? range : DEFAULT_RANGE };
}

/** The query string (without "?") for both the page URL and the API call. */
export function rangeToQuery(selection: RangeSelection): string {
  const parts = [`range=${selection.range}`];
  if (selection.range === 'custom') {
    // Colons are legal in a query; keeping them makes shared links readable.
    const encode = (value: string) => encodeURIComponent(value).replace(/%3A/gi, ':');
    if (selection.start) parts.push(`start=${encode(selection.start)}`);
    if (selection.end) parts.push(`end=${encode(selection.end)}`);
  }
  return parts.join('&');
}

/** A custom range can only be asked for once both ends are known. */
export function isComplete(selection: RangeSelection): boolean {
  return selection.range !== 'custom' || (selection.start !== null && selection.end !== null);
}

/** Length of the window in hours, when it can be told from the selection. */
export function windowHours(selection: RangeSelection): number | undefined {
  if (selection.range !== 'custom') return PRESETS.find((p) => p.key === selection.range)?.hours;
  if (!selection.start || !selection.end) return undefined;
  const span = Date.parse(selection.end) - Date.parse(selection.start);
  return Number.isFinite(span) ? span / 3_600_000 : undefined;
}

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A `datetime-local` value, read as UTC: "2025-01-01T09:30" → "2025-01-01T09:30:00Z". */
export function localInputToIso(value: string): string | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return null;
  const [, date, hours, minutes, seconds = '00'] = match;
  const iso = `${date}T${hours}:${minutes}:${seconds}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** An ISO instant shown in a `datetime-local` input as UTC: "2025-01-01T09:30:00Z" → "2025-01-01T09:30". */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time).toISOString().slice(0, 16);
}

export type CustomRangeCheck =
  | { ok: true; start: string; end: string }
  | { ok: false; field: 'start' | 'end'; message: string };

/** Validates the two custom inputs before they reach the URL. */
export function checkCustomRange(startInput: string, endInput: string): CustomRangeCheck {
  const start = localInputToIso(startInput);
  if (!start) return { ok: false, field: 'start', message: 'Enter a valid start date and time.' };
  const end = localInputToIso(endInput);
  if (!end) return { ok: false, field: 'end', message: 'Enter a valid end date and time.' };
  if (Date.parse(start) >= Date.parse(end)) {
    return { ok: false, field: 'end', message: 'Start must be before end.' };
  }
  return { ok: true, start, end };
}
