import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SOURCE_KINDS } from '../../shared/domain/sources';
import { closedPortUrl, json, send, startFakeUpstream, type FakeUpstream } from '../sources/fake-upstream';
import { testSource } from './collector';
import { resolvedSource } from './lab-sources';

let up: FakeUpstream;
beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});
beforeEach(() => up.routes.clear());

const plain = (status: number, body: string) => (_req: unknown, res: Parameters<typeof send>[0]) =>
  send(res, status, body, { 'Content-Type': 'text/plain; charset=utf-8' });

const vector = (n: number) => ({
  status: 'success',
  data: { resultType: 'vector', result: Array.from({ length: n }, (_, i) => ({ metric: { gpu: String(i) }, value: [1, '0.5'] })) },
});

describe('"Test" a source', () => {
  it('Prometheus: version, readiness and one line per query with its series count or error', async () => {
    up.routes.set('GET /-/ready', plain(200, 'Prometheus Server is Ready.\n'));
    up.routes.set('GET /api/v1/status/buildinfo', (_r, res) =>
      json(res, 200, {
        status: 'success',
        data: { version: '2.42.0', revision: 'x', branch: 'HEAD', buildUser: '', buildDate: '', goVersion: 'go1.19' },
      }),
    );
    up.routes.set('GET /api/v1/query', (req, res) =>
      req.query.get('query') === 'broken('
        ? json(res, 400, {
            status: 'error',
            errorType: 'bad_data',
            error: 'invalid parameter "query": 1:8: parse error: unclosed left parenthesis',
          })
        : json(res, 200, vector(12)),
    );
    const queries = [
      { id: 'a', metric: 'gpu.memory.share', title: 'GPU memory', expr: 'DCGM_FI_DEV_FB_USED', enabled: true },
      { id: 'b', metric: 'x', title: 'Broken', expr: 'broken(', enabled: true },
      { id: 'c', metric: 'y', title: 'Off', expr: 'up', enabled: false },
    ];
    const out = await testSource(resolvedSource('prometheus', up.url, { queries }));
    expect(out).toMatchObject({ success: true, summary: 'Prometheus 2.42.0 — ready — 1 of 2 queries returned data', error: null });
    expect(out.warnings).toEqual(['1 of 2 queries failed; the rest answered (see below).']);
    expect(out.details[0]).toBe('GPU memory: 12 series');
    expect(out.details[1]).toMatch(/^Broken: failed — .*parse error: unclosed left parenthesis/);
    expect(out.details).toHaveLength(2);
  });

  it('Prometheus: every query failing, or none returning a series, is not a passed test', async () => {
    up.routes.set('GET /-/ready', plain(200, 'Prometheus Server is Ready.\n'));
    up.routes.set('GET /api/v1/query', (_req, res) =>
      json(res, 422, { status: 'error', errorType: 'execution', error: 'many-to-many matching not allowed' }),
    );
    const queries = [
      { id: 'a', metric: 'gpu.memory.share', title: 'GPU memory', expr: 'a / b', enabled: true },
      { id: 'b', metric: 'queue.depth', title: 'Queues', expr: 'c / d', enabled: true },
    ];
    const failed = await testSource(resolvedSource('prometheus', up.url, { queries }));
    expect(failed).toMatchObject({ success: false, summary: 'Prometheus — ready, but all 2 queries failed', error: { kind: 'http' } });
    expect(failed.error?.message).toMatch(/every query failed \(GPU memory: failed — .*many-to-many/);

    up.routes.set('GET /api/v1/query', (_req, res) => json(res, 200, vector(0)));
    const empty = await testSource(resolvedSource('prometheus', up.url, { queries }));
    expect(empty).toMatchObject({ success: false, summary: 'Prometheus — ready, but no query returned data', error: { kind: 'no-data' } });
    expect(empty.details).toEqual(['GPU memory: 0 series', 'Queues: 0 series']);
  });

  it('an exporter page with no metrics Pitwall reads fails the test, in words', async () => {
    up.routes.set('GET /metrics', (_r, res) =>
      send(res, 200, '# HELP go_goroutines x\n# TYPE go_goroutines gauge\ngo_goroutines 12\n', {
        'Content-Type': 'text/plain; version=0.0.4',
      }),
    );
    const out = await testSource(resolvedSource('exporter-scrape', `${up.url}/metrics`));
    expect(out).toMatchObject({ success: false, summary: 'Exporter: 0 GPUs on 0 nodes', error: { kind: 'no-data' } });
    expect(out.error?.message).toMatch(/has none of the metrics Pitwall reads/);
  });

  it('an AsynqMon that lists no queues fails the test, in words', async () => {
    up.routes.set('GET /api/queues', (_r, res) => send(res, 200, '{"queues":[]}\n', { 'Content-Type': 'text/plain; charset=utf-8' }));
    const out = await testSource(resolvedSource('asynqmon', up.url));
    expect(out).toMatchObject({ success: false, error: { kind: 'no-data' } });
    expect(out.error?.message).toMatch(/lists no queues/);
  });

  it('Loki: no streams fails; a query selecting on a label no stream has warns, with the labels there are', async () => {
    up.routes.set('GET /ready', plain(200, 'ready\n'));
    up.routes.set('GET /loki/api/v1/status/buildinfo', (_r, res) =>
      json(res, 200, { version: '', revision: '', branch: '', buildUser: '', buildDate: '', goVersion: '' }),
    );
    up.routes.set('GET /loki/api/v1/labels', (_r, res) => json(res, 200, { status: 'success' }));
    up.routes.set('GET /loki/api/v1/query', (_r, res) => json(res, 200, { status: 'success', data: { resultType: 'vector', result: [] } }));
    const queries = [
      { id: 'r', metric: 'logs.error_lines', title: 'Errors', expr: 'sum by (job) (count_over_time({job=~".+"} [1m]))', enabled: true },
    ];
    const none = await testSource(resolvedSource('loki', up.url, { queries }));
    expect(none).toMatchObject({ success: false, summary: 'Loki ready', error: { kind: 'no-data' }, labels: [] });

    up.routes.set('GET /loki/api/v1/labels', (_r, res) => json(res, 200, { status: 'success', data: ['app', 'cluster', 'pod'] }));
    const out = await testSource(resolvedSource('loki', up.url, { queries }));
    expect(out).toMatchObject({ success: true, summary: 'Loki ready — 3 stream labels', labels: ['app', 'cluster', 'pod'] });
    expect(out.details).toEqual(['Stream labels: app, cluster, pod', 'Errors: 0 series']);
    expect(out.warnings).toEqual([
      '"Errors" selects on job, which no stream has: choose the label that names your services under Service label.',
    ]);
  });

  it('Prometheus still starting: success false with its own words', async () => {
    up.routes.set('GET /-/ready', (_r, res) =>
      send(res, 503, 'Service Unavailable', { 'Content-Type': 'text/plain; charset=utf-8', 'X-Prometheus-Stopping': 'false' }),
    );
    const out = await testSource(resolvedSource('prometheus', up.url));
    expect(out).toMatchObject({ success: false, error: { kind: 'http' } });
    expect(out.summary).toBe('Prometheus is not ready yet (still starting up): Service Unavailable');
  });

  it('Alertmanager: version and the alerts still demanding attention', async () => {
    const alert = (state: string, silencedBy: string[], name: string) => ({
      labels: { alertname: name, severity: 'page' },
      annotations: { summary: `${name} summary` },
      startsAt: '2026-01-01T10:00:00.000Z',
      endsAt: '2026-01-01T11:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
      fingerprint: name,
      receivers: [{ name: 'null' }],
      status: { state, silencedBy, inhibitedBy: [] },
    });
    up.routes.set('GET /-/ready', plain(200, 'OK'));
    up.routes.set('GET /api/v2/status', (_r, res) => json(res, 200, { versionInfo: { version: '0.25.0' }, uptime: 'x' }));
    up.routes.set('GET /api/v2/alerts', (_r, res) =>
      json(res, 200, [alert('active', [], 'GPUMemHigh'), alert('active', [], 'QueueBacklog'), alert('suppressed', ['s1'], 'Quiet')]),
    );
    const out = await testSource(resolvedSource('alertmanager', up.url));
    expect(out).toMatchObject({ success: true, summary: 'Alertmanager 0.25.0 — 2 alerts firing' });
    expect(out.details).toEqual(['GPUMemHigh (page): GPUMemHigh summary', 'QueueBacklog (page): QueueBacklog summary']);
    expect(up.requests.find((r) => r.path === '/api/v2/alerts')?.query.get('silenced')).toBe('false');
    // A server that will not tell its version still passes the test.
    up.routes.set('GET /api/v2/status', (_r, res) => json(res, 404, 'not found'));
    expect(await testSource(resolvedSource('alertmanager', up.url))).toMatchObject({
      success: true,
      summary: 'Alertmanager — 2 alerts firing',
    });
  });

  it('Loki warming up: success false with the ingester message', async () => {
    up.routes.set('GET /ready', plain(503, 'Ingester not ready: waiting for 15s after being ready\n'));
    const out = await testSource(resolvedSource('loki', up.url));
    expect(out).toMatchObject({ success: false, error: { kind: 'http' } });
    expect(out.summary).toMatch(/^Loki is not ready: Ingester not ready/);
  });

  it.each(SOURCE_KINDS)('%s: a refused connection is an outcome, never a throw', async (kind) => {
    const out = await testSource(resolvedSource(kind, await closedPortUrl()));
    expect(out.success).toBe(false);
    expect(out.error?.kind).toBe('refused');
    expect(out.summary).toMatch(/refused the connection/);
    expect(out.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a base URL that is not a URL is a config error', async () => {
    const out = await testSource(resolvedSource('asynqmon', 'not a url'));
    expect(out).toMatchObject({ success: false, error: { kind: 'config' } });
  });
});
