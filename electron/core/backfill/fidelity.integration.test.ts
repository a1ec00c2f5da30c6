/**
 * Issue #16 checked end to end: a real Prometheus holding three hours of the lab's history, scraping it
 * live, and Pitwall with that Prometheus as its ONLY source (no exporter-scrape, no AsynqMon) — the most
 * common setup, and the one the seeds assume. Every number is compared with PromQL's own answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail, TimelineEvent } from '../../../shared/domain/incident';
import { formatMetricValue, windowExtremes } from '../../../shared/domain/metric-values';
import type { SourceHealth, SourceView } from '../../../shared/domain/source-config';
import type { SeriesData, SeriesResult, TelemetrySnapshot } from '../../../shared/domain/telemetry';
import { http, waitFor } from '../../lab/test-support';
import { defaultQuery } from '../../sources/default-queries';
import {
  prometheusHistoryUnavailable,
  startPrometheusWithHistory,
  type PrometheusWithHistory,
} from '../../test-support/prometheus-history';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

const skip = prometheusHistoryUnavailable();
if (skip) console.warn(`SKIP fidelity against a real Prometheus: ${skip}`);

const HOUR = 3_600_000;
const STEP = 15_000;

describe.skipIf(skip !== null)('fidelity with Prometheus as the only source', () => {
  let prom: PrometheusWithHistory;
  let core: PitwallCore;
  let cleanup: () => void;
  let source: SourceView;
  /** Before this, every stored point can only have come from a backfill (the poller started here). */
  let addedAt = 0;

  const { call } = coreCalls(() => core);
  const backfills = async (id: number): Promise<TimelineEvent[]> =>
    (await call<IncidentDetail>('incident:get', { id })).timeline.filter((e) => e.kind === 'backfill');
  const gpuShare = (fromMs: number, toMs: number, maxPoints = 20_000): Promise<SeriesResult> =>
    call<SeriesResult>('telemetry:get-series', { metric: 'gpu.memory.share', fromMs, toMs, maxPoints });

  /**
   * Prometheus' own query_range answer for the default GPU share query on its 15 s grid (the start
   * aligned down, as Grafana asks), per node/GPU, as [t, v] pairs.
   */
  async function promShare(fromMs: number, toMs: number): Promise<Map<string, [number, number][]>> {
    const expr = defaultQuery('gpu-memory-share')?.expr ?? '';
    const q = `query=${encodeURIComponent(expr)}&start=${Math.floor(fromMs / STEP) * 15}&end=${toMs / 1000}&step=15`;
    const r = JSON.parse((await http(`${prom.url}/api/v1/query_range?${q}`)).text) as {
      data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
    };
    return new Map(
      r.data.result.map((s) => [`${s.metric.Hostname}/${s.metric.gpu}`, s.values.map(([t, v]): [number, number] => [t * 1000, Number(v)])]),
    );
  }

  /** Stored points before `addedAt` (only backfill wrote there) must be exactly Prometheus' answer: same instants, same values. */
  async function expectBackfilledAsPrometheus(fromMs: number, toMs: number): Promise<number> {
    // The backfill asked from the grid point at or before `fromMs`: read from there too.
    const gridFrom = Math.floor(fromMs / STEP) * STEP;
    const stored = (await gpuShare(gridFrom, toMs)).series;
    const expected = await promShare(gridFrom, toMs);
    expect(stored.length).toBe(12);
    let n = 0;
    for (const s of stored) {
      const mine = s.points.filter(([t]) => t < addedAt);
      expect(
        mine.every(([t]) => t % STEP === 0),
        `${s.labels.node} GPU ${s.labels.gpu} on the grid`,
      ).toBe(true);
      const theirs = expected.get(`${s.labels.node}/${s.labels.gpu}`)?.filter(([t]) => t < addedAt) ?? [];
      expect(mine).toEqual(theirs);
      n += mine.length;
    }
    return n;
  }

  beforeAll(async () => {
    prom = await startPrometheusWithHistory({ historyS: 3 * 3_600, scenario: 'gpu-oom', seed: 5 });
    const t = tempDir();
    cleanup = t.cleanup;
    core = createCore({ dataDir: t.dir, mode: 'browser', version: 'test', operator: 'ic' });
    addedAt = Date.now();
    source = await call<SourceView>('source:save', { name: 'prod', kind: 'prometheus', baseUrl: prom.url, intervalMs: 15_000 });
    expect((await call<SourceHealth>('source:poll-now', { id: source.id })).state).toBe('ok');
  }, 180_000);

  afterAll(async () => {
    await core?.close();
    await prom?.close();
    cleanup?.();
  });

  it('fills the GPU and queue panels from Prometheus alone, equal to PromQL for the same instant, and names the source', async () => {
    const snap = await call<TelemetrySnapshot>('telemetry:get-snapshot');
    expect(snap.panels?.gpus).toEqual({
      candidates: [expect.objectContaining({ name: 'prod', kind: 'prometheus', rows: 12 })],
      missing: null,
    });
    expect(snap.panels?.queues.candidates[0]).toMatchObject({ name: 'prod', kind: 'prometheus', rows: 5 });
    const at = snap.gpus?.at ?? 0;
    const field = async (name: string) => new Map((await prom.query(name, at)).map((r) => [`${r.labels.Hostname}/${r.labels.gpu}`, r]));
    const [used, free, reserved] = await Promise.all([
      field('DCGM_FI_DEV_FB_USED'),
      field('DCGM_FI_DEV_FB_FREE'),
      field('DCGM_FI_DEV_FB_RESERVED'),
    ]);
    expect(snap.gpus?.data).toHaveLength(12);
    for (const g of snap.gpus?.data ?? []) {
      const key = `${g.node}/${g.gpu}`;
      const u = used.get(key);
      const total = (u?.value ?? NaN) + (free.get(key)?.value ?? NaN) + (reserved.get(key)?.value ?? NaN);
      expect(g.usedMiB, key).toBe(u?.value);
      expect(g.totalMiB, key).toBe(total);
      expect(g.share, key).toBe(total > 0 ? (u?.value ?? NaN) / total : null);
      expect(g.model, key).toBe(u?.labels.modelName);
    }
    const depth = await prom.query('sum by (queue, state) (asynq_tasks_enqueued_total)', at);
    expect(snap.queues?.data.map((q) => q.queue).sort()).toEqual([...new Set(depth.map((d) => d.labels.queue))].sort());
    for (const q of snap.queues?.data ?? []) {
      for (const state of ['pending', 'active', 'scheduled', 'retry', 'archived'] as const) {
        expect(q[state], `${q.queue} ${state}`).toBe(depth.find((d) => d.labels.queue === q.queue && d.labels.state === state)?.value);
      }
      expect(q.processedToday).toBeNull();
    }
  });

  let incident: Incident;
  let impact = 0;

  it('backfills a lead-in whose start was typed off the grid onto the grid, equal to Prometheus', async () => {
    impact = prom.historyToMs - 30 * 60_000 + 7_000;
    incident = await call<Incident>('incident:declare', { title: 'GPU OOM on gpu-node-01', severity: 'SEV2', impactStartedAt: impact });
    const [ev] = await waitFor(
      'the lead-in',
      async () => ((await backfills(incident.id)).length > 0 ? backfills(incident.id) : undefined),
      60_000,
    );
    expect(ev?.summary).toMatch(/^Fetched [\d,]+ points \(\d+ series\) from Prometheus 'prod' for .* — lead-in before declaration\.$/);
    const n = await expectBackfilledAsPrometheus(impact - HOUR, incident.declaredAt);
    // 12 GPUs × every 15 s grid point from the aligned lead-in start until Pitwall started polling: none missing.
    const gridFrom = Math.floor((impact - HOUR) / STEP) * STEP;
    expect(n).toBe(12 * (Math.floor((addedAt - 1 - gridFrom) / STEP) + 1));
  });

  it('fills the hour a corrected impact start newly covers, and says so', async () => {
    await call<Incident>('incident:set-time', { id: incident.id, field: 'impactStartedAt', at: impact - HOUR });
    const ev = await waitFor('the correction', async () => (await backfills(incident.id))[1], 60_000);
    expect(ev.summary).toMatch(/^Fetched [\d,]+ points \(\d+ series\) from Prometheus 'prod' for .* — impact start moved earlier\.$/);
    expect(ev.data).toMatchObject({ outcome: 'fetched', fromMs: impact - 2 * HOUR, toMs: impact - HOUR, stepSeconds: 15 });
    const n = await expectBackfilledAsPrometheus(impact - 2 * HOUR, impact - HOUR);
    expect(n).toBeGreaterThanOrEqual(12 * 240);
  });

  it('pins a window whose GPU peak reads as a percentage and queue peak as a count, each at its time', async () => {
    const fromMs = impact - 2 * HOUR;
    const toMs = incident.declaredAt;
    const pin = await call<TimelineEvent>('incident:pin-evidence', {
      kind: 'metric-window',
      id: incident.id,
      metrics: ['gpu.memory.share', 'queue.depth'],
      fromMs,
      toMs,
    });
    const [gpu, queue] = windowExtremes(pin.data.series as SeriesData[]);
    const full = windowExtremes([
      ...(await gpuShare(fromMs, toMs)).series,
      ...(await call<SeriesResult>('telemetry:get-series', { metric: 'queue.depth', fromMs, toMs, maxPoints: 20_000 })).series,
    ]);
    // The pinned copy is downsampled to 400 points a series; its peaks are the stored ones, at the same moments.
    expect(gpu?.max).toEqual(full[0]?.max);
    expect(queue?.max).toEqual(full[1]?.max);
    expect(formatMetricValue('gpu.memory.share', gpu?.max?.value ?? NaN)).toMatch(/^\d{1,3}\.\d %$/);
    expect(formatMetricValue('queue.depth', queue?.max?.value ?? NaN)).toMatch(/^[\d,]+ tasks?$/);
  });

  it('keeps the first moment of each GPU peak when the chart asks for 60 points', async () => {
    const fromMs = impact - 2 * HOUR;
    const toMs = incident.declaredAt;
    const full = (await gpuShare(fromMs, toMs)).series;
    const few = (await gpuShare(fromMs, toMs, 60)).series;
    expect(few.every((s) => s.points.length <= 60)).toBe(true);
    for (const s of full) {
      const [want] = windowExtremes([s]);
      const [got] = windowExtremes(few.filter((x) => x.id === s.id));
      expect(got?.max, `${s.labels.node} GPU ${s.labels.gpu}`).toEqual(want?.max);
    }
  });
});
