import { describe, expect, it } from 'vitest';
import { detectLevel, levelWord } from './log-level';

describe('levelWord', () => {
  it.each([
    ['ERROR', 'error'],
    ['crit', 'error'],
    ['eror', 'error'],
    ['Warning', 'warn'],
    ['WRN', 'warn'],
    ['notice', 'info'],
    ['inf', 'info'],
    ['dbg', 'debug'],
    ['trace', 'debug'],
    [' warn ', 'warn'],
    ['banana', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (word, level) => {
    expect(levelWord(word)).toBe(level);
  });
});

describe('detectLevel', () => {
  it('reads logfmt and JSON level fields first', () => {
    expect(detectLevel('ts=2026-01-01T10:00:00Z level=warn msg="slow"')).toBe('warn');
    expect(detectLevel('ts=2026-01-01T00:00:00Z level=error msg="task failed"')).toBe('error');
    expect(detectLevel('{"level":"error","msg":"x"}')).toBe('error');
    expect(detectLevel('{"ts":1,"level":"debug","msg":"an error was retried"}')).toBe('debug');
    expect(detectLevel('severity=Notice msg=x')).toBe('info');
  });

  it('then a shouted level word, bracketed or not', () => {
    expect(detectLevel('2026-01-01 10:00:00 INFO worker started')).toBe('info');
    expect(detectLevel('2026-01-01 12:00:00 [WARN] disk almost full')).toBe('warn');
    expect(detectLevel('ERROR: connection refused')).toBe('error');
  });

  it('then error words in prose', () => {
    expect(detectLevel('Traceback (most recent call last):')).toBe('error');
    expect(detectLevel('retrying after an error from minio')).toBe('error');
    expect(detectLevel('deprecation warning: use v2')).toBe('warn');
  });

  it('says nothing when nothing says', () => {
    expect(detectLevel('GET /healthz 200')).toBeNull();
    expect(detectLevel('level=banana msg=ok')).toBeNull();
  });
});
