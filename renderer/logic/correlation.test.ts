import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../shared/domain/telemetry';
import {
  correlationSentence,
  describeCorrelation,
  describeLag,
  laggedCorrelation,
  meaningless,
  MEANINGFUL,
  type CorrelationResult,
} from './correlation';

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
    expect(describeLag(40_000)).toBe('40 seconds');
    expect(describeLag(12_000)).toBe('10 seconds');
    expect(describeLag(45_000)).toBe('1 minute');
    expect(describeLag(55_000)).toBe('1 minute');
    expect(describeLag(-60_000)).toBe('1 minute');
    expect(describeLag(12 * 60_000)).toBe('12 minutes');
    expect(describeLag(2.5 * HOUR)).toBe('2.5 hours');
  });
});

describe('the correlation sentence', () => {
  const S5 = 5_000;
  /** GPU memory climbing in a sawtooth (fragmentation, then OOM kills), and queue depth following it by `lagMs`, both noisy. */
  function oomStory(fromMs: number, toMs: number, lagMs: number, seed: number): { gpu: SeriesPoint[]; queue: SeriesPoint[] } {
    const rnd = prng(seed);
    const gpuAt = (t: number): number => 0.55 + 0.4 * (((t - T0) / 240_000) % 1) + (rnd() - 0.5) * 0.02;
    const gpu: SeriesPoint[] = [];
    const queue: SeriesPoint[] = [];
    for (let t = fromMs; t <= toMs; t += S5) {
      gpu.push([t, gpuAt(t)]);
      queue.push([t + 2_000, Math.round(20 + 60 * (((t - lagMs - T0) / 240_000) % 1) + (rnd() - 0.5) * 6)]);
    }
    return { gpu, queue };
  }

  it('says which lines it compares, and stays the same sentence as an incident window grows with each poll', () => {
    // GPU memory wandering smoothly (a damped random walk), queue depth following it by a minute: the
    // correlation surface is flat around the true lag, which is where a naive search hops about.
    for (const seed of [1, 2, 3]) {
      const rnd = prng(seed);
      const gpu: SeriesPoint[] = [];
      const queue: SeriesPoint[] = [];
      const trueGpu: number[] = [];
      let v = 0.6;
      let drift = 0;
      for (let t = T0 - 30 * 60_000; t <= T0 + 5 * 60_000; t += S5) {
        drift = 0.9 * drift + (rnd() - 0.5) * 0.004;
        v = Math.min(0.98, Math.max(0.3, v + drift));
        trueGpu.push(v);
        gpu.push([t, v + (rnd() - 0.5) * 0.01]);
        queue.push([t + 2_000, Math.round(200 * (trueGpu[trueGpu.length - 13] ?? v) + (rnd() - 0.5) * 10)]);
      }
      const sentences = new Set<string>();
      let previous: number | null = null;
      // The incident window: from its lead-in (an instant off any grid) to now, refreshed every 5 s for three minutes.
      const fromMs = T0 - 17 * 60_000 - 7_000;
      for (let now = T0 + 2 * 60_000; now <= T0 + 5 * 60_000; now += S5) {
        const upToNow = (ps: SeriesPoint[]) => ps.filter(([t]) => t >= fromMs && t <= now);
        const s = correlationSentence(
          upToNow(gpu),
          upToNow(queue),
          { fromMs, toMs: now },
          'the fullest GPU line',
          'queue depth (pending)',
          previous,
        );
        previous = s.sentence === null ? null : s.c.lagMs;
        sentences.add(s.sentence === null ? `nothing said: ${s.withheld}` : s.sentence.replace(/r = [−\d.]+/, 'r'));
      }
      expect([...sentences], `seed ${seed}`).toEqual(['Queue depth (pending) follows the fullest GPU line by about 1 minute, r']);
    }
  });

  it('keeps the lag it reported while the new best is no better by more than a hair, and moves when it is', () => {
    const n = HOUR / STEP;
    const gpu = walk(n + 40, 21);
    const queue = gpu.map((_, i) => gpu[i - 8] ?? gpu[0] ?? 0);
    const win = { fromMs: T0, toMs: T0 + HOUR };
    const fresh = ok(laggedCorrelation(series(gpu.slice(0, n)), series(queue.slice(0, n)), win));
    expect(fresh.lagMs).toBe(120_000);
    // One step off the best: within tolerance on a smooth random walk, so kept.
    const sticky = ok(laggedCorrelation(series(gpu.slice(0, n)), series(queue.slice(0, n)), { ...win, previousLagMs: 105_000 }));
    expect(sticky.lagMs).toBe(105_000);
    // Far off the best: not kept.
    const moved = ok(laggedCorrelation(series(gpu.slice(0, n)), series(queue.slice(0, n)), { ...win, previousLagMs: -600_000 }));
    expect(moved.lagMs).toBe(120_000);
  });

  it('says nothing when the relation is weak', () => {
    const rnd = prng(9);
    const { gpu } = oomStory(T0, T0 + 15 * 60_000, 0, 3);
    // Queue depth that only partly follows memory: r around 0.4.
    const queue: SeriesPoint[] = gpu.map(([t, v]) => [t, Math.round(50 * (v ?? 0) + (rnd() - 0.5) * 60)]);
    const win = { fromMs: T0, toMs: T0 + 15 * 60_000 };
    const c = ok(laggedCorrelation(gpu, queue, win));
    expect(Math.abs(c.r)).toBeLessThan(MEANINGFUL.minR);
    expect(meaningless(c, gpu, queue, win)).toMatch(/^weak/);
    expect(correlationSentence(gpu, queue, win, 'GPU memory', 'queue depth')).toEqual({
      sentence: null,
      withheld: expect.stringMatching(/^weak/) as unknown,
    });
  });

  it('says nothing when GPU memory barely moved, however well its noise lines up with the queue (storage-saturation)', () => {
    const rnd = prng(4);
    const win = { fromMs: T0, toMs: T0 + 15 * 60_000 };
    const gpu: SeriesPoint[] = [];
    const queue: SeriesPoint[] = [];
    for (let t = win.fromMs; t <= win.toMs; t += S5) {
      const wobble = Math.sin((t - T0) / 90_000);
      // Memory steady at 62 % ± 1 point; the upload queue backs up as storage fills, wobbling with it.
      gpu.push([t, 0.62 + 0.01 * wobble + (rnd() - 0.5) * 0.001]);
      queue.push([t, Math.round(20 + (t - T0) / 120_000 + 12 * wobble)]);
    }
    const c = ok(laggedCorrelation(gpu, queue, win));
    expect(Math.abs(c.r)).toBeGreaterThan(MEANINGFUL.minR);
    expect(meaningless(c, gpu, queue, win)).toBe('GPU memory barely moved');
    expect(correlationSentence(gpu, queue, win, 'GPU memory', 'queue depth')).toEqual({
      sentence: null,
      withheld: 'GPU memory barely moved',
    });
  });
});
