import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../shared/domain/telemetry';
import { sparkPath, sparkSpan, valueDomain } from './spark-path';

describe('sparkPath', () => {
  it('draws a share scaled to the box, broken at gaps, within the point budget', () => {
    expect(
      sparkPath(
        [
          [0, 0],
          [50, null],
          [60, 1],
          [100, 0.5],
        ],
        0,
        100,
        50,
        10,
      ),
    ).toBe('M0.0,10.0 M30.0,0.0 L50.0,5.0');
    const long: SeriesPoint[] = Array.from({ length: 5000 }, (_, i) => [i, (i % 100) / 100]);
    const path = sparkPath(long, 0, 5000, 60, 16, { maxPoints: 40 });
    expect(path.split(/[ML]/).filter(Boolean).length).toBeLessThanOrEqual(40);
    expect(sparkPath([], 0, 100, 50, 10)).toBe('');
  });

  it('places points by time, not by index, in a given y domain', () => {
    const points: SeriesPoint[] = [
      [0, 10],
      [10, 20],
      [100, 30],
    ];
    expect(sparkPath(points, 0, 100, 100, 20, { yDomain: [10, 30] })).toBe('M0.0,20.0 L10.0,10.0 L100.0,0.0');
    // Points outside the window are left out; a constant series sits mid-height.
    expect(
      sparkPath(
        [
          [-5, 1],
          [20, 4],
          [80, 4],
        ],
        0,
        100,
        10,
        20,
        { yDomain: [4, 4] },
      ),
    ).toBe('M2.0,10.0 L8.0,10.0');
  });
});

describe('valueDomain', () => {
  it('spans the finite values inside the window', () => {
    expect(
      valueDomain(
        [
          [0, 99],
          [10, 3],
          [20, null],
          [30, 7],
        ],
        5,
        40,
      ),
    ).toEqual([3, 7]);
    expect(valueDomain([[10, null]], 0, 100)).toBeNull();
  });
});

describe('sparkSpan', () => {
  it('starts at the first stored point in the window when the data begins late, else at the window', () => {
    const late: SeriesPoint[] = [
      [5_000, 1],
      [900_000, 2],
      [905_000, 3],
    ];
    expect(sparkSpan(late, 10_000, 910_000)).toEqual([900_000, 910_000]);
    expect(sparkSpan(late, 0, 910_000)).toEqual([5_000, 910_000]);
    expect(sparkSpan([], 0, 910_000)).toEqual([0, 910_000]);
    // Ten seconds of data in a 15-minute window then span the box instead of its last pixel.
    const d = sparkPath(late.slice(1), ...sparkSpan(late.slice(1), 10_000, 905_000), 60, 10, { yDomain: [2, 3] });
    expect(d).toBe('M0.0,10.0 L60.0,0.0');
  });
});
