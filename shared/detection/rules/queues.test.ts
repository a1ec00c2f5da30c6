import { describe, expect, it } from 'vitest';
import { METRICS } from '../../domain/telemetry';
import { frame, gen, ramp } from '../frame-fixtures';
import { DEFAULT_DETECTION_SETTINGS } from '../settings';
import type { FrameSeries } from '../types';
import { gpuContentionRule, queueBacklogRule } from './queues';

const backlog = DEFAULT_DETECTION_SETTINGS.rules['queue-backlog'];
const contention = DEFAULT_DETECTION_SETTINGS.rules['gpu-contention'];
const STALE = 90_000;

interface QueueShape {
  pending: (ago: number) => number;
  active: (ago: number) => number;
  /** Processed-today counter. */
  processed?: (ago: number) => number;
  failed?: (ago: number) => number;
  latency?: (ago: number) => number;
}

function queues(shapes: Record<string, QueueShape>): Record<string, FrameSeries[]> {
  const depth: FrameSeries[] = [];
  const processed: FrameSeries[] = [];
  const failed: FrameSeries[] = [];
  const latency: FrameSeries[] = [];
  for (const [queue, s] of Object.entries(shapes)) {
    depth.push(gen({ queue, state: 'pending' }, s.pending, { sourceId: 2 }));
    depth.push(gen({ queue, state: 'active' }, s.active, { sourceId: 2 }));
    depth.push(gen({ queue, state: 'retry' }, () => 0, { sourceId: 2 }));
    if (s.processed) processed.push(gen({ queue }, s.processed, { sourceId: 2 }));
    if (s.failed) failed.push(gen({ queue }, s.failed, { sourceId: 2 }));
    if (s.latency) latency.push(gen({ queue }, s.latency, { sourceId: 2 }));
  }
  return {
    [METRICS.queueDepth]: depth,
    [METRICS.queueProcessedToday]: processed,
    [METRICS.queueFailedToday]: failed,
    [METRICS.queueLatency]: latency,
  };
}

const healthy: QueueShape = {
  pending: (ago) => (ago % 20 === 0 ? 3 : 0),
  active: (ago) => 4 + (ago % 3),
  processed: ramp(10_000, 10_900),
  failed: ramp(20, 21),
  latency: () => 1,
};
// Translation workers hang: nothing completes, pending climbs, active pinned at 8.
const stuck: QueueShape = {
  pending: ramp(0, 540),
  active: () => 8,
  processed: () => 4_672_373,
  failed: () => 9_154,
  latency: ramp(0, 900),
};
// Contention: everything slower, still completing, failures rare.
const slow = (rate: number): QueueShape => ({
  pending: ramp(0, 60 * rate),
  active: () => 8,
  processed: ramp(1_000, 1_000 + 15 * rate),
  failed: () => 3,
  latency: ramp(10, 10 + 60 * rate),
});

describe('queue-backlog rule', () => {
  it('fires on pending growing with active flat and nothing completing, naming the queue', () => {
    const out = queueBacklogRule(frame(queues({ translation: stuck, echo: healthy })), backlog, STALE);
    expect(out.status.state).toBe('firing');
    const f = out.findings[0];
    expect(f?.affected.queues).toEqual(['translation']);
    expect(f?.evidence[0]?.match).toEqual({ queue: 'translation' });
    expect(f?.evidence[0]?.text).toMatch(
      /^translation: pending 432 → 540 \(\+108\) in the last 3m 00s; active flat at 8; 0 tasks completed/,
    );
  });

  it('near miss: pending grows but the queue is still completing work (contention, not stuck)', () => {
    const out = queueBacklogRule(frame(queues({ echo: slow(10) })), backlog, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('near miss: active moves (workers pick work up), however large pending is', () => {
    const out = queueBacklogRule(frame(queues({ translation: { ...stuck, active: (ago) => 4 + (ago % 4) } })), backlog, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('near miss: a steady large backlog that is not growing', () => {
    const out = queueBacklogRule(frame(queues({ batch: { ...stuck, pending: () => 500 } })), backlog, STALE);
    expect(out.status.state).toBe('clear');
    expect(out.status.detail).toContain('Largest backlog batch: 500 pending (+0');
  });

  it('near miss: growing, but below minPending', () => {
    const out = queueBacklogRule(frame(queues({ ocr: { ...stuck, pending: ramp(0, 90) } })), backlog, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('without completion counters (a bare asynq scrape) flat active and growing pending is enough', () => {
    const { processed: _p, failed: _f, ...bare } = stuck;
    const out = queueBacklogRule(frame(queues({ translation: bare })), backlog, STALE);
    expect(out.status.state).toBe('firing');
    expect(out.findings[0]?.evidence[0]?.text).toContain('completions unknown');
  });

  it('prefers the freshest of two sources for the same queue', () => {
    const shapes = queues({ translation: stuck });
    const staleCopy = gen({ queue: 'translation', state: 'pending' }, () => 0, { sourceId: 1, toSecAgo: 200 });
    const out = queueBacklogRule(
      frame({ ...shapes, [METRICS.queueDepth]: [staleCopy, ...(shapes[METRICS.queueDepth] ?? [])] }),
      backlog,
      STALE,
    );
    expect(out.status.state).toBe('firing');
  });

  it('says "no data" without queue depth', () => {
    expect(queueBacklogRule(frame({}), backlog, STALE).status.state).toBe('no-data');
  });
});

describe('gpu-contention rule', () => {
  it('fires when several queues get slower and grow while jobs complete and rarely fail', () => {
    const out = gpuContentionRule(frame(queues({ echo: slow(10), ocr: slow(8), default: healthy })), contention, STALE);
    expect(out.status.state).toBe('firing');
    expect(out.findings[0]?.affected.queues).toEqual(['echo', 'ocr']);
    expect(out.findings[0]?.severity).toBe('SEV3');
  });

  it('near miss: one slow queue alone is not platform contention', () => {
    const out = gpuContentionRule(frame(queues({ echo: slow(10), default: healthy })), contention, STALE);
    expect(out.status.state).toBe('clear');
    expect(out.status.detail).toContain('echo slowing down without failures; needs 2 queues');
  });

  it('near miss: slow and growing, but failing (that is an outage, not contention)', () => {
    const failing = (rate: number): QueueShape => ({ ...slow(rate), failed: ramp(0, 4 * rate) });
    const out = gpuContentionRule(frame(queues({ echo: failing(10), ocr: failing(8) })), contention, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('near miss: stuck queues (nothing completes) are the backlog rule, not contention', () => {
    const out = gpuContentionRule(frame(queues({ translation: stuck, ocr: stuck })), contention, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('says "no data" without latency series (an exporter-only setup)', () => {
    const { [METRICS.queueLatency]: _l, ...noLatency } = queues({ echo: slow(10) });
    const out = gpuContentionRule(frame(noLatency), contention, STALE);
    expect(out.status.state).toBe('no-data');
    expect(out.status.detail).toContain('AsynqMon');
  });
});
