import { createLTTB } from 'downsample';
import type { SeriesPoint } from '../../../shared/domain/telemetry';

type FinitePoint = [number, number];

const lttb = createLTTB<FinitePoint>({ x: 0, y: 1 });

/**
 * Reduce one series to at most `maxPoints` points for drawing, keeping its gaps.
 *
 * LTTB (the `downsample` package) needs finite numbers, and a NaN (null) must stay visible as a
 * break in the line at its time. So:
 * 1. A run of consecutive nulls collapses to its first null: one null is enough to break the line,
 *    and the gap then spans from the last value before it to the first value after it.
 * 2. If even those gap markers would take more than a quarter of the budget (a flapping exporter),
 *    only the first gap marker per time slot of width span / (maxPoints / 4) is kept; values on
 *    either side of a dropped marker then join into one run.
 * 3. Each run of finite values between gaps is reduced on its own (reduceRun: LTTB, plus the run's
 *    extremes at the first moment they were reached), with a share of the remaining budget
 *    proportional to its length (at least its first and last point, and room for the series' peak in
 *    the run that holds it), so the ends of every run — where a line starts and stops — are kept
 *    exactly, and the peak is drawn when it happened.
 * ±Infinity is not finite either; it is treated like NaN for drawing (a gap), since no chart can
 * place it.
 */
export function downsamplePoints(points: readonly SeriesPoint[], maxPoints: number): SeriesPoint[] {
  if (points.length <= maxPoints) return [...points];
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return [];
  const markerCap = Math.max(1, Math.floor(maxPoints / 4));
  const slot = Math.max(1, (last[0] - first[0] + 1) / markerCap);

  // Steps 1 and 2: split into runs of finite points, separated by kept gap markers.
  const runs: FinitePoint[][] = [[]];
  const markers: SeriesPoint[] = [];
  let inGap = false;
  let lastSlot = -1;
  for (const p of points) {
    const [t, v] = p;
    if (v !== null && Number.isFinite(v)) {
      // The point itself, not a copy: a day of samples per series is read on every chart refresh.
      runs[runs.length - 1]?.push(p as FinitePoint);
      inGap = false;
      continue;
    }
    if (inGap) continue;
    inGap = true;
    const s = Math.floor((t - first[0]) / slot);
    if (s === lastSlot || markers.length >= markerCap) continue;
    lastSlot = s;
    markers.push([t, null]);
    runs.push([]);
  }

  // Step 3: share the remaining budget between runs. The run holding the series' peak gets room for it.
  const budget = maxPoints - markers.length;
  const peakRun = runHoldingPeak(runs);
  const base = runs.map((r, i) => Math.min(r.length, i === peakRun ? 3 : 2));
  const baseSum = base.reduce((a, b) => a + b, 0);
  const extraLen = runs.reduce((a, r, i) => a + r.length - (base[i] ?? 0), 0);
  const spare = Math.max(0, budget - baseSum);
  const reduced = runs.map((run, i) => {
    const b = base[i] ?? 0;
    const target = Math.min(run.length, b + (extraLen > 0 ? Math.floor((spare * (run.length - b)) / extraLen) : 0));
    return reduceRun(run, target);
  });

  const out: SeriesPoint[] = [];
  for (let i = 0; i < reduced.length; i++) {
    for (const p of reduced[i] ?? []) out.push(p);
    const marker = markers[i];
    if (marker) out.push(marker);
  }
  return out;
}

/** Index of the run whose values include the series' highest finite value (the first such run). */
function runHoldingPeak(runs: readonly FinitePoint[][]): number {
  let best = -1;
  let bestV = -Infinity;
  runs.forEach((run, i) => {
    for (const p of run) {
      if (p[1] > bestV) {
        bestV = p[1];
        best = i;
      }
    }
  });
  return best;
}

/**
 * One run of finite points reduced to at most `target`, keeping when things happened. LTTB alone picks,
 * within a bucket, whichever point makes the largest triangle: on a plateau that is often its last
 * point, so a peak reached at 11:40 was drawn at 11:42 — or, at some budgets, not at all. So:
 * - LTTB (the `downsample` package) chooses target − 2 points, and the run's highest and lowest values
 *   are added at the first moment each was reached, so the peak survives every budget;
 * - a kept point that starts a new value moves back to the first point of its run of equal values, so
 *   a plateau is drawn from when it was reached; later picks on the same plateau stay where they are,
 *   so its end is drawn where it ended.
 * Every point returned is a stored sample with its own timestamp, in time order; the run's ends are kept.
 */
export function reduceRun(run: FinitePoint[], target: number): FinitePoint[] {
  const n = run.length;
  if (target >= n) return run;
  const picked = new Set<number>([0, n - 1]);
  // The package mis-indexes its last point when asked for 2: the two ends are all it could keep anyway.
  if (target - 2 > 2) {
    let j = 0;
    // LTTB returns a subsequence of the very point objects it was given: find their indexes in one pass.
    // Its bucket edges are floored floats and can drop the run's last point; the end is added above.
    for (const p of Array.from(lttb(run, target - 2))) {
      while (j < n && run[j] !== p) j++;
      if (j < n) picked.add(j);
    }
  }
  let hi = 0;
  let lo = 0;
  for (let i = 1; i < n; i++) {
    const v = (run[i] as FinitePoint)[1];
    if (v > (run[hi] as FinitePoint)[1]) hi = i;
    if (v < (run[lo] as FinitePoint)[1]) lo = i;
  }
  if (picked.size < target) picked.add(hi);
  if (picked.size < target) picked.add(lo);
  const idx = [...picked].sort((a, b) => a - b);
  for (let k = 1; k < idx.length - 1; k++) {
    const prev = idx[k - 1] as number;
    let i = idx[k] as number;
    const v = (run[i] as FinitePoint)[1];
    if (v === (run[prev] as FinitePoint)[1]) continue;
    while (i - 1 > prev && (run[i - 1] as FinitePoint)[1] === v) i--;
    idx[k] = i;
  }
  return idx.map((i) => run[i] as FinitePoint);
}

/** One series as two parallel columns, times ascending: how SeriesQuery reads rows, with no object per row. */
export interface Columns {
  t: number[];
  v: (number | null)[];
}

/**
 * Above this many stored points per point asked for, `downsampleColumns` first keeps only what
 * can matter to the drawn shape (see `extremaPerBucket`), so LTTB — which allocates per point —
 * runs on at most about 4 × maxPoints points however long the window is.
 */
export const PRE_REDUCE_FACTOR = 4;

/**
 * A series read as columns, reduced to at most `maxPoints` for drawing. Short series come back
 * whole; long ones are pre-reduced to per-bucket extremes when much longer than asked for, and
 * the final shape is always `downsamplePoints` (LTTB from the `downsample` package, with its gap rules).
 */
export function downsampleColumns(c: Columns, maxPoints: number): SeriesPoint[] {
  const n = c.t.length;
  if (n <= maxPoints) return pointsAt(c, null);
  const keep = n > PRE_REDUCE_FACTOR * maxPoints ? extremaPerBucket(c, maxPoints) : null;
  return downsamplePoints(pointsAt(c, keep), maxPoints);
}

/**
 * Indexes of the points that survive a min/max pre-pass over `buckets` equal time slices: per
 * slice (and per stretch between gaps within it) the first, lowest, highest and last finite
 * point, plus the first point of every run of non-finite values. So a single-sample spike is
 * kept (it is its slice's highest), and every gap keeps its marker and the values on both sides
 * of it (the last before is a stretch's last, the first after a stretch's first). Later points of
 * a gap run are dropped: `downsamplePoints` collapses them to the first anyway. In time order.
 */
export function extremaPerBucket(c: Columns, buckets: number): number[] {
  const { t, v } = c;
  const n = t.length;
  const keep: number[] = [];
  const t0 = t[0];
  const tn = t[n - 1];
  if (t0 === undefined || tn === undefined) return keep;
  const span = tn - t0 + 1;
  let bucket = -1;
  let first = -1;
  let last = -1;
  let lo = -1;
  let hi = -1;
  let loV = 0;
  let hiV = 0;
  let inGap = false;
  const flush = (): void => {
    if (first < 0) return;
    // first <= min(lo, hi) <= max(lo, hi) <= last: push in order, each index once.
    const a = lo < hi ? lo : hi;
    const b = lo < hi ? hi : lo;
    keep.push(first);
    if (a > first) keep.push(a);
    if (b > a) keep.push(b);
    if (last > b) keep.push(last);
    first = -1;
  };
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x === null || x === undefined || !Number.isFinite(x)) {
      if (inGap) continue;
      flush();
      inGap = true;
      keep.push(i);
      continue;
    }
    const b = Math.floor((((t[i] ?? t0) - t0) * buckets) / span);
    if (inGap || b !== bucket || first < 0) {
      flush();
      inGap = false;
      bucket = b;
      first = lo = hi = i;
      loV = hiV = x;
    } else if (x < loV) {
      lo = i;
      loV = x;
    } else if (x > hiV) {
      hi = i;
      hiV = x;
    }
    last = i;
  }
  flush();
  return keep;
}

/** Points from columns: all of them, or those at `keep` (ascending indexes). */
function pointsAt(c: Columns, keep: readonly number[] | null): SeriesPoint[] {
  const n = keep ? keep.length : c.t.length;
  const out = new Array<SeriesPoint>(n);
  for (let k = 0; k < n; k++) {
    const i = keep ? (keep[k] ?? 0) : k;
    out[k] = [c.t[i] ?? 0, c.v[i] ?? null];
  }
  return out;
}
