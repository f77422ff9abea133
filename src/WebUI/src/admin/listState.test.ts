import { describe, expect, it } from 'vitest';
import { exportQuery, listQuery, nextDay, paramName, readListState, type ListSpec } from './listState';

const SPEC: ListSpec = {
  filters: [
    { name: 'from', label: 'From', kind: 'date-from' },
    { name: 'to', label: 'To', kind: 'date-to' },
    { name: 'model', label: 'Model', kind: 'text' },
  ],
};

describe('nextDay', () => {
  it.each([
    ['2025-07-20', '2025-07-21'],
    ['2025-07-31', '2025-08-01'],
    ['2025-12-31', '2026-01-01'],
    ['2024-02-28', '2024-02-29'],
    ['2025-02-28', '2025-03-01'],
    ['not-a-date', 'not-a-date'],
  ])('%s → %s', (day, next) => expect(nextDay(day)).toBe(next));
});

describe('list state in the URL', () => {
  it('reads filters, paging and sort, ignoring unknown or bad values', () => {
    const state = readListState(SPEC, new URLSearchParams('model=%20gpt-4o%20&page=0&pageSize=33&sort=costUsd&desc=true&other=1'));
    expect(state).toEqual({ values: { model: 'gpt-4o' }, page: 1, pageSize: 50, sort: 'costUsd', desc: true });
  });

  it('turns it into the API query: filters in order, "to" exclusive, then paging, then sort', () => {
    const state = readListState(SPEC, new URLSearchParams('model=x&to=2025-07-20&from=2025-07-01&page=2&pageSize=100&sort=id&desc=false'));
    expect(listQuery(SPEC, state)).toBe('from=2025-07-01&to=2025-07-21&model=x&page=2&pageSize=100&sort=id&desc=false');
    expect(exportQuery(SPEC, state)).toBe('from=2025-07-01&to=2025-07-21&model=x&sort=id&desc=false');
  });

  it('keeps two lists on one screen apart with a prefix', () => {
    const keys: ListSpec = { prefix: 'keys', filters: [{ name: 'userId', label: 'User', kind: 'text' }] };
    expect(paramName(keys, 'page')).toBe('keysPage');
    const state = readListState(keys, new URLSearchParams('page=4&keysPage=2&keysUserId=7&userId=9'));
    expect(listQuery(keys, state)).toBe('userId=7&page=2&pageSize=50');
  });
});
