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

/**
 * 1 − mean absolute difference over the steps both have, after scaling: GPU share is already 0..1
 * and compared as is (a 95% plateau is not like a 40% one); queue depth is divided by each curve's
 * own peak, so the shape counts, not the size of the platform. Null with too few common steps.
 */
export function shapeSimilarity(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
  scale: 'absolute' | 'own-peak',
): number | null {
  const peak = (xs: readonly (number | null)[]): number => Math.max(0, ...xs.filter((x): x is number => x !== null));
  const pa = scale === 'own-peak' ? peak(a) : 1;
  const pb = scale === 'own-peak' ? peak(b) : 1;
  let sum = 0;
  let n = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const x = a[k];
    const y = b[k];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    const sx = pa > 0 ? x / pa : 0;
    const sy = pb > 0 ? y / pb : 0;
    sum += Math.abs(Math.min(1, sx) - Math.min(1, sy));
    n++;
  }
  return n < MIN_COMMON_STEPS ? null : 1 - sum / n;
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
