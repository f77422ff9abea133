import { describe, expect, it } from 'vitest';
import {
  detectGranularity,
  formatBucket,
  formatBucketLong,
  formatDelta,
  niceTicks,
  formatClockUtc,
  formatCompact,
  formatDecimal,
  formatInteger,
  formatLatencyMs,
  formatLatencySeconds,
  describeMoney,
  formatMoney,
  formatPercent,
  formatRating,
  formatRatio,
  shortenLabel,
} from './format';

describe('formatInteger', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [1234, '1,234'],
    [12450, '12,450'],
    [2450000, '2,450,000'],
    [1234.6, '1,235'],
    [-4500, '-4,500'],
  ])('%s → %s', (value, expected) => {
    expect(formatInteger(value)).toBe(expected);
  });

  it('shows a dash for a missing figure', () => {
    expect(formatInteger(null)).toBe('—');
    expect(formatInteger(undefined)).toBe('—');
    expect(formatInteger(Number.NaN)).toBe('—');
  });
});

describe('formatMoney', () => {
  it.each([
    [0, '$0'],
    [1, '$1.00'],
    [1234.56, '$1,234.56'],
    [245.666, '$245.67'],
    [1000000, '$1,000,000.00'],
    [2.45, '$2.45'],
    [0.099, '$0.099'],
    [0.5, '$0.50'],
    [0.1, '$0.10'],
    [0.0034, '$0.0034'],
    [0.00012346, '$0.0001235'],
    [0.123456, '$0.1235'],
    [0.99999, '$1.00'],
    [-0.25, '-$0.25'],
    [-12.5, '-$12.50'],
    [0.000011, '$0.000011'],
    [0.000009, '$0.000009'],
    [0.00000285, '$0.0000029'],
    [0.000001, '$0.000001'],
    [0.0000009999, '<$0.000001'],
    [0.0000000011, '<$0.000001'],
  ])('%s → %s', (value, expected) => {
    expect(formatMoney(value)).toBe(expected);
  });

  it('never shows a priced amount that is not zero as $0', () => {
    expect(formatMoney(0.0000000001)).not.toBe('$0');
  });

  it('shows a dash for an unknown amount instead of inventing $0', () => {
    expect(formatMoney(null)).toBe('—');
  });
});

describe('describeMoney', () => {
  it.each([
    [0.00000285, '$0.0000029', '$0.00000285'],
    [0.0000000011, '<$0.000001', '$0.0000000011'],
    [0.00012346, '$0.0001235', '$0.00012346'],
    [1234.5678901234, '$1,234.57', '$1,234.5678901234'],
    [-0.0000000011, '>-$0.000001', '-$0.0000000011'],
  ])('%s reads %s, and %s exactly on hover', (value, text, exact) => {
    expect(describeMoney(value)).toEqual({ text, exact });
  });

  it.each([[0.000011], [0.5], [1234.56], [0]])('%s is shown exactly, so it needs no hover text', (value) => {
    expect(describeMoney(value).exact).toBeUndefined();
  });

  it('gives a dash and no hover text for an unknown amount', () => {
    expect(describeMoney(null)).toEqual({ text: '—' });
  });
});

describe('formatLatencyMs', () => {
  it.each([
    [0, '0 ms'],
    [12.4, '12 ms'],
    [850, '850 ms'],
    [999.4, '999 ms'],
    [999.6, '1.00 s'],
    [1000, '1.00 s'],
    [2450.5, '2.45 s'],
    [12345, '12.35 s'],
    [61000, '61.00 s'],
  ])('%s ms → %s', (value, expected) => {
    expect(formatLatencyMs(value)).toBe(expected);
  });

  it('treats series values as seconds', () => {
    expect(formatLatencySeconds(2.45)).toBe('2.45 s');
    expect(formatLatencySeconds(0.85)).toBe('850 ms');
    expect(formatLatencySeconds(0)).toBe('0 ms');
  });

  it('shows a dash when there is no latency', () => {
    expect(formatLatencyMs(null)).toBe('—');
  });
});

describe('formatPercent and formatRatio', () => {
  it('keeps one decimal', () => {
    expect(formatPercent(96.1205)).toBe('96.1%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(99.95)).toBe('100.0%');
  });

  it('divides, and shows a dash when the whole is 0', () => {
    expect(formatRatio(11967, 12450)).toBe('96.1%');
    expect(formatRatio(14, 15)).toBe('93.3%');
    expect(formatRatio(0, 0)).toBe('—');
  });
});

describe('other numbers', () => {
  it('formats decimals, compact numbers and ratings', () => {
    expect(formatDecimal(196.77)).toBe('196.77');
    expect(formatDecimal(196.774)).toBe('196.77');
    expect(formatDecimal(12.5, 1)).toBe('12.5');
    expect(formatDecimal(1234.5)).toBe('1,234.5');
    expect(formatCompact(2450000)).toBe('2.45M');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12000)).toBe('12K');
    expect(formatRating(4.2)).toBe('4.2 ★');
    expect(formatRating(5)).toBe('5.0 ★');
    expect(formatRating(null)).toBe('—');
  });
});

describe('shortenLabel', () => {
  it('keeps short labels and cuts long ones to the limit with an ellipsis', () => {
    expect(shortenLabel('llama3.2', 18)).toBe('llama3.2');
    expect(shortenLabel('exactly-eighteen-c', 18)).toBe('exactly-eighteen-c');
    expect(shortenLabel('claude-3-5-haiku-20241022', 18)).toBe('claude-3-5-haiku-…');
    expect(shortenLabel('claude-3-5-haiku-20241022', 18)).toHaveLength(18);
  });
});

describe('time labels (UTC)', () => {
  it('labels hourly buckets HH:00 and daily buckets MMM d', () => {
    expect(formatBucket('2025-07-20T14:00:00Z', 'hour')).toBe('14:00');
    expect(formatBucket('2025-07-20T00:00:00Z', 'hour')).toBe('00:00');
    expect(formatBucket('2025-07-14T00:00:00Z', 'day')).toBe('Jul 14');
    expect(formatBucket('2025-01-01T00:00:00Z', 'day')).toBe('Jan 1');
  });

  it('reads offsets as the same instant in UTC', () => {
    expect(formatBucket('2025-07-20T16:00:00+02:00', 'hour')).toBe('14:00');
    expect(formatBucket('2025-07-15T01:00:00+02:00', 'day')).toBe('Jul 14');
  });

  it('gives full labels for tables', () => {
    expect(formatBucketLong('2025-07-20T14:00:00Z', 'hour')).toBe('Jul 20, 14:00');
    expect(formatBucketLong('2025-07-14T00:00:00Z', 'day')).toBe('Jul 14, 2025');
  });

  it('formats clock time in UTC', () => {
    expect(formatClockUtc(Date.parse('2025-07-20T22:30:05Z'))).toBe('22:30:05');
    expect(formatClockUtc(new Date('2025-07-20T03:04:09.900Z'))).toBe('03:04:09');
  });

  it('tells hourly from daily buckets', () => {
    expect(detectGranularity(['2025-07-20T13:00:00Z', '2025-07-20T14:00:00Z'])).toBe('hour');
    expect(detectGranularity(['2025-07-19T00:00:00Z', '2025-07-20T00:00:00Z'])).toBe('day');
    expect(detectGranularity(['2025-07-20T00:00:00Z'], 24)).toBe('hour');
    expect(detectGranularity(['2025-07-20T00:00:00Z'], 49)).toBe('day');
    expect(detectGranularity([], undefined)).toBe('day');
  });
});

describe('issue 13 formatting', () => {
  it('niceTicks: round steps of 1, 2, 2.5 or 5 times a power of ten from 0 past the maximum', () => {
    expect(niceTicks(1730)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(1000)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(2.45)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0.0154)).toEqual([0, 0.005, 0.01, 0.015, 0.02]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('formatDelta: whole percent with ▲/▼, "0%" below half a percent, nothing without a previous figure', () => {
    expect(formatDelta(112, 100)).toEqual({ text: '▲ 12%', direction: 'up' });
    expect(formatDelta(780, 975)).toEqual({ text: '▼ 20%', direction: 'down' });
    expect(formatDelta(1004, 1000)).toEqual({ text: '0%', direction: 'flat' });
    expect(formatDelta(25000, 100)).toEqual({ text: '▲ 24,900%', direction: 'up' });
    expect(formatDelta(5, 0)).toBeNull();
    expect(formatDelta(5, null)).toBeNull();
    expect(formatDelta(null, 5)).toBeNull();
  });

  it('formatBucket in a zone: the local day and hour, half- and quarter-hour offsets included', () => {
    // Kolkata's midnight of Jul 14 is 18:30 UTC on Jul 13; Kathmandu is UTC+5:45.
    expect(formatBucket('2025-07-13T18:30:00Z', 'day', 'Asia/Kolkata')).toBe('Jul 14');
    expect(formatBucketLong('2025-07-13T18:30:00Z', 'day', 'Asia/Kolkata')).toBe('Jul 14, 2025');
    expect(formatBucket('2025-07-13T18:30:00Z', 'day')).toBe('Jul 13');
    expect(formatBucketLong('2025-07-19T23:00:00Z', 'hour', 'Asia/Kathmandu')).toBe('Jul 20, 04:00');
    // New York's 25-hour day at the end of summer time: midnight is 04:00 UTC before it and 05:00 UTC after it.
    expect(formatBucket('2025-11-02T04:00:00Z', 'day', 'America/New_York')).toBe('Nov 2');
    expect(formatBucket('2025-11-03T05:00:00Z', 'day', 'America/New_York')).toBe('Nov 3');
    expect(formatBucket('2025-07-14T00:00:00Z', 'hour', 'America/New_York')).toBe('20:00');
  });
});
