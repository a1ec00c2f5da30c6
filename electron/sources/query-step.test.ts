import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_POINTS_PER_SERIES, alignDown, rangeGrid } from './query-step';

describe('rangeGrid', () => {
  it('puts an off-grid start (typed with seconds) on the step grid', () => {
    const noon7 = Date.UTC(2026, 11, 4, 12, 0, 7);
    const g = rangeGrid(noon7 - 3_600_000, noon7, 15);
    expect(g.stepSeconds).toBe(15);
    expect(g.startMs).toBe(Date.UTC(2026, 11, 4, 11, 0, 0));
    expect(g.endMs).toBe(noon7);
  });

  it('leaves a start already on the grid alone', () => {
    expect(rangeGrid(1_800_000_000_000, 1_800_000_060_000, 15).startMs).toBe(1_800_000_000_000);
    expect(alignDown(1_800_000_000_000, 15)).toBe(1_800_000_000_000);
  });

  it('always: start on the grid, at most one step earlier, the limit kept, a valid wish honoured', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 }),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        fc.option(fc.integer({ min: 1, max: 3_600 }), { nil: undefined }),
        (start, span, wish) => {
          const g = rangeGrid(start, start + span, wish);
          const stepMs = g.stepSeconds * 1000;
          expect(g.startMs % stepMs).toBe(0);
          expect(g.startMs).toBeLessThanOrEqual(start);
          expect(start - g.startMs).toBeLessThan(stepMs);
          // Prometheus refuses (end - start) / step > 11,000; Pitwall keeps a point in reserve.
          expect((g.endMs - g.startMs) / stepMs).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES - 1);
          if (wish !== undefined && span / 1000 / wish < MAX_POINTS_PER_SERIES - 2) expect(g.stepSeconds).toBe(wish);
        },
      ),
      { numRuns: 500 },
    );
  });
});
