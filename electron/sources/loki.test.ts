import { failure } from './expect-failure';
import type http from 'node:http';
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
import { LokiClient, msToNs, nsToMs } from './loki';
import { LOKI_BUILDINFO, LOKI_LABELS, LOKI_MATRIX, LOKI_STREAMS } from './recorded-samples';

let up: FakeUpstream;
let loki: LokiClient;

function asJson(body: string) {
  return (_req: unknown, res: http.ServerResponse): void => send(res, 200, body, { 'Content-Type': 'application/json' });
}

const window = { startMs: 1_795_362_000_000, endMs: 1_795_365_600_000 };

beforeAll(async () => {
  up = await startFakeUpstream();
  loki = LokiClient.connect(connection(up.url, { timeoutMs: 500, maxResponseBytes: 1024 * 1024, headers: { 'X-Scope-OrgID': 'echo' } }));
});
afterAll(async () => {
  loki.close();
  await up.close();
});
beforeEach(() => up.routes.clear());

describe('nanosecond timestamps', () => {
  it('converts without float rounding, both ways', () => {
    // 2^53 is about 9.007e15: nanosecond values are far beyond it, so BigInt does the division.
    expect(nsToMs('1795362335123456789')).toBe(1_795_362_335_123);
    expect(msToNs(1_795_362_335_123)).toBe('1795362335123000000');
  });
});

describe('query_range (recorded Loki 2.8 bodies)', () => {
  it('parses streams, keeping exact ns strings, and sends ns start/end, step and the tenant header', async () => {
    up.routes.set('GET /loki/api/v1/query_range', asJson(LOKI_STREAMS));
    const reply = await loki.queryRange('{app="checkout"}', { ...window, limit: 50 });
    const seen = up.requests.at(-1);
    expect(seen?.headers['x-scope-orgid']).toBe('echo');
    expect(seen?.query.get('start')).toBe(msToNs(window.startMs));
    expect(seen?.query.get('limit')).toBe('50');
    expect(seen?.query.get('direction')).toBe('backward');
    expect(Number(seen?.query.get('step'))).toBeGreaterThan(0);
    if (reply.data.resultType !== 'streams') throw new Error('expected streams');
    const expected = JSON.parse(LOKI_STREAMS) as { data: { result: Array<{ values: string[][] }> } };
    const entries = reply.data.streams.flatMap((s) => s.entries);
    const raw = expected.data.result.flatMap((r) => r.values);
    expect(entries.map((e) => e.tsNs)).toEqual(raw.map((v) => v[0]));
    expect(entries.map((e) => e.line)).toEqual(raw.map((v) => v[1]));
    for (const e of entries) expect(e.tsMs).toBe(Number(BigInt(e.tsNs) / 1_000_000n));
    expect(reply.data.streams[1]?.labels.level).toBe('error');
  });

  it('keeps structured metadata from the third element of an entry', async () => {
    const body = {
      status: 'success',
      data: {
        resultType: 'streams',
        encodingFlags: ['categorize-labels'],
        result: [
          {
            stream: { app: 'ocr' },
            values: [
              ['1795362335123456789', 'CUDA out of memory', { structuredMetadata: { trace_id: 'abc' }, parsed: { level: 'error' } }],
              ['1795362335000000001', 'plain', {}],
            ],
          },
        ],
        stats: {},
      },
    };
    up.routes.set('GET /loki/api/v1/query_range', (_r, res) => json(res, 200, body));
    const reply = await loki.queryRange('{app="ocr"}', window);
    if (reply.data.resultType !== 'streams') throw new Error('expected streams');
    const [first, second] = reply.data.streams[0]?.entries ?? [];
    expect(first).toMatchObject({
      tsNs: '1795362335123456789',
      tsMs: 1_795_362_335_123,
      structuredMetadata: { trace_id: 'abc' },
      parsed: { level: 'error' },
    });
    expect(second?.structuredMetadata).toBeUndefined();
  });

  it("aligns a metric query's start to the step grid, never a log query's", async () => {
    up.routes.set('GET /loki/api/v1/query_range', asJson(LOKI_MATRIX));
    const typed = window.startMs + 7_000;
    await loki.queryRange('sum(count_over_time({app="ocr"}[1m]))', { startMs: typed, endMs: window.endMs, stepSeconds: 60 });
    expect(up.requests.at(-1)?.query.get('start')).toBe(msToNs(window.startMs));
    up.routes.set('GET /loki/api/v1/query_range', asJson(LOKI_STREAMS));
    await loki.queryRange('{app="ocr"} |~ "[0-9]+"', { startMs: typed, endMs: window.endMs, stepSeconds: 60 });
    expect(up.requests.at(-1)?.query.get('start')).toBe(msToNs(typed));
  });

  it('parses a metric (matrix) reply with float-second timestamps', async () => {
    up.routes.set('GET /loki/api/v1/query_range', asJson(LOKI_MATRIX));
    const reply = await loki.queryRange('sum by (level) (count_over_time({job="demo"}[1m]))', window);
    if (reply.data.resultType !== 'matrix') throw new Error('expected matrix');
    const expected = JSON.parse(LOKI_MATRIX) as {
      data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
    };
    expect(reply.data.series.map((s) => s.labels)).toEqual(expected.data.result.map((r) => r.metric));
    expect(reply.data.series[0]?.points[0]).toEqual({
      tMs: (expected.data.result[0]?.values[0]?.[0] ?? 0) * 1000,
      value: Number(expected.data.result[0]?.values[0]?.[1]),
    });
  });
});

describe('instant queries', () => {
  const vector = {
    status: 'success',
    data: {
      resultType: 'vector',
      result: [
        { metric: { app: 'ocr' }, value: [1795362335.123, '7'] },
        { metric: { app: 'echo' }, value: [1795362335.123, 'NaN'] },
      ],
      stats: {},
    },
  };

  it('evaluates at Loki own now unless a time is given, and reads a vector', async () => {
    up.routes.set('GET /loki/api/v1/query', (_r, res) => json(res, 200, vector));
    const reply = await loki.query('sum by (app) (count_over_time({a="b"}[1m]))');
    expect(up.requests.at(-1)?.query.get('query')).toBe('sum by (app) (count_over_time({a="b"}[1m]))');
    expect(up.requests.at(-1)?.query.has('time')).toBe(false);
    if (reply.data.resultType !== 'vector') throw new Error('expected a vector');
    expect(reply.data.series.map((s) => s.labels)).toEqual([{ app: 'ocr' }, { app: 'echo' }]);
    expect(reply.data.series[0]?.points).toEqual([{ tMs: 1_795_362_335_123, value: 7 }]);
    expect(reply.data.series[1]?.nonFinite).toBe(1);
    await loki.query('vector(1)', { timeMs: window.endMs });
    expect(up.requests.at(-1)?.query.get('time')).toBe(msToNs(window.endMs));
  });

  it('reads a scalar and keeps warnings', async () => {
    up.routes.set('GET /loki/api/v1/query', (_r, res) =>
      json(res, 200, { status: 'success', warnings: ['w'], data: { resultType: 'scalar', result: [1795362335, '2'] } }),
    );
    expect(await loki.query('vector(2)')).toEqual({
      data: { resultType: 'scalar', point: { tMs: 1_795_362_335_000, value: 2 } },
      warnings: ['w'],
    });
  });

  it('rejects streams, a failed status and a value that is not a number; says what a missing tenant needs', async () => {
    up.routes.set('GET /loki/api/v1/query', asJson(LOKI_STREAMS));
    expect((await failure(loki.query('{a="b"}'))).message).toMatch(/^the Loki instant query reply did not have the expected shape/);
    up.routes.set('GET /loki/api/v1/query', (_r, res) => json(res, 200, { status: 'error', data: null }));
    expect(await failure(loki.query('vector(1)'))).toMatchObject({
      kind: 'http',
      message: expect.stringContaining('reported status "error"') as string,
    });
    up.routes.set('GET /loki/api/v1/query', (_r, res) =>
      json(res, 200, { ...vector, data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'seven'] }] } }),
    );
    expect((await failure(loki.query('vector(1)'))).kind).toBe('malformed');
    up.routes.set('GET /loki/api/v1/query', (_r, res) => goError(res, 401, 'no org id'));
    expect(await failure(loki.query('vector(1)'))).toMatchObject({
      status: 401,
      message: expect.stringContaining('X-Scope-OrgID') as string,
    });
  });
});

describe('labels, build info, readiness', () => {
  it('lists labels and treats a missing data key as none', async () => {
    up.routes.set('GET /loki/api/v1/labels', asJson(LOKI_LABELS));
    expect(await loki.labels()).toEqual((JSON.parse(LOKI_LABELS) as { data: string[] }).data);
    up.routes.set('GET /loki/api/v1/label/app/values', asJson('{"status":"success"}'));
    expect(await loki.labelValues('app', window)).toEqual([]);
    expect(up.requests.at(-1)?.query.get('end')).toBe(msToNs(window.endMs));
  });

  it('reads build info', async () => {
    up.routes.set('GET /loki/api/v1/status/buildinfo', asJson(LOKI_BUILDINFO));
    expect((await loki.buildInfo()).version).toBe((JSON.parse(LOKI_BUILDINFO) as { version: string }).version);
  });

  it('reports ready and not-ready in the server words', async () => {
    up.routes.set('GET /ready', (_r, res) => goError(res, 503, 'Ingester not ready: waiting for 15s after being ready'));
    expect(await loki.ready()).toEqual({ ready: false, message: 'Ingester not ready: waiting for 15s after being ready' });
    up.routes.set('GET /ready', (_r, res) => goError(res, 200, 'ready'));
    expect(await loki.ready()).toEqual({ ready: true, message: 'ready' });
  });
});

describe('faults', () => {
  it('reports a LogQL parse error sent as plain text under a JSON content type (recorded)', async () => {
    const text = 'parse error at line 1, col 6: syntax error: unexpected $end, expecting STRING';
    up.routes.set('GET /loki/api/v1/query_range', (_r, res) => send(res, 400, text, { 'Content-Type': 'application/json; charset=UTF-8' }));
    const err = await failure(loki.queryRange('{app=', window));
    expect(err).toMatchObject({ kind: 'http', status: 400 });
    expect(err.message).toContain(text);
  });

  it('reports 429, 504 and a missing tenant with their text', async () => {
    up.routes.set('GET /loki/api/v1/query_range', (_r, res) => goError(res, 429, 'too many outstanding requests'));
    expect((await failure(loki.queryRange('{a="b"}', window))).message).toContain('too many outstanding requests');
    up.routes.set('GET /loki/api/v1/query_range', (_r, res) =>
      goError(res, 504, 'request timed out, decrease the duration of the request'),
    );
    expect(await failure(loki.queryRange('{a="b"}', window))).toMatchObject({ status: 504 });
    up.routes.set('GET /loki/api/v1/labels', (_r, res) => goError(res, 401, 'no org id'));
    expect((await failure(loki.labels())).message).toContain('X-Scope-OrgID');
  });

  it('rejects malformed JSON, wrong types and float timestamps on log lines', async () => {
    up.routes.set('GET /loki/api/v1/query_range', asJson('{"status":"success","data":{"resultType":"streams","result":['));
    expect((await failure(loki.queryRange('{a="b"}', window))).kind).toBe('malformed');
    up.routes.set('GET /loki/api/v1/query_range', asJson(LOKI_STREAMS.replace('"1795362335000000000"', '1795362335000000000')));
    expect((await failure(loki.queryRange('{a="b"}', window))).kind).toBe('malformed');
    up.routes.set('GET /loki/api/v1/query_range', asJson(LOKI_MATRIX.replace('"6"', '6')));
    expect((await failure(loki.queryRange('count_over_time({a="b"}[1m])', window))).kind).toBe('malformed');
  });

  it('times out, refuses, caps and cancels', async () => {
    up.routes.set('GET /loki/api/v1/query_range', neverAnswer);
    expect((await failure(loki.queryRange('{a="b"}', window))).kind).toBe('timeout');
    const closed = LokiClient.connect(connection(await closedPortUrl()));
    expect((await failure(closed.labels())).kind).toBe('refused');
    closed.close();
    up.routes.set(
      'GET /loki/api/v1/query_range',
      streamHuge(50 * 1024 * 1024, () => undefined),
    );
    expect((await failure(loki.queryRange('{a="b"}', window))).kind).toBe('too-large');
    up.routes.set('GET /loki/api/v1/query_range', neverAnswer);
    const controller = new AbortController();
    const pending = loki.queryRange('{a="b"}', { ...window, signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).kind).toBe('aborted');
  });
});
