// Display formatting for the dashboard. Every function is pure and locale-fixed (en-US; UTC unless a zone is
// given) so the same figure reads the same for every viewer and in tests.

export const EMPTY = '—';

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dollarsFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const centsFormat = new Intl.NumberFormat('en-US', {
  maximumSignificantDigits: 4,
});
const secondsFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const compactFormat = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 2,
});

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

/** 1234567 → "1,234,567" (rounded to a whole number). */
export function formatInteger(value: number | null | undefined): string {
  if (isMissing(value)) return EMPTY;
  return integerFormat.format(value);
}

/** A plain number with at most `maxDecimals` decimals: 196.774 → "196.77", 12.5 → "12.5". */
export function formatDecimal(value: number | null | undefined, maxDecimals = 2): string {
  if (isMissing(value)) return EMPTY;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: maxDecimals }).format(value);
}

const smallMoneyFormat = new Intl.NumberFormat('en-US', {
  maximumSignificantDigits: 2,
});
const exactMoneyFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 10,
});

/** The smallest amount shown as a number; anything smaller (but not zero) reads "<$0.000001". */
export const SMALLEST_SHOWN_USD = 0.000001;

/** Money as shown, and the exact amount (as stored, up to 10 decimals) when the text rounds it, for a hover title. */
export interface MoneyText {
  text: string;
  exact?: string;
}

/**
 * Money in US dollars: "$0" for zero, "$1,234.56" from one dollar up, below one dollar at most 4
 * significant digits with at least 2 decimals ("$0.099", "$0.50", "$0.00012346" → "$0.0001235"),
 * below $0.0001 at most 2 ("$0.000011", "$0.00000285" → "$0.0000029"), and below $0.000001
 * "<$0.000001" — never "$0" for an amount that is not zero. `exact` is set whenever the text rounds.
 */
export function describeMoney(value: number | null | undefined): MoneyText {
  if (isMissing(value)) return { text: EMPTY };
  if (value === 0) return { text: '$0' };
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const exact = `${sign}$${exactMoneyFormat.format(abs)}`;
  if (abs < SMALLEST_SHOWN_USD) return { text: `${sign ? '>-' : '<'}$${SMALLEST_SHOWN_USD.toFixed(6)}`, exact };
  const text = `${sign}$${roundedDollars(abs)}`;
  return Number(text.replace(/[$,]/g, '')) === value ? { text } : { text, exact };
}

/** The text of {@link describeMoney}: for places that cannot carry a title (chart axes and tooltips). */
export function formatMoney(value: number | null | undefined): string {
  return describeMoney(value).text;
}

function roundedDollars(abs: number): string {
  if (abs >= 1) return dollarsFormat.format(abs);
  if (abs < 0.0001) return smallMoneyFormat.format(abs);
  const small = centsFormat.format(abs);
  if (Number(small) >= 1) return dollarsFormat.format(Number(small));
  const [, decimals = ''] = small.split('.');
  return decimals.length < 2 ? Number(small).toFixed(2) : small;
}

/** Milliseconds: "850 ms" below one second, "2.45 s" from one second up. */
export function formatLatencyMs(ms: number | null | undefined): string {
  if (isMissing(ms)) return EMPTY;
  const rounded = Math.round(ms);
  if (Math.abs(rounded) < 1000) return `${integerFormat.format(rounded)} ms`;
  return `${secondsFormat.format(ms / 1000)} s`;
}

/** Seconds (the unit of the latency series), shown like {@link formatLatencyMs}. */
export function formatLatencySeconds(seconds: number | null | undefined): string {
  if (isMissing(seconds)) return EMPTY;
  return formatLatencyMs(seconds * 1000);
}

/** A percentage that is already scaled to 0–100: 96.1205 → "96.1%". */
export function formatPercent(percent: number | null | undefined): string {
  if (isMissing(percent)) return EMPTY;
  return `${percent.toFixed(1)}%`;
}

/** part / whole as a percentage, or "—" when the whole is 0. */
export function formatRatio(part: number, whole: number): string {
  if (!whole) return EMPTY;
  return formatPercent((part / whole) * 100);
}

/** 2450000 → "2.45M", 950 → "950". */
export function formatCompact(value: number | null | undefined): string {
  if (isMissing(value)) return EMPTY;
  return compactFormat.format(value);
}

/** 4.2 → "4.2 ★". */
export function formatRating(rating: number | null | undefined): string {
  if (isMissing(rating)) return EMPTY;
  return `${rating.toFixed(1)} ★`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n.toString().padStart(2, '0');
}

export type Granularity = 'hour' | 'day';

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar fields of an instant in an IANA zone (UTC without Intl, for speed). */
function zonedParts(date: Date, timeZone: string): ZonedParts {
  if (timeZone === 'UTC') {
    return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate(), hour: date.getUTCHours() };
  }
  let format = zonedFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', hourCycle: 'h23' });
    zonedFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month) - 1, day: Number(parts.day), hour: Number(parts.hour) % 24 };
}

/** Axis label of a bucket in the zone (UTC by default): hourly "14:00", daily "Jul 14". */
export function formatBucket(timestamp: string, granularity: Granularity, timeZone = 'UTC'): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const parts = zonedParts(date, timeZone);
  if (granularity === 'hour') return `${pad2(parts.hour)}:00`;
  return `${MONTHS[parts.month]} ${parts.day}`;
}

/** Full label of a bucket for tables, in the zone (UTC by default): "Jul 14, 14:00" or "Jul 14, 2025". */
export function formatBucketLong(timestamp: string, granularity: Granularity, timeZone = 'UTC'): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const parts = zonedParts(date, timeZone);
  const day = `${MONTHS[parts.month]} ${parts.day}`;
  if (granularity === 'hour') return `${day}, ${pad2(parts.hour)}:00`;
  return `${day}, ${parts.year}`;
}

export type DeltaDirection = 'up' | 'down' | 'flat';

export interface Delta {
  /** "▲ 12%", "▼ 3%", "0%". */
  text: string;
  direction: DeltaDirection;
}

/** The change from the previous period, rounded to whole percent; null without a previous figure to compare with. */
export function formatDelta(current: number | null | undefined, previous: number | null | undefined): Delta | null {
  if (isMissing(current) || isMissing(previous) || previous === 0) return null;
  const percent = Math.round(((current - previous) / Math.abs(previous)) * 100);
  if (percent === 0) return { text: '0%', direction: 'flat' };
  return { text: `${percent > 0 ? '▲' : '▼'} ${integerFormat.format(Math.abs(percent))}%`, direction: percent > 0 ? 'up' : 'down' };
}

/**
 * Round axis ticks from 0 to at least `max`: steps of 1, 2, 2.5 or 5 times a power of ten, at most `count` steps
 * (max 1,730 → 0, 500, 1,000, 1,500, 2,000).
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate * count >= max) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step / 2 && ticks.length <= count; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** Clock time in UTC: "22:30:05". */
export function formatClockUtc(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/**
 * Hourly when consecutive buckets are less than a day apart; with fewer than two buckets,
 * hourly when the window spans at most 48 hours (the backend's rule for custom ranges).
 */
export function detectGranularity(timestamps: string[], windowHours?: number): Granularity {
  if (timestamps.length >= 2) {
    const first = Date.parse(timestamps[0]!);
    const second = Date.parse(timestamps[1]!);
    return second - first < 24 * 3600 * 1000 ? 'hour' : 'day';
  }
  return windowHours !== undefined && windowHours <= 48 ? 'hour' : 'day';
}

/** "claude-3-5-haiku-20241022" → "claude-3-5-haiku-…" when longer than `max` characters. */
export function shortenLabel(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A point in time in UTC for tables: "2025-07-14 14:05" (or "2025-07-14 14:05:09" with seconds);
 * "—" for a missing value, the text itself when it is not a date.
 */
export function formatTimestamp(iso: string | null | undefined, { seconds = false }: { seconds?: boolean } = {}): string {
  if (!iso) return EMPTY;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}`;
  return `${day} ${seconds ? `${time}:${pad2(date.getUTCSeconds())}` : time}`;
}
