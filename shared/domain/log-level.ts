import type { LogLine } from './telemetry';

/**
 * The level of a log line, decided once in main (logs-query.ts) and carried on LogLine.level, so the
 * logs panel colours and counts exactly what main classified.
 */
export type LogLevel = NonNullable<LogLine['level']>;

// Words loggers use for a level (logrus, zap, zerolog's console abbreviations, syslog's eight), in lower case.
const LEVEL_WORDS: Readonly<Record<string, LogLevel>> = {
  fatal: 'error',
  panic: 'error',
  critical: 'error',
  crit: 'error',
  emerg: 'error',
  alert: 'error',
  error: 'error',
  err: 'error',
  eror: 'error',
  warning: 'warn',
  warn: 'warn',
  wrn: 'warn',
  info: 'info',
  inf: 'info',
  notice: 'info',
  information: 'info',
  debug: 'debug',
  dbg: 'debug',
  dbug: 'debug',
  trace: 'debug',
};

/** "ERROR", "Warning", " crit " → one of the four levels; anything else → null. */
export function levelWord(word: string | null | undefined): LogLevel | null {
  if (!word) return null;
  return LEVEL_WORDS[word.trim().toLowerCase()] ?? null;
}

/**
 * What the kernel and the NVIDIA driver write when a GPU platform is in trouble, with no level of
 * their own: OOM kills ("Out of memory: Killed process 1234 (python3) …", its cgroup form
 * "Memory cgroup out of memory: Killed process …", "… invoked oom-killer", "oom-kill:constraint=…")
 * and driver faults ("NVRM: Xid (PCI:0000:3b:00): 79, …", "GPU has fallen off the bus").
 */
const KERNEL_ERRORS = /out of memory: kill(?:ed)? process|\boom-kill(?:er)?\b|\bNVRM: Xid\b|GPU has fallen off the bus/i;

/**
 * The LogQL line filter of the default error queries (Loki's RE2 syntax): the words `detectLevel`
 * reads as errors in prose, and the kernel and driver forms above, so the error rate and the
 * error lines count OOM kills and Xid faults too.
 */
export const ERROR_LINE_REGEX = '(?i)(error|fatal|panic|out of memory|oom-kill|nvrm: xid|fallen off the bus)';

/** `|~ "<ERROR_LINE_REGEX>"`, ready to follow a stream selector. */
export const ERROR_LINE_FILTER = `|~ ${JSON.stringify(ERROR_LINE_REGEX)}`;

// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
const ANSI_ESCAPE = /\u001b(?:\[[0-9;:?]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/**
 * logfmt / JSON keys first (`level=error`, `"level":"warn"`), then a shouted word (`ERROR`), then
 * the kernel's and driver's error forms, then "error"/"warning" in prose.
 */
export function detectLevel(raw: string): LogLevel | null {
  // Coloured output ("\x1b[31mERROR\x1b[0m") is read without its escapes: the colour code would hide the word.
  const line = raw.includes('\u001b') ? raw.replace(ANSI_ESCAPE, '') : raw;
  const keyed = /\b(?:level|lvl|severity|loglevel)"?\s*[=:]\s*"?([A-Za-z]+)/i.exec(line);
  const fromKey = levelWord(keyed?.[1]);
  if (fromKey) return fromKey;
  const shouted = /\b(ERROR|ERR|FATAL|PANIC|CRITICAL|CRIT|WARN|WARNING|INFO|DEBUG|TRACE)\b/.exec(line);
  const fromShout = levelWord(shouted?.[1]);
  if (fromShout) return fromShout;
  if (KERNEL_ERRORS.test(line)) return 'error';
  if (/\b(?:error|exception|traceback|panic)\b/i.test(line)) return 'error';
  if (/\bwarning\b/i.test(line)) return 'warn';
  return null;
}
