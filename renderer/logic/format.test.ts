import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo, formatUtc, formatUtcShort, fromLocalInput, splitList, toLocalInput } from './format';

describe('format', () => {
  it('formats UTC with a Z', () => {
    expect(formatUtc(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('2025-01-02 03:04:05Z');
    expect(formatUtcShort(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('01-02 03:04Z');
  });

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

  it('round-trips datetime-local values in the local zone', () => {
    const ms = new Date(2025, 5, 30, 23, 59, 7).getTime();
    expect(toLocalInput(ms)).toBe('2025-06-30T23:59:07');
    expect(fromLocalInput(toLocalInput(ms))).toBe(ms);
    expect(fromLocalInput('2025-06-30T23:59')).toBe(new Date(2025, 5, 30, 23, 59).getTime());
  });

  it('rejects impossible datetime-local values and treats empty as none', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('yesterday')).toBeNaN();
    expect(fromLocalInput('2025-02-30T10:00')).toBeNaN();
  });

  it('splits comma lists, dropping blanks and duplicates', () => {
    expect(splitList(' pool-a, ,pool-b,pool-a\ntenant-x ')).toEqual(['pool-a', 'pool-b', 'tenant-x']);
  });
});
