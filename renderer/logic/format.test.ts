import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  formatAge,
  formatAgo,
  formatClock,
  formatClockMs,
  formatDay,
  formatShort,
  formatStamp,
  formatTick,
  formatTime,
  formatUtc,
  formatUtcDay,
  formatUtcHm,
  formatUtcShort,
  fromTimeInput,
  localOffset,
  setTimeDisplay,
  splitList,
  toTimeInput,
  zoneName,
} from './format';

// A zone with a non-zero, daylight-saving offset, so local and UTC differ and the date can flip.
beforeAll(() => {
  vi.stubEnv('TZ', 'America/New_York');
});
afterAll(() => {
  vi.unstubAllEnvs();
});
afterEach(() => setTimeDisplay('utc'));

const T = Date.UTC(2025, 0, 2, 3, 4, 5, 678); // 2025-01-01 22:04:05 in New York (UTC−5)

describe('one way of writing time, in the chosen zone', () => {
  it('writes UTC with a Z, 24-hour, by default', () => {
    expect(formatTime(T)).toBe('2025-01-02 03:04:05Z');
    expect(formatUtc(T)).toBe('2025-01-02 03:04:05Z');
    expect(formatClock(T)).toBe('03:04:05Z');
    expect(formatClockMs(T)).toBe('03:04:05.678Z');
    expect(formatUtcShort(T)).toBe('01-02 03:04Z');
    expect(zoneName(T)).toBe('UTC');
  });

  it('writes local time without a Z once the display is local, every helper alike', () => {
    setTimeDisplay('local');
    expect(formatTime(T)).toBe('2025-01-01 22:04:05');
    expect(formatUtc(T)).toBe('2025-01-01 22:04:05');
    expect(formatClock(T)).toBe('22:04:05');
    expect(formatClockMs(T)).toBe('22:04:05.678');
    expect(formatShort(T)).toBe('01-01 22:04');
    expect(formatTick(T, { seconds: false, date: true })).toBe('01-01 22:04');
    expect(zoneName(T)).toBe('local time (UTC−05:00)');
    expect(localOffset(Date.UTC(2025, 6, 1))).toBe('UTC−04:00');
  });

  it('names a day in the display zone, except a UTC bucket, which stays the UTC day it counts', () => {
    expect(formatDay(T)).toBe('2025-01-02');
    expect(formatUtcHm(T)).toBe('03:04');
    setTimeDisplay('local');
    expect(formatDay(T)).toBe('2025-01-01');
    expect(formatUtcHm(T)).toBe('22:04');
    expect(formatUtcDay(Date.UTC(2025, 0, 6))).toBe('2025-01-06');
    expect(formatUtcDay(Number.NaN)).toBe('—');
  });

  it('drops the date only when it is the same day in the display zone', () => {
    const now = Date.UTC(2025, 0, 2, 12, 0, 0);
    expect(formatStamp(T, now)).toBe('03:04:05Z');
    setTimeDisplay('local');
    // 22:04 on 1 January in New York, seen on 2 January at 07:00 there: a different day.
    expect(formatStamp(T, now)).toBe('2025-01-01 22:04:05');
  });

  it('reads inputs in the display zone, so what is typed is what is shown', () => {
    expect(toTimeInput(T)).toBe('2025-01-02 03:04:05');
    expect(fromTimeInput('2025-01-02 03:04:05')).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(fromTimeInput('2025-01-02T03:04Z')).toBe(Date.UTC(2025, 0, 2, 3, 4));
    setTimeDisplay('local');
    expect(toTimeInput(T)).toBe('2025-01-01 22:04:05');
    expect(fromTimeInput('2025-01-01 22:04:05')).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    // A Z means UTC: refused while the inputs are local, rather than silently read as local.
    expect(fromTimeInput('2025-01-01 22:04Z')).toBeNaN();
  });

  it('rejects impossible times and treats empty as none', () => {
    expect(fromTimeInput('')).toBeNull();
    expect(fromTimeInput('yesterday')).toBeNaN();
    expect(fromTimeInput('2025-02-30 10:00')).toBeNaN();
    expect(fromTimeInput('2025-02-03 24:00')).toBeNaN();
    expect(fromTimeInput('2025-02-03 10:00 PM')).toBeNaN();
  });
});

describe('durations and lists', () => {
  it('formats coarse ages', () => {
    expect(formatAge(0, 30_000)).toBe('30s ago');
    expect(formatAge(0, 5 * 60_000)).toBe('5m ago');
    expect(formatAge(0, 3 * 3_600_000)).toBe('3h ago');
    expect(formatAge(0, 50 * 3_600_000)).toBe('2d ago');
    expect(formatAge(10_000, 0)).toBe('0s ago');
  });

  it('formats precise ages with the same units', () => {
    expect(formatAgo(0, 4_000)).toBe('4s ago');
    expect(formatAgo(0, 12 * 60_000)).toBe('12m 00s ago');
    expect(formatAgo(0, 47 * 3_600_000)).toBe('1d 23h ago');
    expect(formatAgo(5_000, 0)).toBe('0s ago');
  });

  it('splits comma lists, dropping blanks and duplicates', () => {
    expect(splitList(' pool-a, ,pool-b,pool-a\ntenant-x ')).toEqual(['pool-a', 'pool-b', 'tenant-x']);
  });
});
