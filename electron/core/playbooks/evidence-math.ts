import type { SeriesData, SeriesPoint } from '../../../shared/domain/telemetry';

/** Pure arithmetic over stored series for evidence readings; no I/O, so each rule is tested on hand-made points. */

export interface Valued {
  series: SeriesData;
  /** Newest non-null point. */
  last: [number, number];
  /** Oldest non-null point in the window. */
  first: [number, number];
}

/** Series that have at least one value, with their first and newest value. */
export function valued(series: readonly SeriesData[]): Valued[] {
  const out: Valued[] = [];
  for (const s of series) {
    const nonNull = s.points.filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1]));
    const first = nonNull[0];
    const last = nonNull[nonNull.length - 1];
    if (first && last) out.push({ series: s, first, last });
  }
  return out;
}

/** Sum of a counter's increases: a drop is a reset (restart from zero, or AsynqMon's midnight rollover), counted from zero. */
export function counterIncrease(points: readonly SeriesPoint[]): { total: number; events: [number, number][] } {
  let prev: number | null = null;
  let total = 0;
  const events: [number, number][] = [];
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) continue;
    if (prev !== null) {
      const inc = v >= prev ? v - prev : v;
      if (inc > 0) {
        total += inc;
        events.push([t, inc]);
      }
    }
    prev = v;
  }
  return { total, events };
}

const podKey = (l: Record<string, string>): string => `${l.namespace ?? ''}/${l.pod ?? ''}/${l.container ?? ''}`;

export function podName(l: Record<string, string>): string {
  return `${l.namespace ? `${l.namespace}/` : ''}${l.pod ?? '?'}${l.container ? ` (${l.container})` : ''}`;
}

/** The flag's value at `t`: its last point at or before t + tolerance (the poll that saw the restart may have read it a moment later). */
function flagAt(points: readonly SeriesPoint[], t: number, toleranceMs: number): number | null {
  let found: number | null = null;
  for (const [pt, v] of points) {
    if (pt > t + toleranceMs) break;
    if (v !== null) found = v;
  }
  return found;
}

export interface PodCounts {
  /** Per container: how many restarts (or OOM kills) in the window. */
  byPod: { name: string; count: number }[];
  total: number;
  /** Each counted event: when, and how many. */
  events: [number, number][];
}

/**
 * Restarts of each container in the window; with `oomFlags`, only those whose last termination read
 * OOMKilled at that moment (the same reading the command view's OOM markers use).
 */
export function countRestarts(restarts: readonly SeriesData[], oomFlags: readonly SeriesData[] | null, toleranceMs: number): PodCounts {
  const flags = new Map((oomFlags ?? []).map((s) => [podKey(s.labels), s.points]));
  const byPod: { name: string; count: number }[] = [];
  const events: [number, number][] = [];
  let total = 0;
  for (const s of restarts) {
    const inc = counterIncrease(s.points);
    let count = 0;
    for (const [t, n] of inc.events) {
      if (oomFlags !== null) {
        const f = flags.get(podKey(s.labels));
        if (!f || (flagAt(f, t, toleranceMs) ?? 0) < 1) continue;
      }
      count += n;
      events.push([t, n]);
    }
    if (count > 0) byPod.push({ name: podName(s.labels), count });
    total += count;
  }
  byPod.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  events.sort((a, b) => a[0] - b[0]);
  return { byPod, total, events };
}

/** Cumulative count over time, for a sparkline of events in the window. */
export function cumulative(events: readonly [number, number][], fromMs: number, toMs: number): [number, number][] {
  const out: [number, number][] = [[fromMs, 0]];
  let n = 0;
  for (const [t, inc] of events) {
    n += inc;
    out.push([t, n]);
  }
  out.push([toMs, n]);
  return out;
}

/** At most `max` points, evenly picked, always keeping the first and the last. */
export function thin(points: readonly [number, number][], max: number): [number, number][] {
  if (points.length <= max) return [...points];
  const out: [number, number][] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i += 1) {
    const p = points[Math.round(i * step)];
    if (p) out.push(p);
  }
  return out;
}

export function nonNullPoints(points: readonly SeriesPoint[]): [number, number][] {
  return points.filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1]));
}
