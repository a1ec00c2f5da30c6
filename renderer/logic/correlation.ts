import { sampleCorrelation } from 'simple-statistics';
import type { SeriesPoint } from '../../shared/domain/telemetry';
import { bucketMeans, makeGrid, nativeStep } from '../../shared/chart/chart-data';

export interface CorrelationOptions {
  fromMs: number;
  toMs: number;
  /** Grid cells across the window: the resolution of the lag search. */
  cells?: number;
  /** Largest lag searched in each direction; default a quarter of the window, at most 30 minutes. */
  maxLagMs?: number;
  /** Fewest overlapping grid cells a lag needs before its r means anything. */
  minPairs?: number;
}

export type CorrelationResult =
  | {
      kind: 'ok';
      /** > 0: `b` moves after `a` by this much; < 0: `a` moves after `b`. */
      lagMs: number;
      r: number;
      /** Overlapping grid cells behind r. */
      pairs: number;
      stepMs: number;
      /** The best lag is the largest searched: the real one may be longer. */
      atLimit: boolean;
    }
  | { kind: 'thin'; reason: string };

const MAX_LAG_CAP_MS = 30 * 60_000;

/** All (nearly) equal: r is undefined there. Relative, because 0.42 + 0.42 + … is not exact in floating point. */
function flat(xs: readonly number[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return max - min <= 1e-9 * Math.max(1, Math.abs(max), Math.abs(min));
}

function pairsAt(a: readonly (number | null)[], b: readonly (number | null)[], lag: number): [number[], number[]] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i + lag];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    xs.push(x);
    ys.push(y);
  }
  return [xs, ys];
}

/**
 * The lag at which `b` best tracks `a` over a window, by Pearson r. Both series are averaged onto
 * one grid (they are sampled at different times, and server downsampling picks different points),
 * then every lag within ±maxLag is tried. A lag counts only with enough overlapping cells and
 * non-zero variance on both sides; with none, the data is too thin and no answer is given.
 */
export function laggedCorrelation(a: readonly SeriesPoint[], b: readonly SeriesPoint[], opts: CorrelationOptions): CorrelationResult {
  const span = opts.toMs - opts.fromMs;
  if (!(span > 0)) return { kind: 'thin', reason: 'empty window' };
  const minPairs = opts.minPairs ?? 20;
  const native = Math.max(nativeStep(a), nativeStep(b));
  const stepMs = Math.max(native, Math.ceil(span / (opts.cells ?? 240)), 1);
  const grid = makeGrid(opts.fromMs, opts.toMs - 1, stepMs);
  const ga = bucketMeans(a, grid, stepMs);
  const gb = bucketMeans(b, grid, stepMs);
  const maxLagMs = opts.maxLagMs ?? Math.min(MAX_LAG_CAP_MS, span / 4);
  const maxLag = Math.max(0, Math.min(Math.floor(maxLagMs / stepMs), grid.length - minPairs));

  let best: { lag: number; r: number; pairs: number } | null = null;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const [xs, ys] = pairsAt(ga, gb, lag);
    if (xs.length < minPairs || flat(xs) || flat(ys)) continue;
    const r = sampleCorrelation(xs, ys);
    if (!Number.isFinite(r)) continue;
    const better =
      best === null ||
      Math.abs(r) > Math.abs(best.r) + 1e-9 ||
      (Math.abs(Math.abs(r) - Math.abs(best.r)) <= 1e-9 && Math.abs(lag) < Math.abs(best.lag));
    if (better) best = { lag, r, pairs: xs.length };
  }
  if (best === null) return { kind: 'thin', reason: `fewer than ${minPairs} overlapping, varying points` };
  return {
    kind: 'ok',
    lagMs: best.lag * stepMs,
    r: best.r,
    pairs: best.pairs,
    stepMs,
    atLimit: maxLag > 0 && Math.abs(best.lag) === maxLag,
  };
}

/** "45 seconds", "1 minute", "12 minutes", "2.5 hours". */
export function describeLag(ms: number): string {
  const s = Math.abs(ms) / 1000;
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (s < 60) return plural(Math.round(s), 'second');
  if (s < 90 * 60) return plural(Math.round(s / 60), 'minute');
  return plural(Math.round((s / 3600) * 10) / 10, 'hour');
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The result in words, direction included: a positive lag means `bName` moves after `aName`.
 * Weak relations (|r| < 0.3) are said to be unclear rather than described as if they were real.
 */
export function describeCorrelation(c: Extract<CorrelationResult, { kind: 'ok' }>, aName: string, bName: string): string {
  const r = `r = ${c.r.toFixed(2).replace('-', '−')}`;
  if (Math.abs(c.r) < 0.3) return `No clear relation between ${aName} and ${bName} in this window (strongest ${r}).`;
  const weak = Math.abs(c.r) < 0.5 ? ' (weak)' : '';
  const lag = `${c.atLimit ? 'at least ' : 'about '}${describeLag(c.lagMs)}`;
  const [leader, follower] = c.lagMs >= 0 ? [aName, bName] : [bName, aName];
  if (c.lagMs === 0) return `${capital(bName)} ${c.r > 0 ? 'moves with' : 'moves against'} ${aName}, no lag, ${r}${weak}`;
  if (c.r > 0) return `${capital(follower)} follows ${leader} by ${lag}, ${r}${weak}`;
  return `${capital(follower)} moves against ${leader}, ${lag} later, ${r}${weak}`;
}
