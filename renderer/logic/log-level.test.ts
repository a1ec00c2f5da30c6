import { describe, expect, it } from 'vitest';
import { formatLabels, formatLogTime, streamName } from './log-level';

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
