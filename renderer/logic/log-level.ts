import type { LogLine } from '../../shared/domain/telemetry';
import { formatClockMs } from './format';

/**
 * The logs panel's display helpers. A line's level is not worked out here: main sets LogLine.level
 * (shared/domain/log-level.ts) and the panel shows that; the default LogQL is built from the Loki
 * source's labels (shared/domain/log-queries.ts).
 */

/** "14:05:12.345Z": log lines sit seconds apart, so the panel shows milliseconds and leaves the date to the window. */
export const formatLogTime = formatClockMs;

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

const RANK: Readonly<Record<NonNullable<LogLine['level']>, number>> = { error: 0, warn: 1, info: 2, debug: 2 };

/**
 * Lines as the panel lists them. 'errors-first': error lines, then warnings, then the rest, each group
 * in the order Loki answered (newest first), so 25 errors among 1,653 lines are the first 25 rows.
 * 'newest': as answered. The same array comes back when nothing moves, so memoised rows stay.
 */
export function orderLines<T extends Pick<LogLine, 'level'>>(lines: readonly T[], order: 'errors-first' | 'newest'): readonly T[] {
  if (order === 'newest') return lines;
  const rank = (l: T): number => (l.level === null ? 2 : RANK[l.level]);
  let sorted = true;
  for (let i = 1; i < lines.length && sorted; i++) sorted = rank(lines[i - 1] as T) <= rank(lines[i] as T);
  if (sorted) return lines;
  // Array.prototype.sort is stable: within a level, Loki's order is kept.
  return [...lines].sort((a, b) => rank(a) - rank(b));
}
