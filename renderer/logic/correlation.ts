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
  /**
   * The lag reported last time for the same two lines: kept while it is still as good as the best
   * (within R_TOLERANCE), so the sentence does not hop between two near-equal peaks on every refresh.
   */
  previousLagMs?: number | null;
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

/**
 * Grid steps the search may use. A step from this list, and a grid on its absolute multiples, stay
 * the same while a live window slides by a poll or two: buckets do not shift under the data, so r
 * and the chosen lag do not jump from one refresh to the next.
 */
// Dense at the short end: rounding a 2.1 s native step up to 5 s would leave a zoomed minute or two
// with too few cells to judge (seen: 22 points over a brushed stretch that held 60 polls per line).
const NICE_STEPS_MS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

/** A previously reported lag whose |r| is within this of the best is kept. */
const R_TOLERANCE = 0.02;

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

function niceStep(ms: number): number {
  return NICE_STEPS_MS.find((s) => s >= ms) ?? Math.ceil(ms / 3_600_000) * 3_600_000;
}

/**
 * The lag at which `b` best tracks `a` over a window, by Pearson r. Both series are averaged onto
 * one grid (they are sampled at different times, and server downsampling picks different points),
 * then every lag within ±maxLag is tried. A lag counts only with enough overlapping cells and
 * non-zero variance on both sides; with none, the data is too thin and no answer is given. The
 * previous answer's lag is kept while it stays as good as the best (see `previousLagMs`).
 */
export function laggedCorrelation(a: readonly SeriesPoint[], b: readonly SeriesPoint[], opts: CorrelationOptions): CorrelationResult {
  const span = opts.toMs - opts.fromMs;
  if (!(span > 0)) return { kind: 'thin', reason: 'empty window' };
  const minPairs = opts.minPairs ?? 20;
  const native = Math.max(nativeStep(a), nativeStep(b));
  const stepMs = niceStep(Math.max(native, Math.ceil(span / (opts.cells ?? 240)), 1));
  const grid = makeGrid(Math.floor(opts.fromMs / stepMs) * stepMs, opts.toMs - 1, stepMs);
  const ga = bucketMeans(a, grid, stepMs);
  const gb = bucketMeans(b, grid, stepMs);
  const maxLagMs = opts.maxLagMs ?? Math.min(MAX_LAG_CAP_MS, span / 4);
  const maxLag = Math.max(0, Math.min(Math.floor(maxLagMs / stepMs), grid.length - minPairs));

  const found: { lag: number; r: number; pairs: number }[] = [];
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const [xs, ys] = pairsAt(ga, gb, lag);
    if (xs.length < minPairs || flat(xs) || flat(ys)) continue;
    const r = sampleCorrelation(xs, ys);
    if (Number.isFinite(r)) found.push({ lag, r, pairs: xs.length });
  }
  if (found.length === 0) return { kind: 'thin', reason: `fewer than ${minPairs} overlapping, varying points` };
  // The strongest |r|; on a tie (to 1e-9), the shorter lag.
  let best = found[0] as { lag: number; r: number; pairs: number };
  for (const f of found) {
    const d = Math.abs(f.r) - Math.abs(best.r);
    if (d > 1e-9 || (Math.abs(d) <= 1e-9 && Math.abs(f.lag) < Math.abs(best.lag))) best = f;
  }
  const kept = opts.previousLagMs == null ? undefined : found.find((f) => f.lag * stepMs === opts.previousLagMs);
  if (kept && Math.abs(kept.r) >= Math.abs(best.r) - R_TOLERANCE && Math.sign(kept.r) === Math.sign(best.r)) best = kept;
  return {
    kind: 'ok',
    lagMs: best.lag * stepMs,
    r: best.r,
    pairs: best.pairs,
    stepMs,
    atLimit: maxLag > 0 && Math.abs(best.lag) === maxLag,
  };
}

/**
 * "40 seconds", "1 minute", "12 minutes", "2.5 hours": as coarse as "about" deserves. Seconds are
 * rounded to fives and anything from 45 s is minutes, so 55 s and 60 s (a grid step apart) read alike.
 */
export function describeLag(ms: number): string {
  const s = Math.abs(ms) / 1000;
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (s < 45) return plural(Math.round(s / 5) * 5, 'second');
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

/** What it takes before the console puts a relation between two series into words. */
export const MEANINGFUL = {
  /** |r| below this is too weak to tell an IC anything. */
  minR: 0.6,
  /** Overlapping grid cells behind r. */
  minPairs: 30,
  /** GPU memory must move by at least this share (5 points) across the window… */
  minSpreadA: 0.05,
  /** …and queue depth by at least this many tasks, and this fraction of its mean. */
  minSpreadB: 5,
  minRelativeSpreadB: 0.2,
} as const;

function spread(points: readonly SeriesPoint[], fromMs: number, toMs: number): { range: number; mean: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  let n = 0;
  for (const [t, v] of points) {
    if (t < fromMs || t > toMs || v === null || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sum += v;
    n++;
  }
  return n === 0 ? { range: 0, mean: 0 } : { range: hi - lo, mean: sum / n };
}

/**
 * Whether a correlation is worth saying: strong, on enough points, not pinned at the edge of the
 * search, and between two series that both actually moved. Two nearly flat lines (GPU memory steady
 * while storage fills) can still correlate in their noise; that is not "GPU memory follows queue
 * depth", so it is not said. Returns why not, for tests and tooltips.
 */
export function meaningless(
  c: Extract<CorrelationResult, { kind: 'ok' }>,
  a: readonly SeriesPoint[],
  b: readonly SeriesPoint[],
  win: { fromMs: number; toMs: number },
): string | null {
  if (Math.abs(c.r) < MEANINGFUL.minR) return `weak (|r| ${Math.abs(c.r).toFixed(2)} < ${MEANINGFUL.minR})`;
  if (c.pairs < MEANINGFUL.minPairs) return `only ${c.pairs} points compared`;
  const sa = spread(a, win.fromMs, win.toMs);
  if (sa.range < MEANINGFUL.minSpreadA) return 'GPU memory barely moved';
  const sb = spread(b, win.fromMs, win.toMs);
  if (sb.range < MEANINGFUL.minSpreadB || sb.range < MEANINGFUL.minRelativeSpreadB * sb.mean) return 'queue depth barely moved';
  if (c.atLimit) return 'the best lag is at the edge of the search';
  return null;
}

export type CorrelationSentence =
  | { sentence: string; c: Extract<CorrelationResult, { kind: 'ok' }> }
  /** Nothing is said, and why (too thin, weak, a line that barely moved…). */
  | { sentence: null; withheld: string };

/**
 * The sentence the chart shows under itself, or why it says nothing (too thin, weak or meaningless).
 * `aName` and `bName` say exactly which lines are compared.
 */
export function correlationSentence(
  a: readonly SeriesPoint[],
  b: readonly SeriesPoint[],
  win: { fromMs: number; toMs: number },
  aName: string,
  bName: string,
  previousLagMs: number | null = null,
): CorrelationSentence {
  const c = laggedCorrelation(a, b, { ...win, previousLagMs });
  if (c.kind !== 'ok') return { sentence: null, withheld: c.reason };
  const why = meaningless(c, a, b, win);
  return why === null ? { sentence: describeCorrelation(c, aName, bName), c } : { sentence: null, withheld: why };
}
