import { describe, expect, it } from 'vitest';
import { ERROR_LINE_REGEX, detectLevel, levelWord } from './log-level';

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

  it('reads the kernel and driver error forms, which carry no level of their own', () => {
    for (const line of KERNEL_LINES) expect(detectLevel(line), line).toBe('error');
    // A logger's own level still wins over the words it quotes.
    expect(detectLevel('level=info msg="recovered after oom-kill of worker"')).toBe('info');
  });

  it('reads a level through ANSI colour codes', () => {
    expect(detectLevel('\u001b[31mERROR\u001b[0m \u001b[1;33mworker\u001b[0m lost its lease')).toBe('error');
    expect(detectLevel('\u001b[33mWARN\u001b[0m slow')).toBe('warn');
  });

  it('says nothing when nothing says', () => {
    expect(detectLevel('GET /healthz 200')).toBeNull();
    expect(detectLevel('level=banana msg=ok')).toBeNull();
  });
});

const KERNEL_LINES = [
  'Out of memory: Killed process 41233 (python3) total-vm:98234112kB, anon-rss:61234112kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:120000kB oom_score_adj:0',
  'Memory cgroup out of memory: Killed process 5012 (python3) total-vm:8123412kB, anon-rss:4123412kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:8123kB oom_score_adj:999',
  'python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=999',
  'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=abc,mems_allowed=0-1,oom_memcg=/kubepods/pod1,task=python3,pid=5012,uid=1000',
  'NVRM: Xid (PCI:0000:3b:00): 79, pid=0, name=, GPU has fallen off the bus.',
  'NVRM: Xid (PCI:0000:86:00): 48, pid=2231, name=python3, An uncorrectable double bit error (DBE) has been detected on GPU.',
];

describe("ERROR_LINE_REGEX (the default error queries' line filter)", () => {
  // Loki compiles RE2; the (?i) prefix is RE2's case-insensitive flag, a JS flag here.
  const re = new RegExp(ERROR_LINE_REGEX.replace(/^\(\?i\)/, ''), 'i');
  it('matches every kernel and driver error line detectLevel calls an error', () => {
    for (const line of KERNEL_LINES) expect(re.test(line), line).toBe(true);
  });
  it('matches error words and leaves ordinary lines alone', () => {
    expect(re.test('level=error msg="task failed"')).toBe(true);
    expect(re.test('panic: runtime error: index out of range')).toBe(true);
    expect(re.test('GET /healthz 200')).toBe(false);
    expect(re.test('level=info msg="task completed"')).toBe(false);
  });
});
