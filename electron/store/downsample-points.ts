import { createLTTB } from 'downsample';
import type { SeriesPoint } from '../../shared/domain/telemetry';

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
 * 3. Each run of finite values between gaps is downsampled with LTTB on its own, with a share of the
 *    remaining budget proportional to its length (at least its first and last point), so the ends
 *    of every run — where a line starts and stops — are kept exactly.
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
  for (const [t, v] of points) {
    if (v !== null && Number.isFinite(v)) {
      runs[runs.length - 1]?.push([t, v]);
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

  // Step 3: share the remaining budget between runs.
  const budget = maxPoints - markers.length;
  const base = runs.map((r) => Math.min(r.length, 2));
  const baseSum = base.reduce((a, b) => a + b, 0);
  const extraLen = runs.reduce((a, r, i) => a + r.length - (base[i] ?? 0), 0);
  const spare = Math.max(0, budget - baseSum);
  const reduced = runs.map((run, i) => {
    const b = base[i] ?? 0;
    const target = Math.min(run.length, b + (extraLen > 0 ? Math.floor((spare * (run.length - b)) / extraLen) : 0));
    if (target >= run.length) return run;
    // The package mis-indexes its last point when asked for 2; the two ends are all it could keep anyway.
    if (target <= 2) return run.length ? [run[0] as FinitePoint, run[run.length - 1] as FinitePoint] : run;
    return Array.from(lttb(run, target));
  });

  const out: SeriesPoint[] = [];
  for (let i = 0; i < reduced.length; i++) {
    for (const p of reduced[i] ?? []) out.push(p);
    const marker = markers[i];
    if (marker) out.push(marker);
  }
  return out;
}
