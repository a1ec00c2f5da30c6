import { describe, expect, it } from 'vitest';
import { DEFAULT_STALE_MS, formatDataAge, isStale, staleAfterMs } from './data-age';

describe('staleAfterMs', () => {
  it('is three poll intervals', () => {
    expect(staleAfterMs(15_000)).toBe(45_000);
  });
  it('falls back to a minute when the interval is unknown or nonsense', () => {
    expect(staleAfterMs(null)).toBe(DEFAULT_STALE_MS);
    expect(staleAfterMs(undefined)).toBe(DEFAULT_STALE_MS);
    expect(staleAfterMs(0)).toBe(DEFAULT_STALE_MS);
    expect(staleAfterMs(Number.NaN)).toBe(DEFAULT_STALE_MS);
  });
  it('does not call a fast poll stale after one slow answer', () => {
    expect(staleAfterMs(1_000)).toBe(5_000);
  });
});

describe('isStale', () => {
  const now = 1_000_000;
  it('treats data never received as stale', () => {
    expect(isStale(null, now, 15_000)).toBe(true);
  });
  it('is fresh within three intervals and stale after', () => {
    expect(isStale(now - 45_000, now, 15_000)).toBe(false);
    expect(isStale(now - 45_001, now, 15_000)).toBe(true);
  });
  it('uses a minute without an interval', () => {
    expect(isStale(now - 59_000, now)).toBe(false);
    expect(isStale(now - 61_000, now)).toBe(true);
  });
});

describe('formatDataAge', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  it.each([
    [null, 'no data yet'],
    [now + 5_000, 'just now'],
    [now - 1_500, 'just now'],
    [now - 42_000, '42s old'],
    [now - 245_000, '4m 05s old'],
    [now - (2 * 3600 + 10 * 60) * 1000, '2h 10m old'],
    [now - (3 * 86_400 + 4 * 3600) * 1000, '3d 04h old'],
  ])('%s → %s', (at, text) => {
    expect(formatDataAge(at, now)).toBe(text);
  });
});
