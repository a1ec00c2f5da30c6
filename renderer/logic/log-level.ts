import type { LogLine } from '../../shared/domain/telemetry';

/**
 * Log levels and default LogQL for the logs panel. Main already sets `level` from a label or the
 * line; this is the renderer's fallback so colouring never depends on one upstream's habits.
 */

export type LogLevel = NonNullable<LogLine['level']>;

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
  trace: 'debug',
};

/** "ERROR", "Warning", "crit" → the four levels the panel colours; anything else → null. */
export function normaliseLevel(word: string | null | undefined): LogLevel | null {
  if (!word) return null;
  return LEVEL_WORDS[word.trim().toLowerCase()] ?? null;
}

// logfmt `level=error`, JSON `"level":"error"` (also lvl / severity), or a bracketed / leading level word.
const FIELD = /(?:^|[\s{,])"?(?:level|lvl|severity)"?\s*[=:]\s*"?([A-Za-z]+)/;
const LEADING = /^\s*(?:\S+\s+){0,2}\[?(FATAL|PANIC|CRITICAL|ERROR|ERR|WARNING|WARN|INFO|DEBUG|TRACE)\]?[\s:]/;

export function levelOf(line: Pick<LogLine, 'level' | 'labels' | 'line'>): LogLevel | null {
  if (line.level) return line.level;
  const fromLabel = normaliseLevel(line.labels.level ?? line.labels.detected_level ?? line.labels.severity);
  if (fromLabel) return fromLabel;
  const field = FIELD.exec(line.line);
  if (field) return normaliseLevel(field[1]);
  const leading = LEADING.exec(line.line);
  return leading ? normaliseLevel(leading[1]) : null;
}

/** Without an incident (or one without services), the lines an IC looks at first: errors anywhere. */
export const ERROR_LINES_QUERY = '{job=~".+"} |~ "(?i)error"';

/**
 * "Echo UI", "OCR", "workers" → `{job=~"(?i).*(echo|ocr|workers).*"}`. Promtail's Kubernetes
 * config (and the lab) label every stream `job="<namespace>/<app>"`, so one case-insensitive
 * match on `job` finds a service whether its name sits in the namespace or the app. Only the
 * first word of each service is used: "Echo UI" is the echo app, not a UI stream.
 */
export function defaultLogQuery(services: readonly string[]): string {
  const words: string[] = [];
  for (const s of services) {
    const word = s
      .toLowerCase()
      .split(/[^a-z0-9-]+/)
      .find((w) => w.replace(/-/g, '').length >= 2);
    if (word && !words.includes(word)) words.push(word);
  }
  if (words.length === 0) return ERROR_LINES_QUERY;
  return `{job=~"(?i).*(${words.join('|')}).*"}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "14:05:12.345Z": log lines sit seconds apart, so the panel shows milliseconds and leaves the date to the window. */
export function formatLogTime(ms: number): string {
  if (!Number.isFinite(ms)) return '--:--:--.---Z';
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

// The label that names where a line came from, most specific first.
const STREAM_LABELS = ['app', 'service', 'service_name', 'container', 'job', 'pod'] as const;

/** A short name for a line's stream: its app/service/container/job, else its first label value. */
export function streamName(labels: Readonly<Record<string, string>>): string {
  for (const k of STREAM_LABELS) {
    const v = labels[k];
    if (v) return v;
  }
  return Object.values(labels).find((v) => v !== '') ?? '';
}

/** `app="echo-worker", level="error"`: labels as Loki writes a selector, for tooltips and pinned evidence. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k] ?? '')}`)
    .join(', ');
}
