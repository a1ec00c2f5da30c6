import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_POINTS_PER_SERIES } from '../sources/query-step';
import { planChunks } from './backfill';

describe('planChunks', () => {
  it('keeps the poll interval over a long range by splitting it, each chunk under the point limit', () => {
    const from = Date.UTC(2026, 11, 1, 0, 0, 7);
    const chunks = planChunks(from, from + 3 * 86_400_000, 15);
    expect(chunks.length).toBe(Math.ceil((3 * 86_400) / 15 / (MAX_POINTS_PER_SERIES - 10)));
    expect(chunks.every((c) => c.stepSeconds === 15)).toBe(true);
    expect(chunks[0]?.fromMs).toBe(Date.UTC(2026, 11, 1, 0, 0, 0));
  });

  it('always: on the grid, in order, no overlap, no gap, the whole range, at most 16 chunks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
        fc.integer({ min: 1, max: 90 * 86_400_000 }),
        fc.integer({ min: 1, max: 300 }),
        (from, span, wish) => {
          const chunks = planChunks(from, from + span, wish);
          const stepMs = (chunks[0]?.stepSeconds ?? 0) * 1000;
          expect(chunks.length).toBeGreaterThan(0);
          expect(chunks.length).toBeLessThanOrEqual(16);
          expect(chunks[0]?.stepSeconds).toBeGreaterThanOrEqual(wish);
          expect(chunks[0]?.fromMs).toBeLessThanOrEqual(from);
          expect(chunks.at(-1)?.toMs).toBe(from + span);
          chunks.forEach((c, i) => {
            expect(c.fromMs % stepMs).toBe(0);
            expect((c.toMs - c.fromMs) / stepMs).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES - 10);
            // The next chunk starts one step after this one's last grid point: nothing asked twice, nothing skipped.
            const next = chunks[i + 1];
            if (next) expect(next.fromMs).toBe(c.toMs + stepMs);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
