import { describe, expect, it } from 'vitest';
import type { SeriesData, SeriesPoint } from '../../shared/domain/telemetry';
import { increase, increments, rateTrend, recentRatePerMin } from './counter-rate';

const s = (points: SeriesPoint[], labels: Record<string, string> = {}): SeriesData => ({ id: 1, sourceId: 1, metric: 'm', labels, points });
const MIN = 60_000;

describe('counter rates', () => {
  it('reads rises between samples and treats a drop as a reset, like increase()', () => {
    expect(
      increments([
        [0, 10],
        [1, 15],
        [2, null],
        [3, 3],
        [4, 7],
      ]),
    ).toEqual([
      [1, 5],
      [3, 3],
      [4, 4],
    ]);
  });

  it('sums rises over a range across series', () => {
    const a = s([
      [0, 100],
      [MIN, 160],
      [2 * MIN, 220],
    ]);
    const b = s([
      [0, 0],
      [MIN, 30],
      [2 * MIN, 40],
    ]);
    expect(increase([a, b], 0, 2 * MIN)).toBe(60 + 60 + 30 + 10);
    expect(increase([a, b], MIN, 2 * MIN)).toBe(60 + 10);
  });

  it('gives the recent per-minute rate over the span the samples cover, ending at the newest sample', () => {
    const a = s([
      [0, 0],
      [30_000, 50],
      [60_000, 100],
      [90_000, 250],
    ]);
    // Last 60 s before 90 s: from the sample at 30 s to 90 s, 200 more: 200 per minute.
    expect(recentRatePerMin([a], MIN)).toEqual({ perMin: 200, at: 90_000 });
    expect(recentRatePerMin([s([[0, 5]])], MIN)).toBeNull();
  });

  it('buckets rates for a sparkline, leaving unsampled buckets empty', () => {
    const a = s([
      [0, 0],
      [MIN, 60],
      [2 * MIN, 180],
    ]);
    expect(rateTrend([a], 0, 4 * MIN, 4)).toEqual([
      [MIN, 60],
      [2 * MIN, 120],
      [3 * MIN, null],
      [4 * MIN, null],
    ]);
  });

  it('spreads a rise over the interval it happened in when polls are sparser than the buckets', () => {
    const a = s([
      [0, 0],
      [MIN, 600],
      [2 * MIN, 1200],
    ]);
    const trend = rateTrend([a], 0, 2 * MIN, 24);
    expect(trend.every(([, v]) => v !== null && Math.abs(v - 600) < 1e-9)).toBe(true);
  });
});
