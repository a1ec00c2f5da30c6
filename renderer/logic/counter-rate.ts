import type { SeriesData, SeriesPoint } from '../../shared/domain/telemetry';

/**
 * Rates from stored counters (gateway requests, token failures), the way PromQL's increase() reads
 * them: the rise between consecutive samples, a drop counted as a reset (the new value is the rise).
 * Downsampled counters stay exact in sum, since the rises between kept points telescope.
 */

/** [time of the later sample, rise since the previous one] for each consecutive pair of finite samples. */
export function increments(points: readonly SeriesPoint[]): [number, number][] {
  const out: [number, number][] = [];
  let prev: number | null = null;
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) continue;
    if (prev !== null) out.push([t, v >= prev ? v - prev : v]);
    prev = v;
  }
  return out;
}

/** Total rise of the series in (fromMs, toMs]. */
export function increase(series: readonly SeriesData[], fromMs: number, toMs: number): number {
  let sum = 0;
  for (const s of series) for (const [t, d] of increments(s.points)) if (t > fromMs && t <= toMs) sum += d;
  return sum;
}

/** The newest sample time across the series, or null. */
export function newestTime(series: readonly SeriesData[]): number | null {
  let newest: number | null = null;
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    if (last && (newest === null || last[0] > newest)) newest = last[0];
  }
  return newest;
}

/**
 * Per-minute rate over the last `spanMs` before the newest sample (not before "now": a source that
 * stopped answering keeps its last known rate, and the panel shows its age). Null without two samples.
 */
export function recentRatePerMin(series: readonly SeriesData[], spanMs: number): { perMin: number; at: number } | null {
  const at = newestTime(series);
  if (at === null) return null;
  // The rise is only known between samples: measure over the span the samples actually cover.
  let earliest = at;
  for (const s of series) {
    for (const [t, v] of s.points) {
      if (v === null || t < at - spanMs) continue;
      earliest = Math.min(earliest, t);
      break;
    }
  }
  const covered = at - earliest;
  if (covered <= 0) return null;
  return { perMin: (increase(series, earliest, at) / covered) * 60_000, at };
}

/**
 * Per-minute rate in `buckets` equal slices of [fromMs, toMs]: a sparkline's points (null where no
 * sample pair covers the slice). Each rise is spread evenly over the interval between its two
 * samples, so polls sparser than the slices draw a level line rather than spikes and gaps.
 */
export function rateTrend(series: readonly SeriesData[], fromMs: number, toMs: number, buckets: number): SeriesPoint[] {
  const span = toMs - fromMs;
  if (!(span > 0) || buckets < 1) return [];
  const width = span / buckets;
  const sums = new Array<number>(buckets).fill(0);
  const covered = new Array<number>(buckets).fill(0);
  for (const s of series) {
    let prev: SeriesPoint | null = null;
    for (const p of s.points) {
      if (p[1] === null || !Number.isFinite(p[1])) continue;
      if (prev !== null && prev[1] !== null && p[0] > prev[0]) {
        const rise = p[1] >= prev[1] ? p[1] - prev[1] : p[1];
        const a = Math.max(prev[0], fromMs);
        const b = Math.min(p[0], toMs);
        for (let i = Math.max(0, Math.floor((a - fromMs) / width)); i < buckets && fromMs + i * width < b; i++) {
          const lo = Math.max(a, fromMs + i * width);
          const hi = Math.min(b, fromMs + (i + 1) * width);
          if (hi <= lo) continue;
          sums[i] = (sums[i] ?? 0) + (rise * (hi - lo)) / (p[0] - prev[0]);
          covered[i] = Math.max(covered[i] ?? 0, hi - lo);
        }
      }
      prev = p;
    }
  }
  return sums.map((sum, i): SeriesPoint => {
    const c = covered[i] ?? 0;
    return [fromMs + (i + 1) * width, c > 0 ? (sum / c) * 60_000 : null];
  });
}
