import { describe, expect, it } from 'vitest';
import { ERROR_LINES_QUERY, defaultLogQuery, formatLabels, formatLogTime, levelOf, normaliseLevel, streamName } from './log-level';

const line = (text: string, labels: Record<string, string> = {}, level: 'error' | 'warn' | 'info' | 'debug' | null = null) => ({
  line: text,
  labels,
  level,
});

describe('normaliseLevel', () => {
  it.each([
    ['ERROR', 'error'],
    ['crit', 'error'],
    ['Warning', 'warn'],
    ['notice', 'info'],
    ['trace', 'debug'],
    ['banana', null],
    ['', null],
  ])('%s → %s', (word, level) => {
    expect(normaliseLevel(word)).toBe(level);
  });
});

describe('levelOf', () => {
  it("keeps main's level when it set one", () => {
    expect(levelOf(line('level=info msg=x', {}, 'error'))).toBe('error');
  });
  it('reads a level label', () => {
    expect(levelOf(line('msg=x', { level: 'WARN' }))).toBe('warn');
  });
  it('reads logfmt and JSON level fields', () => {
    expect(levelOf(line('ts=2026-01-01T00:00:00Z level=error msg="task failed"'))).toBe('error');
    expect(levelOf(line('{"ts":1,"level":"debug","msg":"x"}'))).toBe('debug');
  });
  it('reads a leading level word', () => {
    expect(levelOf(line('2026-01-01 12:00:00 [WARN] disk almost full'))).toBe('warn');
    expect(levelOf(line('ERROR: connection refused'))).toBe('error');
  });
  it('says nothing when nothing says', () => {
    expect(levelOf(line('GET /healthz 200'))).toBeNull();
    // "error" inside a message is not a level.
    expect(levelOf(line('retrying after an error from minio'))).toBeNull();
  });
});

describe('defaultLogQuery', () => {
  it('matches the first word of each affected service on the job label', () => {
    expect(defaultLogQuery(['Echo UI', 'OCR', 'workers'])).toBe('{job=~"(?i).*(echo|ocr|workers).*"}');
  });
  it('drops duplicates and names that give no usable word', () => {
    expect(defaultLogQuery(['echo', 'Echo UI', '!!', 'x'])).toBe('{job=~"(?i).*(echo).*"}');
  });
  it('never builds a regex from characters a user typed', () => {
    expect(defaultLogQuery(['ocr")|{a=~".*'])).toBe('{job=~"(?i).*(ocr).*"}');
  });
  it('falls back to error lines without services', () => {
    expect(defaultLogQuery([])).toBe(ERROR_LINES_QUERY);
  });
});

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
