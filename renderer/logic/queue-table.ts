import type { QueueStat, SeriesData, SeriesPoint } from '../../shared/domain/telemetry';
import { combine, dedupeByLabels, type TimeWindow } from '../../shared/chart/chart-data';
import { formatDuration } from './format';
import { INCIDENT_LEAD_IN_MS } from './view-range';

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
  /** Pending over the trend window as the chart draws it (NaN gaps kept), for the sparkline. */
  points: SeriesPoint[];
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

/** What the Δ column compares and the window its sparklines cover. */
export interface TrendWindow extends TimeWindow {
  /** "Start": the incident's start, or the start of the shown window without an incident. */
  sinceMs: number;
}

/**
 * The pending trend runs from the incident's start (drawn from a lead-in before it) or, without an
 * incident, from the start of the shown window, up to now: the table beside it shows current figures.
 */
export function trendWindow(incidentStartMs: number | null, viewFromMs: number, nowMs: number): TrendWindow {
  const sinceMs = incidentStartMs ?? viewFromMs;
  const fromMs = incidentStartMs === null ? sinceMs : Math.min(sinceMs - INCIDENT_LEAD_IN_MS, nowMs - 60_000);
  return { sinceMs, fromMs, toMs: Math.max(nowMs, fromMs + 1) };
}

/**
 * Pending-task trends per queue from `queue.depth` series, by the chart's rules (shared/chart/chart-data.ts):
 * `dedupeByLabels` keeps one series where two sources report the same queue (adding them would
 * double-count), and what is left for a queue is summed, so the table's Δ and the chart's
 * per-queue pending line are the same numbers.
 */
export function pendingTrends(series: readonly SeriesData[], startMs: number, win: TimeWindow, maxPoints: number): Map<string, QueueTrend> {
  const byQueue = new Map<string, SeriesData[]>();
  for (const s of dedupeByLabels(series)) {
    const queue = s.labels.queue;
    if (queue && s.labels.state === 'pending') byQueue.set(queue, [...(byQueue.get(queue) ?? []), s]);
  }
  const out = new Map<string, QueueTrend>();
  for (const [queue, members] of byQueue) {
    const points = combine(
      members.map((m) => m.points),
      'sum',
      win,
      maxPoints,
    );
    const finite = points.filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1])).sort((a, b) => a[0] - b[0]);
    const before = finite.filter((p) => p[0] <= startMs).at(-1);
    const start = before ?? finite.find((p) => p[0] > startMs);
    out.set(queue, { start: start ? start[1] : null, end: finite.at(-1)?.[1] ?? null, points });
  }
  return out;
}

/**
 * "0", "850ms", "12.4s", "3m 20s", "2h 05m" — latency of the oldest pending task: `formatDuration`
 * from a minute up, with the sub-second detail below it that a latency needs.
 */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return formatDuration(ms);
}

/** "+120", "−4", "±0" with a real minus sign, so the column reads at a glance. */
export function formatDelta(delta: number | null): string {
  if (delta === null) return '–';
  if (delta === 0) return '±0';
  return delta > 0 ? `+${delta.toLocaleString('en-US')}` : `−${Math.abs(delta).toLocaleString('en-US')}`;
}
