import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../../shared/domain/telemetry';
import { PRE_REDUCE_FACTOR, downsampleColumns, downsamplePoints, extremaPerBucket, reduceRun, type Columns } from './downsample-points';

const STEP = 5_000;
/** A day of 15 s polls is 5,760 points; a wave so LTTB has peaks to keep. */
function day(nullAt: (i: number) => boolean = () => false): SeriesPoint[] {
  return Array.from({ length: 5_760 }, (_, i) => [i * STEP, nullAt(i) ? null : Math.sin(i / 50) + (i % 97 === 0 ? 3 : 0)]);
}

describe('downsamplePoints', () => {
  it('returns short series unchanged', () => {
    const pts: SeriesPoint[] = [
      [0, 1],
      [1, null],
      [2, 3],
    ];
    expect(downsamplePoints(pts, 10)).toEqual(pts);
  });

  it('bounds the point count, keeps the ends and the spikes, and stays in time order', () => {
    const pts = day();
    const out = downsamplePoints(pts, 1_500);
    expect(out.length).toBeLessThanOrEqual(1_500);
    expect(out.length).toBeGreaterThan(1_000);
    expect(out[0]).toEqual(pts[0]);
    expect(out[out.length - 1]).toEqual(pts[pts.length - 1]);
    for (let i = 1; i < out.length; i++) expect((out[i]?.[0] ?? 0) > (out[i - 1]?.[0] ?? 0)).toBe(true);
    // Every point is a real sample (LTTB selects, never invents) and the +3 spikes survive.
    const times = new Map(pts.map(([t, v]) => [t, v]));
    expect(out.every(([t, v]) => times.get(t) === v)).toBe(true);
    expect(out.filter(([, v]) => (v ?? 0) > 2).length).toBe(pts.filter(([, v]) => (v ?? 0) > 2).length);
  });

  it('keeps each NaN gap as a null at its first time, with the values on both sides', () => {
    // Two gaps: samples 1000-1019 and 4000-4004 were NaN.
    const pts = day((i) => (i >= 1_000 && i < 1_020) || (i >= 4_000 && i < 4_005));
    const out = downsamplePoints(pts, 1_500);
    expect(out.length).toBeLessThanOrEqual(1_500);
    expect(out.filter(([, v]) => v === null)).toEqual([
      [1_000 * STEP, null],
      [4_000 * STEP, null],
    ]);
    // The line stops at the last value before a gap and resumes at the first after it.
    const i = out.findIndex(([t]) => t === 1_000 * STEP);
    expect(out[i - 1]?.[0]).toBe(999 * STEP);
    expect(out[i + 1]?.[0]).toBe(1_020 * STEP);
  });

  it('stays within budget when an exporter flaps between values and NaN', () => {
    const pts = day((i) => i % 2 === 0);
    const out = downsamplePoints(pts, 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out.some(([, v]) => v === null)).toBe(true);
    expect(out.some(([, v]) => v !== null)).toBe(true);
  });

  it('treats ±Infinity as a gap, since no chart can place it', () => {
    const pts: SeriesPoint[] = Array.from({ length: 100 }, (_, i) => [i, i === 50 ? Infinity : i]);
    const out = downsamplePoints(pts, 20);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out).toContainEqual([50, null]);
    expect(out.some(([, v]) => v === Infinity)).toBe(false);
  });
});

/** A week of 15 s polls as columns: far past PRE_REDUCE_FACTOR × 1,500, so the pre-pass runs. */
function week(value: (i: number) => number | null): Columns {
  const n = 40_320;
  return { t: Array.from({ length: n }, (_, i) => i * 15_000), v: Array.from({ length: n }, (_, i) => value(i)) };
}
const wave = (i: number): number => Math.sin(i / 300);

describe('extremaPerBucket', () => {
  it("keeps each slice's first, lowest, highest and last point, in time order", () => {
    const c: Columns = { t: [0, 1, 2, 3, 4, 5, 6, 7], v: [5, 9, 1, 6, 2, 2, 8, 3] };
    // Two slices of four: [5 9 1 6] keeps all; [2 2 8 3] keeps first 2, max 8, last 3 (its min is its first).
    expect(extremaPerBucket(c, 2)).toEqual([0, 1, 2, 3, 4, 6, 7]);
  });

  it('keeps the first of every gap run and the values on both sides of it', () => {
    const c: Columns = { t: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], v: [1, 2, 3, null, null, null, 4, 5, 6, 7] };
    expect(extremaPerBucket(c, 1)).toEqual([0, 2, 3, 6, 9]);
  });
});

describe('downsampleColumns', () => {
  it('returns short series whole', () => {
    const c: Columns = { t: [0, 1, 2], v: [1, null, 3] };
    expect(downsampleColumns(c, 10)).toEqual([
      [0, 1],
      [1, null],
      [2, 3],
    ]);
  });

  it('pre-reduces a long series and still keeps a single-sample spike, the ends and only real samples', () => {
    const spikeAt = 23_456;
    const c = week((i) => (i === spikeAt ? 50 : wave(i)));
    expect(c.t.length).toBeGreaterThan(PRE_REDUCE_FACTOR * 1_500);
    const out = downsampleColumns(c, 1_500);
    expect(out.length).toBeLessThanOrEqual(1_500);
    expect(out.length).toBeGreaterThan(1_000);
    expect(out).toContainEqual([spikeAt * 15_000, 50]);
    expect(out[0]).toEqual([0, wave(0)]);
    expect(out[out.length - 1]).toEqual([(c.t.length - 1) * 15_000, wave(c.t.length - 1)]);
    for (let i = 1; i < out.length; i++) expect((out[i]?.[0] ?? 0) > (out[i - 1]?.[0] ?? 0)).toBe(true);
    expect(out.every(([t, v]) => c.v[t / 15_000] === v)).toBe(true);
    // A dip survives as well as a peak.
    const dipAt = 30_000;
    expect(
      downsampleColumns(
        week((i) => (i === dipAt ? -50 : wave(i))),
        1_500,
      ),
    ).toContainEqual([dipAt * 15_000, -50]);
  });

  it("keeps NaN gaps through the pre-pass: a null at each gap's first time, the line stopping and resuming beside it", () => {
    // Samples 10,000-10,099 and 35,000 were NaN.
    const c = week((i) => ((i >= 10_000 && i < 10_100) || i === 35_000 ? null : wave(i)));
    const out = downsampleColumns(c, 1_500);
    expect(out.length).toBeLessThanOrEqual(1_500);
    expect(out.filter(([, v]) => v === null)).toEqual([
      [10_000 * 15_000, null],
      [35_000 * 15_000, null],
    ]);
    for (const [gap, resume] of [
      [10_000, 10_100],
      [35_000, 35_001],
    ] as const) {
      const i = out.findIndex(([t]) => t === gap * 15_000);
      expect(out[i - 1]?.[0]).toBe((gap - 1) * 15_000);
      expect(out[i + 1]?.[0]).toBe(resume * 15_000);
    }
  });
});

/**
 * Six hours of 15 s polls: GPU memory climbs for 20 minutes to a 3-minute plateau at 0.991, then
 * falls. Reduced to few points, LTTB alone kept the peak's value but drew it up to 150 s late (or
 * dropped it), depending on how the buckets fell.
 */
function plateauAtPeak(offset: number): { cols: Columns; peakT: number; peakEndT: number } {
  const t0 = 1_800_000_000_000 + offset * 15_000;
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < 1_440; i++) {
    t.push(t0 + i * 15_000);
    const m = (i * 15) / 60;
    let x = 0.3 + 0.05 * Math.sin(i / 7);
    if (m >= 160 && m < 180) x = 0.3 + (0.691 * (m - 160)) / 20;
    if (m >= 180 && m < 183) x = 0.991;
    if (m >= 183 && m < 200) x = 0.991 - (0.6 * (m - 183)) / 17;
    v.push(x);
  }
  return { cols: { t, v }, peakT: t0 + 180 * 60_000, peakEndT: t0 + 183 * 60_000 };
}

describe('downsampling keeps when things happened', () => {
  it('keeps the first moment of a peak plateau at 60 points, and at every budget down to 10', () => {
    for (const offset of [0, 1, 2, 3, 7]) {
      const { cols, peakT } = plateauAtPeak(offset);
      for (const budget of [10, 11, 17, 30, 60, 100, 200, 400, 1_000]) {
        const out = downsampleColumns(cols, budget);
        expect(out.length, `budget ${budget}`).toBeLessThanOrEqual(budget);
        const peaks = out.filter(([, v]) => v === 0.991).map(([t]) => t);
        expect(peaks[0], `offset ${offset}, budget ${budget}`).toBe(peakT);
      }
    }
  });

  it('with room, keeps the end of the plateau too, so it is drawn where it ended', () => {
    const { cols, peakEndT } = plateauAtPeak(0);
    const out = downsampleColumns(cols, 400);
    expect(out.filter(([, v]) => v === 0.991).at(-1)?.[0]).toBe(peakEndT);
  });

  it('always: a sub-sequence of real samples, the ends kept, the highest value at its first time, plateaus from their start', () => {
    const level = fc.integer({ min: 0, max: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(level, fc.integer({ min: 1, max: 12 })), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 3, max: 80 }),
        (runs, target) => {
          // Runs of equal values (plateaus) of random lengths: the case LTTB draws late.
          const run: [number, number][] = [];
          for (const [value, length] of runs) for (let k = 0; k < length; k++) run.push([run.length * 15_000, value]);
          const out = reduceRun(run, target);
          expect(out.length).toBeLessThanOrEqual(Math.min(run.length, target));
          expect(out.length).toBeGreaterThanOrEqual(Math.min(run.length, target - 2, 2));
          expect(out[0]).toBe(run[0]);
          expect(out.at(-1)).toBe(run.at(-1));
          const idx = out.map((p) => run.indexOf(p));
          for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1] ?? -1);
          const max = Math.max(...run.map(([, v]) => v));
          expect(idx).toContain(run.findIndex(([, v]) => v === max));
          // A kept point that starts a new value is the first of its equal run after the previous kept point.
          if (out.length < run.length) {
            for (let k = 1; k < idx.length - 1; k++) {
              const i = idx[k] ?? 0;
              const prev = idx[k - 1] ?? 0;
              if (run[i]?.[1] !== run[prev]?.[1] && i - 1 > prev) expect(run[i - 1]?.[1]).not.toBe(run[i]?.[1]);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
