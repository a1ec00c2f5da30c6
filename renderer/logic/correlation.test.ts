import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../shared/domain/telemetry';
import { describeCorrelation, describeLag, laggedCorrelation, type CorrelationResult } from './correlation';

const T0 = Date.UTC(2025, 10, 22, 14, 0, 0);
const STEP = 15_000;
const HOUR = 3_600_000;

/** Deterministic noise so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random walk: wandering like real memory use, so only the true lag lines the two up. */
function walk(n: number, seed: number): number[] {
  const rnd = prng(seed);
  const out: number[] = [];
  let v = 0.5;
  for (let i = 0; i < n; i++) {
    v += (rnd() - 0.5) * 0.05;
    out.push(v);
  }
  return out;
}

function series(values: readonly (number | null)[], start = T0, step = STEP): SeriesPoint[] {
  return values.map((v, i) => [start + i * step, v]);
}

const ok = (c: CorrelationResult): Extract<CorrelationResult, { kind: 'ok' }> => {
  if (c.kind !== 'ok') throw new Error(`expected a result, got: ${c.reason}`);
  return c;
};

describe('laggedCorrelation', () => {
  const n = HOUR / STEP;
  const gpu = walk(n + 40, 7);
  const win = { fromMs: T0, toMs: T0 + HOUR };

  it('finds a queue that follows GPU memory by 2 minutes, and says so', () => {
    const lagSteps = 8; // 2 minutes at 15 s
    const rnd = prng(11);
    const queue = gpu.map((_, i) => 100 + 400 * (gpu[i - lagSteps] ?? gpu[0] ?? 0) + (rnd() - 0.5) * 20);
    const c = ok(laggedCorrelation(series(gpu.slice(0, n)), series(queue.slice(0, n)), win));
    expect(c.lagMs).toBe(120_000);
    expect(c.r).toBeGreaterThan(0.9);
    expect(c.atLimit).toBe(false);
    expect(describeCorrelation(c, 'GPU memory', 'queue depth')).toMatch(
      /^Queue depth follows GPU memory by about 2 minutes, r = (0\.9\d|1\.00)$/,
    );
  });

  it('reports the other direction when GPU memory moves after the queue', () => {
    const queue = walk(n + 40, 3);
    const mem = queue.map((_, i) => queue[i - 4] ?? queue[0] ?? 0);
    const c = ok(laggedCorrelation(series(mem.slice(0, n)), series(queue.slice(0, n)), win));
    expect(c.lagMs).toBe(-60_000);
    expect(describeCorrelation(c, 'GPU memory', 'queue depth')).toMatch(/^GPU memory follows queue depth by about 1 minute, r = /);
  });

  it('words an inverse relation as moving against, with the lag', () => {
    const queue = gpu.map((_, i) => 1 - (gpu[i - 6] ?? gpu[0] ?? 0));
    const c = ok(laggedCorrelation(series(gpu.slice(0, n)), series(queue.slice(0, n)), win));
    expect(c.lagMs).toBe(90_000);
    expect(c.r).toBeLessThan(-0.9);
    expect(describeCorrelation(c, 'GPU memory', 'queue depth')).toMatch(
      /^Queue depth moves against GPU memory, about 2 minutes later, r = −(0\.9\d|1\.00)$/,
    );
  });

  it('lines up series sampled at different moments (grid resampling)', () => {
    const a = series(gpu.slice(0, n));
    // Sampled every 10 s, 3 s off the GPU's clock, following it by 3 minutes.
    const b: SeriesPoint[] = [];
    for (let t = T0 + 3_000; t < T0 + HOUR; t += 10_000) {
      const src = Math.floor((t - 180_000 - T0) / STEP);
      b.push([t, gpu[Math.max(0, src)] ?? null]);
    }
    const c = ok(laggedCorrelation(a, b, win));
    expect(Math.abs(c.lagMs - 180_000)).toBeLessThanOrEqual(STEP);
    expect(c.r).toBeGreaterThan(0.9);
  });

  it('says there is no clear relation between independent noise', () => {
    const rndA = prng(1);
    const rndB = prng(2);
    const a = series(Array.from({ length: n }, () => rndA()));
    const b = series(Array.from({ length: n }, () => rndB()));
    const c = ok(laggedCorrelation(a, b, win));
    expect(Math.abs(c.r)).toBeLessThan(0.3);
    expect(describeCorrelation(c, 'GPU memory', 'queue depth')).toMatch(/^No clear relation between GPU memory and queue depth/);
  });

  it('gives no answer for a flat series (zero variance)', () => {
    const flat = series(new Array<number>(n).fill(0.42));
    expect(laggedCorrelation(series(gpu.slice(0, n)), flat, win).kind).toBe('thin');
    expect(laggedCorrelation(flat, series(gpu.slice(0, n)), win).kind).toBe('thin');
  });

  it('gives no answer when too few points overlap', () => {
    const short = series(gpu.slice(0, 12));
    expect(laggedCorrelation(short, short, win).kind).toBe('thin');
    // Plenty of points each, but in different halves of the window: nothing overlaps.
    const early = series(gpu.slice(0, n / 2));
    const late = series(gpu.slice(0, n / 2), T0 + HOUR / 2);
    expect(laggedCorrelation(early, late, { ...win, maxLagMs: 60_000 }).kind).toBe('thin');
  });

  it('skips gaps (NaN samples) instead of treating them as values', () => {
    const withGaps = gpu.slice(0, n).map((v, i) => (i % 10 === 0 ? null : v));
    const c = ok(laggedCorrelation(series(withGaps), series(gpu.slice(0, n)), win));
    expect(c.lagMs).toBe(0);
    expect(c.r).toBeGreaterThan(0.99);
    expect(describeCorrelation(c, 'GPU memory', 'queue depth')).toBe('Queue depth moves with GPU memory, no lag, r = 1.00');
  });
});

describe('describeLag', () => {
  it('picks a unit a person would use', () => {
    expect(describeLag(45_000)).toBe('45 seconds');
    expect(describeLag(-60_000)).toBe('1 minute');
    expect(describeLag(12 * 60_000)).toBe('12 minutes');
    expect(describeLag(2.5 * HOUR)).toBe('2.5 hours');
  });
});
