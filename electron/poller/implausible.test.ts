import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../shared/domain/source-config';
import type { SourceKind } from '../../shared/domain/sources';
import { METRICS } from '../../shared/domain/telemetry';
import { openTestStore, addSource } from '../store/test-fixtures';
import { TelemetryStore } from '../store/telemetry/telemetry-store';
import { json, send, startFakeUpstream, type FakeUpstream, type Route } from '../sources/fake-upstream';
import { ASYNQ_QUEUES } from '../sources/recorded-samples';
import { FakeClock } from './clock';
import { resolvedSource } from './lab-sources';
import { Poller } from './poller';
import { METRIC_DOMAINS } from './sample-domain';

/**
 * Upstreams that send impossible numbers (+Inf, 1e999, shares of -5 or 1e15, negative MiB, queue
 * depths of ±1e15, active -1, latency -5 ms, negative restart and error-line counts), one per source
 * kind, polled into a real SQLite store: nothing outside its metric's domain is stored, the values
 * that are fine are, and the source reads degraded saying which series and why.
 */

let up: FakeUpstream;
let poller: Poller | null = null;
let store: ReturnType<typeof openTestStore>;
beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});
afterEach(async () => {
  await poller?.stop();
  poller = null;
  store.close();
  up.routes.clear();
});

const vector = (rows: [Record<string, string>, string][]) => ({
  status: 'success',
  data: { resultType: 'vector', result: rows.map(([metric, v]) => ({ metric, value: [1_800_000_000, v] })) },
});

async function pollOnce(kind: SourceKind, routes: Record<string, Route>, queries: { id: string; metric: string; expr: string }[] = []) {
  store = openTestStore();
  const id = addSource(store.db, `${kind} upstream`);
  for (const [k, r] of Object.entries(routes)) up.routes.set(k, r);
  const source = resolvedSource(kind, up.url, {
    id,
    name: 'prod',
    queries: queries.map((q) => ({ ...q, title: q.id, enabled: true })),
    connection: { baseUrl: up.url, auth: { kind: 'none' }, timeoutMs: 1_000 },
  });
  const clock = new FakeClock(1_800_000_000_000);
  const sink = new TelemetryStore(store.db);
  poller = new Poller({ sources: () => [source], sink, clock, random: () => 0.5 });
  poller.start();
  clock.advanceTo(clock.nextAt() ?? clock.now());
  await poller.idle();
  const health = poller.health(id) as SourceHealth;
  const stored = store.db
    .prepare(
      `SELECT s.metric, s.labels, r.value FROM samples_recent r JOIN series s ON s.id = r.series_id
       UNION ALL SELECT s.metric, s.labels, x.value FROM samples x JOIN series s ON s.id = x.series_id`,
    )
    .all() as { metric: string; labels: string; value: number | null }[];
  const snapshots = store.db.prepare('SELECT kind, json FROM snapshots').all() as { kind: string; json: string }[];
  return { health, stored, snapshots };
}

function expectAllInDomain(stored: { metric: string; value: number | null }[]): void {
  for (const s of stored) {
    if (s.value === null) continue;
    expect(Number.isFinite(s.value), `${s.metric} ${s.value}`).toBe(true);
    const d = METRIC_DOMAINS[s.metric];
    if (d) expect(s.value >= Math.max(0, d.min) && s.value <= Math.min(1e9, d.max), `${s.metric} ${s.value}`).toBe(true);
  }
}

/** One poll of a Loki whose error-line count query answers `rows`. */
const pollLoki = (rows: [Record<string, string>, string][]) =>
  pollOnce('loki', { 'GET /loki/api/v1/query': (_r, res) => json(res, 200, vector(rows)) }, [
    { id: 'rate', metric: METRICS.logErrorLines, expr: 'sum by (app) (count_over_time({app=~".+"}[1m]))' },
  ]);

describe('implausible values are never stored, and the source says so', () => {
  it('Prometheus: +Inf, -Inf, 1e999, shares of -5 and 1e15, negative restarts', async () => {
    const { health, stored } = await pollOnce(
      'prometheus',
      {
        'GET /api/v1/query': (req, res) => {
          const q = req.query.get('query');
          if (q === 'share')
            json(
              res,
              200,
              vector([
                [{ Hostname: 'n1', gpu: '0' }, '+Inf'],
                [{ Hostname: 'n1', gpu: '1' }, '1e999'],
                [{ Hostname: 'n1', gpu: '2' }, '-5'],
                [{ Hostname: 'n1', gpu: '3' }, '1e15'],
                [{ Hostname: 'n1', gpu: '4' }, '0.5'],
                [{ Hostname: 'n1', gpu: '5' }, 'NaN'],
                [{ Hostname: 'n1', gpu: '6' }, '1.0000000001'],
              ]),
            );
          else if (q === 'restarts') json(res, 200, vector([[{ namespace: 'a', pod: 'p', container: 'c' }, '-3']]));
          else json(res, 200, vector([[{ job: 'x' }, '-Inf']]));
        },
        'GET /api/v1/alerts': (_r, res) => json(res, 200, { status: 'success', data: { alerts: [] } }),
      },
      [
        { id: 'share', metric: METRICS.gpuMemoryShare, expr: 'share' },
        { id: 'restarts', metric: METRICS.podRestarts, expr: 'restarts' },
        { id: 'mine', metric: 'my.metric', expr: 'mine' },
      ],
    );
    expectAllInDomain(stored);
    const shares = stored.filter((s) => s.metric === METRICS.gpuMemoryShare);
    // 0.5 kept, NaN kept as a gap, 1 + 1e-10 is float noise stored as 1; the four impossible ones are gone.
    expect(shares.map((s) => s.value).sort()).toEqual([0.5, 1, null]);
    expect(stored.filter((s) => s.metric !== METRICS.gpuMemoryShare)).toEqual([]);
    expect(health.state).toBe('degraded');
    expect(health.lastError?.message).toMatch(
      /^2 GPU memory used values not finite \(±Inf\) from Prometheus "prod", not stored \(e\.g\. gpu="0",node="n1": \+Inf\) \(and 3 more\)$/,
    );
  });

  it('Loki: NaN error-line counts (a count never is) read degraded in words and are not stored, not even as a gap', async () => {
    const { health, stored } = await pollLoki([
      [{ app: 'echo' }, 'NaN'],
      [{ app: 'auth' }, '2'],
    ]);
    expect(stored.map((s) => [JSON.parse(s.labels) as unknown, s.value])).toEqual([[{ service: 'auth' }, 2]]);
    expect(health.state).toBe('degraded');
    expect(health.lastError?.message).toMatch(
      /^1 error log lines value not a number \(NaN, which a count never is\) from Loki "prod", not stored \(e\.g\. service="echo": NaN\)$/,
    );
  });

  it('Loki: negative and infinite error-line counts', async () => {
    const { health, stored } = await pollLoki([
      [{ app: 'echo' }, '-4'],
      [{ app: 'ocr' }, '+Inf'],
      [{ app: 'auth' }, '7'],
    ]);
    expectAllInDomain(stored);
    expect(stored.map((s) => [JSON.parse(s.labels) as unknown, s.value])).toEqual([[{ service: 'auth' }, 7]]);
    expect(health.state).toBe('degraded');
    expect(health.lastError?.message).toMatch(/error log lines value.* from Loki "prod", not stored/);
  });

  it('AsynqMon: depth ±1e15, active -1, latency -5 ms, 1e999 leave the snapshot and the samples', async () => {
    const queues = (JSON.parse(ASYNQ_QUEUES) as { queues: Record<string, unknown>[] }).queues;
    const body = JSON.stringify({
      queues: [
        { ...queues[0], queue: 'huge', pending: 1e15 },
        { ...queues[1], queue: 'negative', active: -1 },
        { ...queues[2], queue: 'early', latency_msec: -5 },
        { ...queues[3], queue: 'fine' },
      ],
    }).replace('"pending":1000000000000000', '"pending":1e999');
    const { health, stored, snapshots } = await pollOnce('asynqmon', {
      'GET /api/queues': (_r, res) => send(res, 200, `${body}\n`, { 'Content-Type': 'text/plain; charset=utf-8' }),
    });
    expectAllInDomain(stored);
    expect(new Set(stored.map((s) => (JSON.parse(s.labels) as { queue: string }).queue))).toEqual(new Set(['fine']));
    const snapshot = JSON.parse(snapshots.find((s) => s.kind === 'queues')?.json ?? '[]') as { queue: string }[];
    expect(snapshot.map((q) => q.queue)).toEqual(['fine']);
    expect(health.state).toBe('degraded');
    expect(health.lastError?.message).toMatch(
      /queue pending value not finite \(±Inf\) from AsynqMon "prod", not stored \(e\.g\. queue="huge": \+Inf\) \(and 2 more\)/,
    );
  });

  it('exporter: negative framebuffer MiB and a total of 1e15 never become a GPU or a node share', async () => {
    const page = [
      '# TYPE DCGM_FI_DEV_FB_USED gauge',
      'DCGM_FI_DEV_FB_USED{gpu="0",Hostname="n1"} -5',
      'DCGM_FI_DEV_FB_USED{gpu="1",Hostname="n1"} 1000',
      'DCGM_FI_DEV_FB_USED{gpu="2",Hostname="n1"} +Inf',
      '# TYPE DCGM_FI_DEV_FB_FREE gauge',
      'DCGM_FI_DEV_FB_FREE{gpu="0",Hostname="n1"} 999999999999995',
      'DCGM_FI_DEV_FB_FREE{gpu="1",Hostname="n1"} 3000',
      'DCGM_FI_DEV_FB_FREE{gpu="2",Hostname="n1"} 100',
      '# TYPE kube_pod_container_status_restarts_total counter',
      'kube_pod_container_status_restarts_total{namespace="a",pod="p",container="c"} -2',
      '',
    ].join('\n');
    const { health, stored, snapshots } = await pollOnce('exporter-scrape', {
      'GET /metrics': (_r, res) => send(res, 200, page, { 'Content-Type': 'text/plain; version=0.0.4' }),
    });
    expectAllInDomain(stored);
    const gpus = JSON.parse(snapshots.find((s) => s.kind === 'gpus')?.json ?? '[]') as { gpu: string; usedMiB: number }[];
    expect(gpus.map((g) => g.gpu)).toEqual(['1']);
    expect(stored.filter((s) => s.metric === METRICS.gpuMemoryShare).map((s) => s.value)).toEqual([0.25]);
    // The node share is GPU 1's alone: the impossible GPUs are not averaged in.
    expect(stored.filter((s) => s.metric === METRICS.nodeGpuMemoryShare).map((s) => s.value)).toEqual([0.25]);
    expect(stored.filter((s) => s.metric === METRICS.podRestarts)).toEqual([]);
    expect(health.state).toBe('degraded');
    expect(health.lastError?.message).toMatch(/GPU memory MiB value.* from the exporter "prod", not stored/);
  });
});
