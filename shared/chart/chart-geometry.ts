import type { SeriesPoint } from '../domain/telemetry';
import { makeGrid, valueAt, type ChartSeries } from './chart-data';

/* Geometry of the correlation chart: axis ticks, the queue axis top, and line paths. */

const TICK_STEPS_MS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800].map(
  (s) => s * 1000,
);

/**
 * Round time-axis ticks (every 10 s … 1 week, on UTC boundaries), at most `maxTicks` of them.
 * Given to the chart explicitly, so ticks read 14:00, 14:15 rather than 14:07, and recharts
 * need not measure label text to thin them out.
 */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number): number[] {
  const span = toMs - fromMs;
  if (!(span > 0) || maxTicks < 1) return [];
  const step = TICK_STEPS_MS.find((s) => Math.floor(span / s) + 1 <= maxTicks) ?? span;
  return makeGrid(Math.ceil(fromMs / step) * step, toMs, step);
}

/**
 * `String(Math.round(v * 10) / 10)`, built from integers: printing a fraction is V8's costly number
 * formatting, printing two small integers is not (about 3x faster over a chart's 24,000 points).
 */
export function tenths(v: number): string {
  const k = Math.round(v * 10);
  if (k < 0) return String(k / 10);
  const r = k % 10;
  return r === 0 ? String(k / 10) : `${(k - r) / 10}.${r}`;
}

/**
 * An SVG path through a line's points with the chart's scales; a null (NaN sample) lifts the pen,
 * so a gap stays a gap. One string per line: drawing cost grows with points and nothing else.
 */
export function linePath(
  points: readonly SeriesPoint[],
  x: (t: number) => number | undefined,
  y: (v: number) => number | undefined,
): string {
  // String concatenation and rounding to 0.1 px (tenths): this runs for every point on the chart's
  // first paint — in a fresh page, so in V8's interpreter at first, where an indexed loop costs much
  // less than destructuring through the iterator.
  let d = '';
  let pen = false;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const v = p ? p[1] : null;
    const px = p && v !== null ? x(p[0]) : undefined;
    const py = v === null ? undefined : y(v);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += (pen ? 'L' : 'M') + tenths(px) + ',' + tenths(py);
    pen = true;
  }
  return d;
}

/**
 * A scale known to be linear, as a plain `a + b·v` (one multiply per point instead of a chain of
 * library wrappers; the chart draws tens of thousands of points on its first paint). `v0` and
 * `v1` are two distinct values to measure it at, best inside its domain. Checked at a third value:
 * if the scale is not linear there (or cannot place these), the scale itself is returned.
 */
export function linearScale(scale: (v: number) => number | undefined, v0: number, v1: number): (v: number) => number | undefined {
  const p0 = scale(v0);
  const p1 = scale(v1);
  const p2 = scale(2 * v1 - v0);
  if (p0 === undefined || p1 === undefined || p2 === undefined || v1 === v0) return scale;
  const b = (p1 - p0) / (v1 - v0);
  if (!Number.isFinite(b) || Math.abs(p0 + 2 * (p1 - p0) - p2) > 1e-6 * Math.max(1, Math.abs(p2))) return scale;
  return (v) => p0 + (v - v0) * b;
}

/** A round top for the queue axis a little above the highest drawn queue value (at least 5); see drawnStats. */
export function queueAxisTop(drawnQueueMax: number | null): number {
  const target = Math.max(5, (drawnQueueMax ?? 0) * 1.08);
  const mag = 10 ** Math.floor(Math.log10(target));
  const nice = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * mag >= target) ?? 10;
  return nice * mag;
}

/** Queue-axis ticks from 0 to `max` at a 1-2-5 step, about four of them: 0, 50, 100, 150 — never 37.5. */
export function queueTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const rough = max / 4;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= rough) ?? 10) * Math.max(1, mag);
  return makeGrid(0, max, Math.max(1, step));
}

/**
 * The line drawn nearest the pointer's height at time `t` (its key), if one is within `maxPx`: the
 * line the chart highlights. Each line's value is its last sample at or before `t` no older than its
 * hold (`holds[i]`), as the hover card reads it; `yOf` maps a value to pixels on the line's axis.
 */
export function nearestLine(
  lines: readonly ChartSeries[],
  t: number,
  y: number,
  holds: readonly number[],
  yOf: (axis: ChartSeries['axis'], v: number) => number | undefined,
  maxPx: number,
): string | null {
  let best: string | null = null;
  let bestD = maxPx;
  lines.forEach((l, i) => {
    const v = valueAt(l.points, t, holds[i] ?? 1000);
    const py = v === null ? undefined : yOf(l.axis, v);
    if (py === undefined || !Number.isFinite(py)) return;
    const d = Math.abs(py - y);
    if (d <= bestD) {
      best = l.key;
      bestD = d;
    }
  });
  return best;
}
