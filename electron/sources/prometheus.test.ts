import { failure } from './expect-failure';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closedPortUrl,
  connection,
  goError,
  json,
  neverAnswer,
  send,
  startFakeUpstream,
  streamHuge,
  type FakeUpstream,
} from './fake-upstream';
import { PrometheusClient } from './prometheus';
import { MAX_POINTS_PER_SERIES, chooseStep } from './query-step';

let up: FakeUpstream;
let prom: PrometheusClient;

beforeAll(async () => {
  up = await startFakeUpstream();
  prom = PrometheusClient.connect(connection(up.url, { timeoutMs: 500, maxResponseBytes: 1024 * 1024 }));
});
afterAll(async () => {
  prom.close();
  await up.close();
});
beforeEach(() => up.routes.clear());

describe('chooseStep', () => {
  it('keeps every range under 11,000 points and never goes below 1 s', () => {
    const spans = [0, 1_000, 59_000, 3_600_000, 11_000_000, 86_400_000, 7 * 86_400_000, 90 * 86_400_000, 400 * 86_400_000];
    for (const span of spans) {
      const step = chooseStep(1_700_000_000_000, 1_700_000_000_000 + span);
      expect(step).toBeGreaterThanOrEqual(1);
      expect(Math.floor(span / 1000 / step) + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    }
  });

  it('honours a coarser wish and overrides a too-fine one', () => {
    const day = 86_400_000;
    expect(chooseStep(0, day, 60)).toBe(60);
    const forced = chooseStep(0, 30 * day, 1);
    expect(forced).toBeGreaterThan(1);
    expect((30 * day) / 1000 / forced).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
  });
});

describe('queries', () => {
  it('parses an instant vector with NaN and ±Inf kept and counted', async () => {
    up.routes.set('GET /api/v1/query', (_req, res) =>
      json(res, 200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            { metric: { gpu: '0', Hostname: 'gpu-a' }, value: [1435781451.781, '0.5'] },
            { metric: { gpu: '1', hostname: 'gpu-b' }, value: [1435781451.781, 'NaN'] },
            { metric: { gpu: '2' }, value: [1435781451.781, '+Inf'] },
            { metric: { gpu: '3' }, value: [1435781451, '-Inf'] },
            { metric: { gpu: '4' }, value: [1435781451, '1e-07'] },
          ],
        },
        warnings: ['results truncated due to limit'],
      }),
    );
    const reply = await prom.query('x', { timeMs: 1_435_781_451_781 });
    expect(up.requests.at(-1)?.query.get('time')).toBe('1435781451.781');
    expect(reply.warnings).toEqual(['results truncated due to limit']);
    if (reply.data.resultType !== 'vector') throw new Error('expected a vector');
    const values = reply.data.series.map((s) => s.points[0]?.value);
    expect(values[0]).toBe(0.5);
    expect(Number.isNaN(values[1])).toBe(true);
    expect(values[2]).toBe(Number.POSITIVE_INFINITY);
    expect(values[3]).toBe(Number.NEGATIVE_INFINITY);
    expect(values[4]).toBeCloseTo(1e-7);
    expect(reply.data.series.map((s) => s.nonFinite)).toEqual([0, 1, 1, 1, 0]);
    expect(reply.data.series[0]?.points[0]?.tMs).toBe(1_435_781_451_781);
  });

  it('parses scalar results', async () => {
    up.routes.set('GET /api/v1/query', (_req, res) =>
      json(res, 200, { status: 'success', data: { resultType: 'scalar', result: [1700000000.5, '42'] } }),
    );
    const reply = await prom.query('42');
    expect(reply.data).toEqual({ resultType: 'scalar', point: { tMs: 1_700_000_000_500, value: 42 } });
  });

  it('sends a step that keeps a 30-day range under the point limit', async () => {
    up.routes.set('GET /api/v1/query_range', (_req, res) =>
      json(res, 200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: { queue: 'default' },
              values: [
                [1700000000, '1'],
                [1700000060, '2'],
              ],
            },
          ],
        },
      }),
    );
    const startMs = 1_700_000_000_000;
    const endMs = startMs + 30 * 86_400_000;
    const reply = await prom.queryRange('asynq_queue_size', { startMs, endMs, stepSeconds: 1 });
    const q = up.requests.at(-1)?.query;
    const step = Number(q?.get('step'));
    expect((Number(q?.get('end')) - Number(q?.get('start'))) / step).toBeLessThanOrEqual(11_000);
    expect(reply.data.stepSeconds).toBe(step);
    expect(reply.data.series[0]?.points.map((p) => p.value)).toEqual([1, 2]);
  });
});

describe('query_range on the step grid', () => {
  it('sends a start typed with seconds aligned down to a multiple of the step, and says so', async () => {
    up.routes.set('GET /api/v1/query_range', (_req, res) =>
      json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [] } }),
    );
    const typed = Date.UTC(2026, 11, 4, 12, 0, 7);
    const reply = await prom.queryRange('up', { startMs: typed, endMs: typed + 3_600_000, stepSeconds: 15 });
    const q = up.requests.at(-1)?.query;
    expect(q?.get('start')).toBe(String(Date.UTC(2026, 11, 4, 12, 0, 0) / 1000) + '.000');
    expect(q?.get('step')).toBe('15');
    expect(reply.data.startMs).toBe(Date.UTC(2026, 11, 4, 12, 0, 0));
  });
});

describe('alerts, build info, readiness', () => {
  it('parses /api/v1/alerts with %e values', async () => {
    up.routes.set('GET /api/v1/alerts', (_req, res) =>
      json(res, 200, {
        status: 'success',
        data: {
          alerts: [
            {
              labels: { alertname: 'GPUMemHigh' },
              annotations: { summary: 's' },
              state: 'firing',
              activeAt: '2026-01-01T10:00:00.123456789Z',
              value: '9.5e-01',
            },
          ],
        },
      }),
    );
    const [alert] = await prom.alerts();
    expect(alert?.labels.alertname).toBe('GPUMemHigh');
    expect(alert?.state).toBe('firing');
    expect(alert?.value).toBeCloseTo(0.95);
  });

  it('reads build info', async () => {
    up.routes.set('GET /api/v1/status/buildinfo', (_req, res) =>
      json(res, 200, {
        status: 'success',
        data: { version: '2.42.0', revision: 'r', branch: 'b', buildUser: 'u', buildDate: 'd', goVersion: 'go1.19' },
      }),
    );
    expect((await prom.buildInfo()).version).toBe('2.42.0');
  });

  it('treats /-/ready 503 as not ready rather than a failure', async () => {
    up.routes.set('GET /-/ready', (_req, res) => send(res, 503, 'Service Unavailable', { 'X-Prometheus-Stopping': 'false' }));
    expect(await prom.ready()).toEqual({ ready: false, message: 'Service Unavailable', stopping: false });
    up.routes.set('GET /-/ready', (_req, res) => send(res, 200, 'Prometheus Server is Ready.\n'));
    expect(await prom.ready()).toEqual({ ready: true, message: 'Prometheus Server is Ready.' });
  });
});

describe('faults', () => {
  it('explains the plain-text 503 every API call gets before Prometheus is ready', async () => {
    up.routes.set('GET /api/v1/query', (_req, res) => send(res, 503, 'Service Unavailable', { 'X-Prometheus-Stopping': 'false' }));
    const err = await failure(prom.query('up'));
    expect(err).toMatchObject({ kind: 'http', status: 503 });
    expect(err.message).toMatch(/not ready/);
  });

  it('passes on the error envelope of a bad query (400) and an execution error (422)', async () => {
    const msg = 'invalid parameter "query": 1:5: parse error: unexpected end of input';
    up.routes.set('GET /api/v1/query', (_req, res) => json(res, 400, { status: 'error', errorType: 'bad_data', error: msg }));
    const bad = await failure(prom.query('sum('));
    expect(bad).toMatchObject({ kind: 'http', status: 400 });
    expect(bad.message).toContain('bad_data');
    expect(bad.message).toContain('parse error: unexpected end of input');
    up.routes.set('GET /api/v1/query', (_req, res) =>
      json(res, 422, { status: 'error', errorType: 'execution', error: 'many-to-many matching not allowed' }),
    );
    expect((await failure(prom.query('a / b'))).message).toContain('many-to-many');
  });

  it('reports a 500 with a plain-text body from a proxy', async () => {
    up.routes.set('GET /api/v1/query', (_req, res) => goError(res, 500, 'upstream connect error'));
    const err = await failure(prom.query('up'));
    expect(err).toMatchObject({ kind: 'http', status: 500 });
    expect(err.message).toContain('upstream connect error');
  });

  it('rejects malformed JSON and wrong types as malformed, naming the field', async () => {
    up.routes.set('GET /api/v1/query', (_req, res) =>
      send(res, 200, '{"status":"success","data":{', { 'Content-Type': 'application/json' }),
    );
    expect((await failure(prom.query('up'))).kind).toBe('malformed');
    up.routes.set('GET /api/v1/query', (_req, res) =>
      json(res, 200, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 0.5] }] } }),
    );
    const wrong = await failure(prom.query('up'));
    expect(wrong.kind).toBe('malformed');
    expect(wrong.message).toMatch(/result\.0\.value\.1/);
    up.routes.set('GET /api/v1/query', (_req, res) =>
      json(res, 200, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'lots'] }] } }),
    );
    expect((await failure(prom.query('up'))).message).toMatch(/"lots" is not a number/);
  });

  it('times out, refuses, caps and cancels', async () => {
    up.routes.set('GET /api/v1/query', neverAnswer);
    expect((await failure(prom.query('up'))).kind).toBe('timeout');
    const closed = PrometheusClient.connect(connection(await closedPortUrl()));
    expect((await failure(closed.query('up'))).kind).toBe('refused');
    closed.close();
    up.routes.set(
      'GET /api/v1/query',
      streamHuge(50 * 1024 * 1024, () => undefined),
    );
    expect((await failure(prom.query('up'))).kind).toBe('too-large');
    up.routes.set('GET /api/v1/query', neverAnswer);
    const controller = new AbortController();
    const pending = prom.query('up', { signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).kind).toBe('aborted');
  });
});
