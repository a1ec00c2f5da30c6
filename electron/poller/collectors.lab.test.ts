import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS, QUEUE_STATES } from '../../shared/domain/telemetry';
import { startLab, type Lab } from '../lab/lab';
import { LAB_TEST_START_MS } from '../lab/test-support';
import { queueCounts } from '../lab/sim/queue-step';
import { createCollector, type Collector } from './collector';
import { DEMO_SOURCES, LAB_ERROR_RATE } from '../core/demo/demo-sources';
import { resolvedSource } from './lab-sources';
import type { Collection } from './types';

let lab: Lab;
const collectors: Collector[] = [];

function collector(...args: Parameters<typeof resolvedSource>): Collector {
  const c = createCollector(resolvedSource(...args));
  collectors.push(c);
  return c;
}

function collect(c: Collector): Promise<Collection> {
  return c.collect(new AbortController().signal, lab.engine.nowMs);
}

function byMetric(collection: Collection, metric: string) {
  return collection.samples.filter((s) => s.metric === metric);
}

beforeAll(async () => {
  // A fixed start: the Loki test reads the last minute's error lines (see LAB_TEST_START_MS).
  lab = await startLab({ seed: 7, scenario: 'baseline', speed: 0, startMs: LAB_TEST_START_MS });
  lab.engine.advance(120);
});
afterAll(async () => {
  for (const c of collectors) c.close();
  await lab.close();
});

describe('exporter-scrape collector against the lab', () => {
  it('reads every GPU, node, queue, pod and filesystem with the documented keys and labels', async () => {
    const c = collector('exporter-scrape', `${lab.url}/metrics`);
    const got = await collect(c);
    const world = lab.engine.world;
    expect(got.partialErrors).toEqual([]);

    const gpuSamples = byMetric(got, METRICS.gpuMemoryShare);
    expect(gpuSamples).toHaveLength(world.gpus.length);
    for (const g of world.gpus) {
      const s = gpuSamples.find((x) => x.labels['node'] === g.node && x.labels['gpu'] === String(g.index));
      expect(s?.labels).toEqual({ node: g.node, gpu: String(g.index), model: g.modelName });
      expect(s?.value).toBeCloseTo(g.usedMiB / g.totalMiB, 9);
      expect(s?.tMs).toBe(world.nowMs);
    }
    const nodes = byMetric(got, METRICS.nodeGpuMemoryShare);
    expect(nodes.map((n) => n.labels)).toEqual([{ node: 'gpu-node-01' }, { node: 'gpu-node-02' }, { node: 'gpu-node-03' }]);
    const n1 = world.gpus.filter((g) => g.node === 'gpu-node-01');
    expect(nodes[0]?.value).toBeCloseTo(n1.reduce((a, g) => a + g.usedMiB, 0) / n1.reduce((a, g) => a + g.totalMiB, 0), 9);

    const depth = byMetric(got, METRICS.queueDepth);
    expect(depth).toHaveLength(world.queues.length * QUEUE_STATES.length);
    for (const q of world.queues) {
      const counts = queueCounts(q, world.nowMs);
      const pending = depth.find((d) => d.labels['queue'] === q.name && d.labels['state'] === 'pending');
      expect(pending?.value).toBe(counts.pending);
    }
    expect(depth.some((d) => d.labels['state'] === 'completed')).toBe(false);

    const restarts = byMetric(got, METRICS.podRestarts);
    expect(restarts).toHaveLength(world.pods.length);
    expect(Object.keys(restarts[0]?.labels ?? {}).sort()).toEqual(['container', 'namespace', 'pod']);
    const fs = byMetric(got, METRICS.fsUsedShare);
    expect(fs.length).toBeGreaterThan(0);
    for (const f of fs) {
      expect(Object.keys(f.labels).sort()).toEqual(['fstype', 'mountpoint', 'node']);
      expect(f.value).toBeGreaterThanOrEqual(0);
      expect(f.value).toBeLessThanOrEqual(1);
    }
    expect(byMetric(got, METRICS.fsDeviceError)).toHaveLength(world.filesystems.length);

    expect(got.gpus).toHaveLength(world.gpus.length);
    const held = got.gpus?.find((g) => g.pod !== null);
    const pod = world.pods.find((p) => p.name === held?.pod);
    expect(pod?.node).toBe(held?.node);
    expect(String(pod?.gpu)).toBe(held?.gpu);
    expect(held?.namespace).toBe(pod?.namespace);
  });

  it('reads the gateway and identity-provider counters the auth panel needs, summed as the default PromQL', async () => {
    const got = await collect(collector('exporter-scrape', `${lab.url}/metrics`));
    const world = lab.engine.world;
    const requests = byMetric(got, METRICS.gatewayRequests);
    expect(requests.length).toBe(Object.keys(world.auth.requests).length);
    for (const [key, count] of Object.entries(world.auth.requests)) {
      const [service, code] = key.split('|');
      expect(requests.find((r) => r.labels['service'] === service && r.labels['code'] === code)?.value).toBe(count);
    }
    const failures = byMetric(got, METRICS.authTokenFailures);
    expect(failures.map((f) => [f.labels['provider'], f.value]).sort()).toEqual(
      Object.entries(world.auth.validationFailures).sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(
      byMetric(got, METRICS.authProviderUp)
        .map((u) => [u.labels['provider'], u.value])
        .sort(),
    ).toEqual([
      ['ad', 1],
      ['keycloak', 1],
      ['local', 1],
    ]);
  });

  it('accepts the DCGM-only page and a base URL without /metrics', async () => {
    const dcgm = await collect(collector('exporter-scrape', `${lab.url}/dcgm/metrics`));
    expect(byMetric(dcgm, METRICS.gpuMemoryShare)).toHaveLength(12);
    expect(byMetric(dcgm, METRICS.queueDepth)).toEqual([]);
    const root = await collect(collector('exporter-scrape', lab.url));
    expect(byMetric(root, METRICS.queueDepth).length).toBeGreaterThan(0);
  });

  it('says what the page holds', async () => {
    const out = await collector('exporter-scrape', `${lab.url}/metrics`).test(new AbortController().signal);
    expect(out.success).toBe(true);
    expect(out.summary).toBe('Exporter: 12 GPUs on 3 nodes');
    expect(out.details.join('\n')).toMatch(/asynq: 5 queues/);
  });
});

describe('asynqmon collector against the lab', () => {
  it('turns /api/queues into queue samples and the queue snapshot', async () => {
    const got = await collect(collector('asynqmon', `${lab.url}/api`));
    const world = lab.engine.world;
    expect(got.queues?.map((q) => q.queue).sort()).toEqual(world.queues.map((q) => q.name).sort());
    for (const q of world.queues) {
      const counts = queueCounts(q, world.nowMs);
      const stat = got.queues?.find((s) => s.queue === q.name);
      expect(stat).toMatchObject({ pending: counts.pending, active: counts.active, retry: counts.retry, paused: q.paused });
      const latency = got.samples.find((s) => s.metric === METRICS.queueLatency && s.labels['queue'] === q.name);
      expect(latency?.value).toBe(counts.latencyMs / 1000);
    }
    expect(byMetric(got, METRICS.queueDepth)).toHaveLength(world.queues.length * 5);
    expect(byMetric(got, METRICS.queuePaused).every((s) => s.value === 0 || s.value === 1)).toBe(true);
  });

  it('counts queues and paused ones in its test line', async () => {
    const c = collector('asynqmon', lab.url);
    await fetch(`${lab.url}/api/queues/batch:pause`, { method: 'POST' });
    const out = await c.test(new AbortController().signal);
    await fetch(`${lab.url}/api/queues/batch:resume`, { method: 'POST' });
    expect(out).toMatchObject({ success: true, summary: 'AsynqMon: 5 queues (1 paused)', error: null });
    expect(out.details.find((d) => d.startsWith('batch:'))).toMatch(/paused$/);
  });
});

describe('loki collector against the lab', () => {
  it('polls metric queries as instant queries and skips log queries', async () => {
    // The demo profile's queries, plus a log-line query that must not be polled.
    const demo = DEMO_SOURCES.find((d) => d.kind === 'loki')?.queries ?? [];
    expect(demo).toContainEqual(LAB_ERROR_RATE);
    const queries = [...demo, { ...LAB_ERROR_RATE, id: 'lines', expr: '{app="ocr-worker"}' }];
    lab.engine.setScenario('gpu-oom');
    lab.engine.advance(300);
    const got = await collect(collector('loki', `${lab.url}/loki/api/v1`, { queries }));
    expect(got.partialErrors).toEqual([]);
    const rate = byMetric(got, METRICS.logErrorLines);
    expect(rate.length).toBeGreaterThan(0);
    for (const s of rate) {
      // Grouped by app; the one grouping label is stored as the service.
      expect(Object.keys(s.labels)).toEqual(['service']);
      expect(s.value).toBeGreaterThan(0);
    }
  });

  it('reports readiness and label count', async () => {
    const out = await collector('loki', lab.url, { queries: [LAB_ERROR_RATE] }).test(new AbortController().signal);
    expect(out.success).toBe(true);
    expect(out.summary).toMatch(/^Loki 2\.8\.11 ready — \d+ stream labels$/);
    expect(out.details[0]).toMatch(/^Stream labels: app, .*job/);
    expect(out.details[1]).toMatch(/^Error lines per app \(per minute\): \d+ series$/);
    expect(out.labels).toContain('app');
    expect(out.warnings).toEqual([]);
  });
});

describe('the gpu-oom scenario through the collectors', () => {
  it('shows gpu-node-01 memory climbing and queue depth rising over simulated minutes', async () => {
    const oom = await startLab({ seed: 11, scenario: 'gpu-oom', speed: 0 });
    try {
      const exporter = collector('exporter-scrape', `${oom.url}/metrics`);
      const asynq = collector('asynqmon', oom.url);
      const node01: number[] = [];
      const backlog: number[] = [];
      for (let minute = 0; minute < 8; minute += 1) {
        const [page, queues] = await Promise.all([
          exporter.collect(new AbortController().signal, oom.engine.nowMs),
          asynq.collect(new AbortController().signal, oom.engine.nowMs),
        ]);
        node01.push(page.samples.find((s) => s.metric === METRICS.nodeGpuMemoryShare && s.labels['node'] === 'gpu-node-01')?.value ?? NaN);
        backlog.push(
          queues.samples.filter((s) => s.metric === METRICS.queueDepth && s.labels['state'] === 'pending').reduce((a, s) => a + s.value, 0),
        );
        oom.engine.advance(60);
      }
      expect(Math.max(...node01.slice(1))).toBeGreaterThan((node01[0] ?? 1) + 0.05);
      expect(Math.max(...backlog.slice(4))).toBeGreaterThan(backlog[0] ?? Infinity);
    } finally {
      await oom.close();
    }
  });
});

describe('what detection reads, through the collectors', () => {
  it('stores the GPU XID per GPU (0 on a healthy fleet, 79 where a GPU fell off the bus)', async () => {
    const failing = await startLab({ seed: 11, scenario: 'gpu-node-failure', speed: 0 });
    try {
      const exporter = collector('exporter-scrape', `${failing.url}/metrics`);
      failing.engine.advance(30);
      const xid = byMetric(await exporter.collect(new AbortController().signal, failing.engine.nowMs), METRICS.gpuXid);
      expect(xid).toHaveLength(failing.engine.world.gpus.length);
      expect(xid.filter((s) => s.value !== 0).map((s) => [s.labels['node'], s.labels['gpu'], s.value])).toEqual([['gpu-node-02', '0', 79]]);
    } finally {
      await failing.close();
    }
  });

  it('counts 401 / token-validation failure lines per app with the default Loki query', async () => {
    const outage = await startLab({ seed: 11, scenario: 'baseline', speed: 0 });
    try {
      const auth = DEMO_SOURCES.find((d) => d.kind === 'loki')?.queries.find((q) => q.metric === METRICS.logAuthFailures);
      expect(auth).toBeDefined();
      const loki = collector('loki', outage.url, { queries: auth ? [auth] : [] });
      outage.engine.advance(120);
      const before = byMetric(await loki.collect(new AbortController().signal, outage.engine.nowMs), METRICS.logAuthFailures);
      expect(before).toEqual([]);
      outage.engine.setScenario('auth-outage');
      outage.engine.advance(90);
      const during = byMetric(await loki.collect(new AbortController().signal, outage.engine.nowMs), METRICS.logAuthFailures);
      // Grouped by the demo source's service label (app), which the auth rule reads as the service.
      expect(during.map((s) => s.labels)).toEqual([{ app: 'api-gateway' }]);
      expect(during[0]?.value).toBeGreaterThan(60);
    } finally {
      await outage.close();
    }
  });
});
