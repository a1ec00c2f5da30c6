/**
 * The logs panel's display helpers. A line's level is not worked out here: main sets LogLine.level
 * (shared/domain/log-level.ts) and the panel shows that; the default LogQL is built from the Loki
 * source's labels (shared/domain/log-queries.ts).
 */

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
