import { describe, expect, it } from 'vitest';
import { formatLabels, formatLogTime, orderLines, streamName } from './log-level';

describe('display helpers', () => {
  it('formats a log time in UTC with milliseconds', () => {
    expect(formatLogTime(Date.UTC(2026, 0, 2, 3, 4, 5, 67))).toBe('03:04:05.067Z');
    expect(formatLogTime(Number.NaN)).toBe('--:--:--.---Z');
  });
  it('names a stream by its most specific label', () => {
    expect(streamName({ job: 'ml-workers/ocr-worker', app: 'ocr-worker', level: 'error' })).toBe('ocr-worker');
    expect(streamName({ job: 'ml-workers/ocr-worker' })).toBe('ml-workers/ocr-worker');
    expect(streamName({ filename: '/var/log/x.log' })).toBe('/var/log/x.log');
    expect(streamName({})).toBe('');
  });
  it('writes labels the way a selector does, sorted and quoted', () => {
    expect(formatLabels({ level: 'error', app: 'a "b"' })).toBe('app="a \\"b\\"", level="error"');
  });
});

describe('orderLines', () => {
  const l = (n: number, level: 'error' | 'warn' | 'info' | 'debug' | null) => ({ n, level });
  it('puts errors first, then warnings, keeping Loki’s newest-first order within each', () => {
    const lines = [l(1, 'info'), l(2, 'error'), l(3, null), l(4, 'warn'), l(5, 'error'), l(6, 'debug')];
    expect(orderLines(lines, 'errors-first').map((x) => x.n)).toEqual([2, 5, 4, 1, 3, 6]);
    expect(orderLines(lines, 'newest')).toBe(lines);
  });
  it('hands back the same array when the order already holds', () => {
    const lines = [l(1, 'error'), l(2, 'info')];
    expect(orderLines(lines, 'errors-first')).toBe(lines);
  });
});
