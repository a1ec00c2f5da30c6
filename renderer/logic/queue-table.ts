import type { QueueStat, SeriesData } from '../../shared/domain/telemetry';

/** Sorting and trends for the AsynqMon queue panel. */

export const QUEUE_COLUMNS = [
  'queue',
  'pending',
  'trend',
  'active',
  'scheduled',
  'retry',
  'archived',
  'latency',
  'processed',
  'failed',
  'paused',
] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];

export interface QueueSort {
  column: QueueColumn;
  dir: 'asc' | 'desc';
}

/** The busiest queue first: that is where an IC looks. */
export const DEFAULT_QUEUE_SORT: QueueSort = { column: 'pending', dir: 'desc' };

/** Pending tasks over the trend window, for one queue. */
export interface QueueTrend {
  /** Pending at the start of the window (the last point at or before it, else the first after). */
  start: number | null;
  /** The newest point. */
  end: number | null;
  /** Non-null values oldest first, for the sparkline. */
  values: number[];
}

/** Clicking the sorted column flips it; a new column starts with the biggest (names: A–Z). */
export function nextSort(current: QueueSort, column: QueueColumn): QueueSort {
  if (current.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: column === 'queue' ? 'asc' : 'desc' };
}

export function trendDelta(trend: QueueTrend | undefined): number | null {
  if (!trend || trend.start === null || trend.end === null) return null;
  return trend.end - trend.start;
}

function sortValue(row: QueueStat, column: QueueColumn, trends: ReadonlyMap<string, QueueTrend>): number | string | null {
  switch (column) {
    case 'queue':
      return row.queue;
    case 'latency':
      return row.latencyMs;
    case 'processed':
      return row.processedToday;
    case 'failed':
      return row.failedToday;
    case 'paused':
      return row.paused ? 1 : 0;
    case 'trend':
      return trendDelta(trends.get(row.queue));
    default:
      return row[column];
  }
}

/** A stable sort; rows without a value (no trend yet) go last in either direction, ties by name. */
export function sortQueues(rows: readonly QueueStat[], sort: QueueSort, trends: ReadonlyMap<string, QueueTrend> = new Map()): QueueStat[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.column, trends);
    const vb = sortValue(b, sort.column, trends);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (typeof va === 'string' || typeof vb === 'string') {
      const c = String(va).localeCompare(String(vb));
      if (c !== 0) return sign * c;
    } else if (va !== vb) return sign * (va - vb);
    return a.queue.localeCompare(b.queue);
  });
}

/**
 * Pending-task trends per queue from `queue.depth{state="pending"}` series. When several sources
 * report the same queue (AsynqMon and Prometheus' asynq collector), the one the snapshot came
 * from wins, else the series with the most points: adding them would double-count.
 */
export function pendingTrends(series: readonly SeriesData[], startMs: number, preferSourceId: number | null): Map<string, QueueTrend> {
  const chosen = new Map<string, SeriesData>();
  for (const s of series) {
    const queue = s.labels.queue;
    if (!queue || (s.labels.state !== undefined && s.labels.state !== 'pending')) continue;
    const prev = chosen.get(queue);
    const better =
      !prev ||
      (s.sourceId === preferSourceId && prev.sourceId !== preferSourceId) ||
      ((s.sourceId === preferSourceId) === (prev.sourceId === preferSourceId) && s.points.length > prev.points.length);
    if (better) chosen.set(queue, s);
  }
  const out = new Map<string, QueueTrend>();
  for (const [queue, s] of chosen) {
    const points = s.points.filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1])).sort((a, b) => a[0] - b[0]);
    const before = points.filter((p) => p[0] <= startMs).at(-1);
    const start = before ?? points.find((p) => p[0] > startMs);
    out.set(queue, { start: start ? start[1] : null, end: points.at(-1)?.[1] ?? null, values: points.map((p) => p[1]) });
  }
  return out;
}

/** SVG polyline points for a sparkline; a flat line for a constant series, '' for none. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const round = (n: number): number => Math.round(n * 10) / 10;
  return values
    .map((v, i) => {
      const y = span === 0 ? height / 2 : height - ((v - min) / span) * height;
      return `${round(i * step)},${round(y)}`;
    })
    .join(' ');
}

/** "0", "850 ms", "12.4 s", "3m 20s", "2h 05m" — latency of the oldest pending task. */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** "+120", "−4", "±0" with a real minus sign, so the column reads at a glance. */
export function formatDelta(delta: number | null): string {
  if (delta === null) return '–';
  if (delta === 0) return '±0';
  return delta > 0 ? `+${delta.toLocaleString('en-US')}` : `−${Math.abs(delta).toLocaleString('en-US')}`;
}
