import { describe, expect, it } from 'vitest';
import {
  checkCustomRange,
  isComplete,
  isoToLocalInput,
  localInputToIso,
  rangeToQuery,
  readRange,
  windowHours,
} from './range';

const params = (query: string) => new URLSearchParams(query);

describe('readRange', () => {
  it('defaults to 7d when range is missing or unknown', () => {
    expect(readRange(params(''))).toEqual({ range: '7d' });
    expect(readRange(params('range=2w'))).toEqual({ range: '7d' });
  });

  it('reads presets and custom ranges', () => {
    expect(readRange(params('range=24h'))).toEqual({ range: '24h' });
    expect(readRange(params('range=3m'))).toEqual({ range: '3m' });
    expect(readRange(params('range=custom&start=2025-01-01T00:00:00Z&end=2025-01-15T23:59:59Z'))).toEqual({
      range: 'custom',
      start: '2025-01-01T00:00:00Z',
      end: '2025-01-15T23:59:59Z',
    });
    expect(readRange(params('range=custom'))).toEqual({ range: 'custom', start: null, end: null });
  });
});

describe('rangeToQuery', () => {
  it('writes presets and keeps colons readable in custom ranges', () => {
    expect(rangeToQuery({ range: '1m' })).toBe('range=1m');
    expect(rangeToQuery({ range: 'custom', start: '2025-01-01T00:00:00Z', end: '2025-01-15T23:59:59Z' })).toBe(
      'range=custom&start=2025-01-01T00:00:00Z&end=2025-01-15T23:59:59Z',
    );
  });

  it('escapes what must be escaped, so an offset survives the round trip', () => {
    const query = rangeToQuery({ range: 'custom', start: '2025-01-01T00:00:00+02:00', end: '2025-01-02T00:00:00Z' });
    expect(query).toBe('range=custom&start=2025-01-01T00:00:00%2B02:00&end=2025-01-02T00:00:00Z');
    expect(readRange(params(query))).toEqual({
      range: 'custom',
      start: '2025-01-01T00:00:00+02:00',
      end: '2025-01-02T00:00:00Z',
    });
  });
});

describe('custom range inputs', () => {
  it('reads datetime-local values as UTC', () => {
    expect(localInputToIso('2025-01-01T09:30')).toBe('2025-01-01T09:30:00Z');
    expect(localInputToIso('2025-01-01T09:30:15')).toBe('2025-01-01T09:30:15Z');
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('2025-13-01T00:00')).toBeNull();
  });

  it('shows ISO instants in UTC', () => {
    expect(isoToLocalInput('2025-01-01T09:30:00Z')).toBe('2025-01-01T09:30');
    expect(isoToLocalInput('2025-01-01T09:30:00+02:00')).toBe('2025-01-01T07:30');
    expect(isoToLocalInput('garbage')).toBe('');
    expect(isoToLocalInput(null)).toBe('');
  });

  it('requires both ends and start before end', () => {
    expect(checkCustomRange('2025-01-01T00:00', '2025-01-15T23:59')).toEqual({
      ok: true,
      start: '2025-01-01T00:00:00Z',
      end: '2025-01-15T23:59:00Z',
    });
    expect(checkCustomRange('', '2025-01-15T23:59')).toEqual({
      ok: false,
      field: 'start',
      message: 'Enter a valid start date and time.',
    });
    expect(checkCustomRange('2025-01-01T00:00', '')).toEqual({
      ok: false,
      field: 'end',
      message: 'Enter a valid end date and time.',
    });
    expect(checkCustomRange('2025-01-15T00:00', '2025-01-01T00:00')).toEqual({
      ok: false,
      field: 'end',
      message: 'Start must be before end.',
    });
    expect(checkCustomRange('2025-01-01T00:00', '2025-01-01T00:00')).toMatchObject({ ok: false });
  });

  it('knows when a selection can be fetched and how long it is', () => {
    expect(isComplete({ range: '7d' })).toBe(true);
    expect(isComplete({ range: 'custom', start: '2025-01-01T00:00:00Z', end: null })).toBe(false);
    expect(windowHours({ range: '24h' })).toBe(24);
    expect(windowHours({ range: '3m' })).toBe(2160);
    expect(windowHours({ range: 'custom', start: '2025-01-01T00:00:00Z', end: '2025-01-02T12:00:00Z' })).toBe(36);
  });
});
