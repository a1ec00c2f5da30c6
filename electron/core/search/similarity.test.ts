import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/domain/incident';
import type { CollectedSample } from '../../poller/types';
import {
  combineScore,
  curveSimilarity,
  gpuSimilarity,
  levelSimilarity,
  magnitudeSimilarity,
  overlap,
  queueSimilarity,
  resample,
  smooth,
  STEPS,
} from './shape';
import { openSimilarityStore, type SimilarityStore } from './similarity-fixtures';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 6, 8);

let s: SimilarityStore;

beforeEach(() => {
  s = openSimilarityStore(T0);
});
afterEach(() => s.close());

/** An OOM's shape over a window: the hottest GPU climbs to `plateau` in the first third, drops at the end; pending swells and drains. */
function oomSamples(fromMs: number, toMs: number, o: { plateau: number; pending: number }): CollectedSample[] {
  const out: CollectedSample[] = [];
  for (let t = fromMs - 10 * MIN; t <= toMs; t += 30_000) {
    const u = Math.max(0, (t - fromMs) / (toMs - fromMs));
    const hot = u > 0.9 ? 0.4 : 0.5 + (o.plateau - 0.5) * Math.min(1, u * 3);
    const pending = o.pending * Math.sin(Math.PI * Math.min(1, u));
    out.push(
      { metric: 'gpu.memory.share', labels: { node: 'gpu-node-01', gpu: '0' }, tMs: t, value: hot },
      { metric: 'gpu.memory.share', labels: { node: 'gpu-node-01', gpu: '1' }, tMs: t, value: 0.2 },
      { metric: 'queue.depth', labels: { queue: 'ocr', state: 'pending' }, tMs: t, value: pending / 2 },
      { metric: 'queue.depth', labels: { queue: 'translation', state: 'pending' }, tMs: t, value: pending / 2 },
      { metric: 'queue.depth', labels: { queue: 'ocr', state: 'active' }, tMs: t, value: 999 },
    );
  }
  return out;
}

function flatSamples(fromMs: number, toMs: number): CollectedSample[] {
  const out: CollectedSample[] = [];
  for (let t = fromMs; t <= toMs; t += 30_000) {
    out.push({ metric: 'gpu.memory.share', labels: { node: 'gpu-node-02', gpu: '0' }, tMs: t, value: 0.3 });
    out.push({ metric: 'queue.depth', labels: { queue: 'default', state: 'pending' }, tMs: t, value: 10 });
  }
  return out;
}

function past(title: string, services: string[], fromMs: number, toMs: number, samples: CollectedSample[]): Incident {
  s.telemetry.store.backfill(s.source, samples);
  return s.declarePast(title, fromMs, toMs, { services });
}

describe('similar past incidents', () => {
  it('ranks ended incidents by shared services and by how alike GPU memory and queue depth moved', () => {
    const p1 = past('GPU OOM on ocr', ['ocr'], T0, T0 + 60 * MIN, oomSamples(T0, T0 + 60 * MIN, { plateau: 0.98, pending: 400 }));
    const p3Start = T0 + 3 * 60 * MIN;
    const p3 = past(
      'GPU OOM on translation',
      ['translation'],
      p3Start,
      p3Start + 20 * MIN,
      oomSamples(p3Start, p3Start + 20 * MIN, { plateau: 0.9, pending: 40 }),
    );
    const p2Start = T0 + 6 * 60 * MIN;
    past('Auth outage', ['auth'], p2Start, p2Start + 30 * MIN, flatSamples(p2Start - 10 * MIN, p2Start + 30 * MIN));

    const now = T0 + 24 * 60 * MIN;
    s.telemetry.store.backfill(s.source, oomSamples(now - 30 * MIN, now, { plateau: 0.97, pending: 250 }));
    s.clock.now = now - 25 * MIN;
    const open = s.incidents.declare({
      title: 'OCR and translation failing',
      summary: '',
      severity: 'SEV1',
      services: ['ocr', 'translation'],
      tenants: [],
      impactStartedAt: now - 30 * MIN,
      detectedAt: null,
    });
    s.clock.now = now;

    const similar = s.similar(open.id, 5);
    expect(similar.map((s) => s.incident.title)).toEqual(['GPU OOM on ocr', 'GPU OOM on translation']);
    const [first, second] = similar;
    expect(first?.incident.id).toBe(p1.id);
    expect(second?.incident.id).toBe(p3.id);
    expect(first?.parts.services).toBe(0.5);
    expect(first?.parts.gpuShape).toBeGreaterThan(0.95);
    // Same course, peaks of 400 and 250 (log-scale size 80% alike).
    expect(first?.parts.queueShape).toBeGreaterThan(0.8);
    expect(second?.parts.gpuShape).toBeLessThan(first?.parts.gpuShape ?? 0);
    expect(first?.reasons).toEqual(expect.arrayContaining(['same services: ocr']));
    expect(first?.reasons.some((r) => /^GPU memory curve \d+% alike$/.test(r))).toBe(true);
    expect(first?.score).toBeCloseTo(
      combineScore(first?.parts ?? { services: null, playbooks: null, gpuShape: null, queueShape: null }),
      10,
    );

    // Ended windows are cached; a second ask reads the cache and answers the same.
    expect(s.db.prepare('SELECT count(*) FROM incident_shapes').pluck().get()).toBe(3);
    expect(s.similar(open.id, 5)).toEqual(similar);
  });
});

describe('shape arithmetic', () => {
  it('resamples into equal steps, taking the hottest series or the sum, with gaps as null', () => {
    const s = (labels: Record<string, string>, pts: [number, number | null][]) => ({
      id: 1,
      sourceId: 1,
      metric: 'm',
      labels,
      points: pts,
    });
    const a = s({ gpu: '0' }, [
      [0, 0.2],
      [50, 0.4],
    ]);
    const b = s({ gpu: '1' }, [
      [0, 0.6],
      [2390, 0.1],
    ]);
    const max = resample([a, b], 0, 2400, 'max');
    expect(max).toHaveLength(STEPS);
    expect(max[0]).toBeCloseTo(0.6);
    expect(max[1]).toBeNull();
    expect(max[STEPS - 1]).toBeCloseTo(0.1);
    const sum = resample([a, b], 0, 2400, 'sum');
    expect(sum[0]).toBeCloseTo(0.3 + 0.6);
  });

  it('compares curves over common steps only, levels in any order, peaks by order of magnitude', () => {
    const up = Array.from({ length: STEPS }, (_, k) => k / STEPS);
    // Step by step: a mean gap of 0.1 against a tolerance of 0.25 is 60% alike.
    expect(
      curveSimilarity(
        up,
        up.map((x) => x + 0.1),
        0.25,
      ),
    ).toBeCloseTo(0.6);
    expect(curveSimilarity([1, 1, null, null, null, null, null], [1, 1, 1, 1, 1, 1, 1], 0.25)).toBeNull();
    // The same levels in another order are alike as levels, not as curves.
    const down = [...up].reverse();
    expect(levelSimilarity(up, down, 0.25)).toBeCloseTo(1);
    expect(curveSimilarity(up, down, 0.25)).toBeCloseTo(0);
    // Peaks of 9 and 99: one order of magnitude apart, nothing alike; 99 and 99, the same.
    const nine = [...Array<number>(10).fill(0), 9];
    const ninetyNine = [...Array<number>(10).fill(0), 99];
    expect(magnitudeSimilarity(nine, ninetyNine)).toBeCloseTo(0);
    expect(magnitudeSimilarity(ninetyNine, ninetyNine)).toBeCloseTo(1);
    expect(smooth([0, 3, 0, null, 6])).toEqual([1.5, 1, 1.5, null, 6]);
    // A saw-tooth and its shifted copy: smoothing makes them alike where raw steps would not be.
    const tooth = Array.from({ length: STEPS }, (_, k) => (k % 2 ? 0.95 : 0.75));
    const shifted = tooth.map((_, k) => tooth[(k + 1) % STEPS] ?? 0);
    expect(gpuSimilarity(tooth, shifted)).toBeGreaterThan(0.85);
    expect(curveSimilarity(tooth, shifted, 0.25)).toBeCloseTo(0.2);
    expect(
      queueSimilarity(
        up.map((x) => x * 500),
        up.map((x) => x * 600),
      ),
    ).toBeGreaterThan(0.9);
    expect(overlap(['OCR', 'translation'], ['ocr'])).toEqual({ score: 0.5, shared: ['OCR'] });
    expect(overlap([], []).score).toBeNull();
    expect(combineScore({ services: 1, playbooks: null, gpuShape: 0, queueShape: null })).toBeCloseTo(0.35 / 0.55);
  });
});
