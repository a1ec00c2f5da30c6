import type { SeriesData } from '../../../shared/domain/telemetry';

/**
 * The telemetry "shape" of an incident: its impact window cut into STEPS equal steps, with the
 * hottest GPU's memory share and the total pending queue depth in each. Windows of any length
 * compare step by step, so a 20-minute and a 2-hour OOM that both climb, plateau and fall look alike.
 */
export const STEPS = 24;

export type { Shape } from '../../store/search/shape-repo';

/** Per series, the mean of its points in each step; then `combine` across series per step. */
export function resample(series: readonly SeriesData[], fromMs: number, toMs: number, combine: 'max' | 'sum'): (number | null)[] {
  const width = Math.max(1, (toMs - fromMs) / STEPS);
  const out: (number | null)[] = new Array<number | null>(STEPS).fill(null);
  for (const s of series) {
    const sums = new Array<number>(STEPS).fill(0);
    const counts = new Array<number>(STEPS).fill(0);
    for (const [t, v] of s.points) {
      if (v === null || t < fromMs || t > toMs) continue;
      const k = Math.min(STEPS - 1, Math.floor((t - fromMs) / width));
      sums[k] = (sums[k] ?? 0) + v;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (let k = 0; k < STEPS; k++) {
      const n = counts[k] ?? 0;
      if (n === 0) continue;
      const v = (sums[k] ?? 0) / n;
      const prev = out[k] ?? null;
      out[k] = prev === null ? v : combine === 'max' ? Math.max(prev, v) : prev + v;
    }
  }
  return out;
}

const MIN_COMMON_STEPS = 6;
/** A mean difference of a quarter of the GPU (share 0.25) counts as nothing alike. */
export const GPU_TOLERANCE = 0.25;
/** For queue curves scaled to their own peak, half the peak. */
export const QUEUE_TOLERANCE = 0.5;

type Curve = readonly (number | null)[];

const present = (xs: Curve): number[] => xs.filter((x): x is number => x !== null && x !== undefined);
const closeness = (meanDiff: number, tolerance: number): number => Math.max(0, 1 - meanDiff / tolerance);

/** Mean of each step and its neighbours: OOM kills make GPU memory a saw-tooth whose teeth never line up twice. */
export function smooth(xs: Curve): (number | null)[] {
  return xs.map((x, k) => {
    if (x === null) return null;
    const near = present([xs[k - 1] ?? null, x, xs[k + 1] ?? null]);
    return near.reduce((a, b) => a + b, 0) / near.length;
  });
}

/** Step by step over the steps both have: did they rise, hold and fall at the same points of their windows. */
export function curveSimilarity(a: Curve, b: Curve, tolerance: number): number | null {
  let sum = 0;
  let n = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const x = a[k];
    const y = b[k];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    sum += Math.abs(x - y);
    n++;
  }
  return n < MIN_COMMON_STEPS ? null : closeness(sum / n, tolerance);
}

/** Sorted values against sorted values (their quantiles): how much of the window each spent at each level, in any order. */
export function levelSimilarity(a: Curve, b: Curve, tolerance: number): number | null {
  const sa = present(a).sort((x, y) => x - y);
  const sb = present(b).sort((x, y) => x - y);
  if (sa.length < MIN_COMMON_STEPS || sb.length < MIN_COMMON_STEPS) return null;
  const at = (xs: number[], q: number): number => xs[Math.min(xs.length - 1, Math.round(q * (xs.length - 1)))] ?? 0;
  let sum = 0;
  for (let i = 0; i <= 10; i++) sum += Math.abs(at(sa, i / 10) - at(sb, i / 10));
  return closeness(sum / 11, tolerance);
}

/** Peaks an order of magnitude apart (10 pending against 100) count as nothing alike. */
export function magnitudeSimilarity(a: Curve, b: Curve): number | null {
  const pa = present(a);
  const pb = present(b);
  if (pa.length < MIN_COMMON_STEPS || pb.length < MIN_COMMON_STEPS) return null;
  const peak = (xs: number[]): number => Math.log10(1 + Math.max(0, ...xs));
  return Math.max(0, 1 - Math.abs(peak(pa) - peak(pb)));
}

function mean(xs: readonly (number | null)[]): number | null {
  const p = present(xs);
  return p.length ? p.reduce((x, y) => x + y, 0) / p.length : null;
}

function scaled(xs: Curve): (number | null)[] {
  const peak = Math.max(0, ...present(xs));
  return xs.map((x) => (x === null ? null : peak > 0 ? x / peak : 0));
}

/**
 * GPU memory: the hottest GPU's share, smoothed, compared step by step and as a distribution of
 * levels (a 95% plateau is not like a 40% one, whenever in the window it happened).
 */
export function gpuSimilarity(a: Curve, b: Curve): number | null {
  return mean([curveSimilarity(smooth(a), smooth(b), GPU_TOLERANCE), levelSimilarity(a, b, GPU_TOLERANCE)]);
}

/**
 * Queue depth: the pending backlog's course scaled to its own peak (growing, draining, flat), and
 * its size on a log scale (a backlog of 700 is not one of 70).
 */
export function queueSimilarity(a: Curve, b: Curve): number | null {
  return mean([curveSimilarity(smooth(scaled(a)), smooth(scaled(b)), QUEUE_TOLERANCE), magnitudeSimilarity(a, b)]);
}

/** Jaccard overlap of two name sets (case-insensitive): |A ∩ B| / |A ∪ B|; null when both are empty. */
export function overlap(a: readonly string[], b: readonly string[]): { score: number | null; shared: string[] } {
  const la = new Set(a.map((x) => x.toLowerCase()));
  const lb = new Set(b.map((x) => x.toLowerCase()));
  const union = new Set([...la, ...lb]);
  if (union.size === 0) return { score: null, shared: [] };
  const shared = a.filter((x) => lb.has(x.toLowerCase()));
  return { score: shared.length / union.size, shared };
}

export const WEIGHTS = { services: 0.35, playbooks: 0.25, gpuShape: 0.2, queueShape: 0.2 } as const;

/** Weighted mean of the parts that could be computed; a part without data neither helps nor hurts. */
export function combineScore(parts: {
  services: number | null;
  playbooks: number | null;
  gpuShape: number | null;
  queueShape: number | null;
}): number {
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) {
    const v = parts[key];
    if (v === null) continue;
    sum += v * WEIGHTS[key];
    weight += WEIGHTS[key];
  }
  return weight === 0 ? 0 : sum / weight;
}
