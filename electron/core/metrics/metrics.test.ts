import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricFigure, MetricGroup, MetricsReport } from '../../../shared/domain/incident-metrics';
import type { Incident } from '../../../shared/domain/incident';
import { openCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { computeMetrics } from './compute';

const MIN = 60_000;
const at = (iso: string): number => Date.parse(iso);

let h: CoreHarness;
const refs: Record<string, string> = {};

/**
 * A fixture of incidents driven through the channels with a hand-moved clock; the expected figures
 * below are worked out by hand (minutes) from the times written here, including the excluded ones.
 */
async function declare(name: string, o: { at: string; severity: string; impact?: string; detected?: string }): Promise<Incident> {
  h.clock.now = at(o.at);
  const inc = await h.call<Incident>('incident:declare', {
    title: name,
    severity: o.severity,
    impactStartedAt: o.impact ? at(o.impact) : null,
    detectedAt: o.detected ? at(o.detected) : null,
  });
  refs[name] = inc.ref;
  return inc;
}

async function step(inc: Incident, when: string, action: 'ack' | 'resolve'): Promise<void> {
  h.clock.now = at(when);
  if (action === 'ack') await h.call('incident:acknowledge', { id: inc.id });
  else await h.call('incident:set-status', { id: inc.id, status: 'resolved' });
}

beforeEach(async () => {
  h = openCoreHarness(at('2025-01-10T10:00:00Z'));
  // I5: 50 days before "now": only in the 90- and 365-day windows.
  const i5 = await declare('I5', { at: '2025-01-10T10:00:00Z', severity: 'SEV3', impact: '2025-01-10T09:00:00Z' });
  await step(i5, '2025-01-10T11:00:00Z', 'resolve');
  // I1: TTD 5, TTA 7, TTR 70.
  const i1 = await declare('I1', {
    at: '2025-02-05T10:00:00Z',
    severity: 'SEV1',
    impact: '2025-02-05T09:50:00Z',
    detected: '2025-02-05T09:55:00Z',
  });
  await step(i1, '2025-02-05T10:02:00Z', 'ack');
  await step(i1, '2025-02-05T11:00:00Z', 'resolve');
  // I2: TTD 10, TTA 20, TTR 180.
  const i2 = await declare('I2', {
    at: '2025-02-09T10:00:00Z',
    severity: 'SEV1',
    impact: '2025-02-09T09:40:00Z',
    detected: '2025-02-09T09:50:00Z',
  });
  await step(i2, '2025-02-09T10:10:00Z', 'ack');
  await step(i2, '2025-02-09T12:40:00Z', 'resolve');
  // I3: no impact start (TTD excluded); detected = declared 10:00; TTA 3; TTR = resolved − detected = 33.
  const i3 = await declare('I3', { at: '2025-02-14T10:00:00Z', severity: 'SEV2' });
  await step(i3, '2025-02-14T10:03:00Z', 'ack');
  await step(i3, '2025-02-14T10:33:00Z', 'resolve');
  // I4: TTD 30; never acknowledged nor resolved (TTA and TTR excluded).
  await declare('I4', { at: '2025-02-16T10:00:00Z', severity: 'SEV2', impact: '2025-02-16T09:00:00Z', detected: '2025-02-16T09:30:00Z' });
  // I6: detected (09:00) before the recorded impact start (09:30): TTD excluded as negative.
  // Resolving acknowledges it: TTA = 10:30 − 09:00 = 90; TTR = 10:30 − 09:30 = 60.
  const i6 = await declare('I6', {
    at: '2025-02-18T10:00:00Z',
    severity: 'SEV4',
    impact: '2025-02-18T09:30:00Z',
    detected: '2025-02-18T09:00:00Z',
  });
  await step(i6, '2025-02-18T10:30:00Z', 'resolve');
  h.clock.now = at('2025-03-01T00:00:00Z');
});
afterEach(async () => h.close());

function fig(g: MetricGroup | undefined, id: string): MetricFigure {
  const f = g?.figures.find((x) => x.metric === id);
  if (!f) throw new Error(`no ${id}`);
  return f;
}

const minutes = (f: MetricFigure) => ({
  n: f.n,
  median: f.medianMs === null ? null : f.medianMs / MIN,
  p90: f.p90Ms === null ? null : Math.round((f.p90Ms / MIN) * 1000) / 1000,
  mean: f.meanMs === null ? null : Math.round((f.meanMs / MIN) * 1000) / 1000,
});

describe('incident metrics', () => {
  it('match a hand computation over the last 30 days, with the excluded incidents and why', async () => {
    const r = await h.call<MetricsReport>('metrics:get', { windowDays: 30 });
    expect(r.incidents).toBe(5);
    const all = r.overall;
    // MTTD over [5, 10, 30]: median 10; p90 at rank (3−1)·0.9 = 1.8 → 10 + 0.8·(30−10) = 26; mean 15.
    expect(minutes(fig(all, 'mttd'))).toEqual({ n: 3, median: 10, p90: 26, mean: 15 });
    expect(fig(all, 'mttd').excluded.map((e) => [e.ref, e.reason])).toEqual([
      [refs.I3, 'no impact start recorded'],
      [refs.I6, 'detected before the recorded impact start'],
    ]);
    // MTTA over [3, 7, 20, 90]: median (7+20)/2 = 13.5; p90 at 2.7 → 20 + 0.7·70 = 69; mean 30.
    expect(minutes(fig(all, 'mtta'))).toEqual({ n: 4, median: 13.5, p90: 69, mean: 30 });
    expect(fig(all, 'mtta').excluded.map((e) => [e.ref, e.reason])).toEqual([[refs.I4, 'not acknowledged']]);
    // MTTR over [33, 60, 70, 180]: median 65; p90 at 2.7 → 70 + 0.7·110 = 147; mean 343/4 = 85.75.
    expect(minutes(fig(all, 'mttr'))).toEqual({ n: 4, median: 65, p90: 147, mean: 85.75 });
    expect(fig(all, 'mttr').excluded.map((e) => [e.ref, e.reason])).toEqual([[refs.I4, 'not resolved yet']]);
    expect(fig(all, 'mttr').samples.find((s) => s.ref === refs.I3)?.basis).toBe('resolved − detected');
    // MTBF: starts 02-05 09:50, 02-09 09:40, 02-14 10:00, 02-16 09:00, 02-18 09:30 →
    // gaps 5750, 7220, 2820, 2910: median (2910+5750)/2 = 4330; p90 at 2.7 → 5750 + 0.7·1470 = 6779; mean 4675.
    expect(minutes(fig(all, 'mtbf'))).toEqual({ n: 4, median: 4330, p90: 6779, mean: 4675 });
    expect(fig(all, 'mtbf').excluded.map((e) => e.ref)).toEqual([refs.I1]);
    expect(fig(all, 'mtbf').samples.map((s) => s.basis)).toEqual([
      `since ${refs.I1}`,
      `since ${refs.I2}`,
      `since ${refs.I3}`,
      `since ${refs.I4}`,
    ]);

    // By severity: SEV1 is I1 and I2.
    const sev1 = r.bySeverity.find((g) => g.key === 'SEV1');
    expect(minutes(fig(sev1, 'mttd'))).toEqual({ n: 2, median: 7.5, p90: 9.5, mean: 7.5 });
    expect(minutes(fig(sev1, 'mttr'))).toEqual({ n: 2, median: 125, p90: 169, mean: 125 });
    const sev3 = r.bySeverity.find((g) => g.key === 'SEV3');
    expect(sev3?.incidents).toBe(0);
    expect(minutes(fig(sev3, 'mttr'))).toEqual({ n: 0, median: null, p90: null, mean: null });

    // Formulas are printed with every figure.
    expect(fig(all, 'mttd').formula).toBe('detected − impact start');
    expect(fig(all, 'mtbf').formula).toMatch(/^start of an incident − start of the one before it/);
    expect(r.typeNote).toMatch(/no breakdown by incident type/);

    // Weekly counts from Monday 2025-01-27: I1 and I2 in the week of 02-03, I3 and I4 in 02-10, I6 in 02-17.
    expect(r.bucket).toBe('week');
    expect(r.counts.map((c) => [new Date(c.startMs).toISOString().slice(0, 10), c.total])).toEqual([
      ['2025-01-27', 0],
      ['2025-02-03', 2],
      ['2025-02-10', 2],
      ['2025-02-17', 1],
      ['2025-02-24', 0],
    ]);
    expect(r.counts[1]?.bySeverity).toEqual({ SEV1: 2, SEV2: 0, SEV3: 0, SEV4: 0 });
  });

  it('widen with the window, and an empty window has no figures rather than zeros', async () => {
    const r90 = await h.call<MetricsReport>('metrics:get', { windowDays: 90 });
    expect(r90.incidents).toBe(6);
    expect(fig(r90.overall, 'mttd').n).toBe(4);
    expect(r90.bucket).toBe('week');
    const r365 = await h.call<MetricsReport>('metrics:get', { windowDays: 365 });
    expect(r365.bucket).toBe('month');

    h.clock.now = at('2027-01-01T00:00:00Z');
    const empty = await h.call<MetricsReport>('metrics:get', { windowDays: 30 });
    expect(empty.incidents).toBe(0);
    for (const f of empty.overall.figures) expect([f.n, f.medianMs, f.p90Ms, f.meanMs]).toEqual([0, null, null, null]);
    expect((await h.failure('metrics:get', { windowDays: 7 })).message).toMatch(/30, 90, 365/);
  });

  it('break down by the playbooks incidents ran, not by the checklists every incident gets', () => {
    const t = (m: number) => Date.UTC(2025, 1, 1) + m * MIN;
    const base = { acknowledgedAt: null, mitigatedAt: null, closedAt: null, impactStartedAt: null, detectedAt: null };
    const incidents = [1, 2, 3].map((id) => ({
      id,
      ref: `INC-${id}`,
      title: `i${id}`,
      severity: 'SEV2' as const,
      times: { ...base, declaredAt: t(id * 100), resolvedAt: t(id * 100 + id * 10) },
    }));
    const types = new Map([
      [1, [{ id: 'gpu-oom', label: 'GPU OOM / VRAM fragmentation' }]],
      [2, [{ id: 'gpu-oom', label: 'GPU OOM / VRAM fragmentation' }]],
    ]);
    const r = computeMetrics(incidents, types, 30, t(1_000));
    expect(r.byType.map((g) => [g.key, g.incidents])).toEqual([
      ['gpu-oom', 2],
      ['untyped', 1],
    ]);
    // TTR from declared (no impact start, no detection): 10 and 20 minutes.
    expect(minutes(fig(r.byType[0], 'mttr'))).toEqual({ n: 2, median: 15, p90: 19, mean: 15 });
  });
});
