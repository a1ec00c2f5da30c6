import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../shared/domain/telemetry';
import { downsamplePoints } from './downsample-points';

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
