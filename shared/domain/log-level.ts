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

/** logfmt / JSON keys first (`level=error`, `"level":"warn"`), then a shouted word (`ERROR`), then "error"/"warning" in prose. */
export function detectLevel(line: string): LogLevel | null {
  const keyed = /\b(?:level|lvl|severity|loglevel)"?\s*[=:]\s*"?([A-Za-z]+)/i.exec(line);
  const fromKey = levelWord(keyed?.[1]);
  if (fromKey) return fromKey;
  const shouted = /\b(ERROR|ERR|FATAL|PANIC|CRITICAL|CRIT|WARN|WARNING|INFO|DEBUG|TRACE)\b/.exec(line);
  const fromShout = levelWord(shouted?.[1]);
  if (fromShout) return fromShout;
  if (/\b(?:error|exception|traceback|panic)\b/i.test(line)) return 'error';
  if (/\bwarning\b/i.test(line)) return 'warn';
  return null;
}
