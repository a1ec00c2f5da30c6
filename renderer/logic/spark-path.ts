import { createLTTB } from 'downsample';
import type { SeriesPoint } from '../../shared/domain/telemetry';

type Finite = [number, number];
const lttb = createLTTB<Finite>({ x: 0, y: 1 });

export interface SparkOptions {
  /** Most points kept per sparkline (LTTB), spread over its unbroken runs. */
  maxPoints?: number;
  /** Values mapped to the bottom and top edge (clamped); a share's 0..1 unless given. */
  yDomain?: readonly [number, number];
}

/** The lowest and highest finite value in [fromMs, toMs]: a y domain that fills the box; null without values. */
export function valueDomain(points: readonly SeriesPoint[], fromMs: number, toMs: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [t, v] of points) {
    if (t < fromMs || t > toMs || v === null || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The span a sparkline draws over: the window, but starting at its first stored point when the data
 * begins later (an incident declared a minute ago, a source added just now). Otherwise seconds of
 * data squeeze into the box's last pixel and the line says nothing; the numbers beside it carry the times.
 */
export function sparkSpan(points: readonly SeriesPoint[], fromMs: number, toMs: number): [number, number] {
  for (const [t] of points) if (t >= fromMs && t <= toMs) return [t, toMs];
  return [fromMs, toMs];
}

/**
 * An SVG path for a series over [fromMs, toMs] in a width × height box: time on x (so a gap in
 * polling shows as a gap), at most `maxPoints` points (LTTB from the `downsample` package), a NaN
 * sample breaks the line. A flat domain (a constant series) draws at mid-height.
 */
export function sparkPath(
  points: readonly SeriesPoint[],
  fromMs: number,
  toMs: number,
  width: number,
  height: number,
  { maxPoints = 48, yDomain = [0, 1] }: SparkOptions = {},
): string {
  const span = Math.max(1, toMs - fromMs);
  const [lo, hi] = yDomain;
  const y = (v: number): number => (hi > lo ? (1 - Math.min(1, Math.max(0, (v - lo) / (hi - lo)))) * height : height / 2);
  const runs: Finite[][] = [[]];
  for (const [t, v] of points) {
    if (t < fromMs || t > toMs) continue;
    if (v === null || !Number.isFinite(v)) {
      if ((runs[runs.length - 1]?.length ?? 0) > 0) runs.push([]);
      continue;
    }
    runs[runs.length - 1]?.push([t, v]);
  }
  const total = runs.reduce((n, r) => n + r.length, 0);
  const parts: string[] = [];
  for (const run of runs) {
    if (run.length === 0) continue;
    const budget = Math.max(3, Math.round((maxPoints * run.length) / Math.max(1, total)));
    const kept = run.length > budget ? Array.from(lttb(run, budget)) : run;
    kept.forEach(([t, v], i) => {
      parts.push(`${i === 0 ? 'M' : 'L'}${(((t - fromMs) / span) * width).toFixed(1)},${y(v).toFixed(1)}`);
    });
  }
  return parts.join(' ');
}
