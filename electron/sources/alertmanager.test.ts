import { failure } from './expect-failure';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertmanagerClient } from './alertmanager';
import { closedPortUrl, connection, json, neverAnswer, send, startFakeUpstream, streamHuge, type FakeUpstream } from './fake-upstream';

let up: FakeUpstream;
let am: AlertmanagerClient;

const ALERT = {
  labels: { alertname: 'GPUMemHigh', severity: 'page', Hostname: 'gpu-a' },
  annotations: { summary: 'GPU memory above 95 %' },
  startsAt: '2026-01-01T10:00:00.000Z',
  endsAt: '2026-01-01T10:05:00.000Z',
  updatedAt: '2026-01-01T10:01:00.000Z',
  fingerprint: 'a1b2c3d4e5f60718',
  generatorURL: 'http://prom/graph?g0.expr=x',
  receivers: [{ name: 'pagerduty' }],
  status: { state: 'suppressed', silencedBy: ['5f0f…'], inhibitedBy: [], mutedBy: [] },
};

const silence = {
  matchers: [{ name: 'alertname', value: 'GPUMemHigh', isRegex: false }],
  startsMs: Date.parse('2026-01-01T10:00:00Z'),
  endsMs: Date.parse('2026-01-01T12:00:00Z'),
  createdBy: 'pitwall',
  comment: 'INC-12',
};

beforeAll(async () => {
  up = await startFakeUpstream();
  am = AlertmanagerClient.connect(connection(up.url, { timeoutMs: 500, maxResponseBytes: 1024 * 1024 }));
});
afterAll(async () => {
  am.close();
  await up.close();
});
beforeEach(() => up.routes.clear());

describe('alerts', () => {
  it('parses the bare v2 array and sends filters', async () => {
    up.routes.set('GET /api/v2/alerts', (_r, res) => json(res, 200, [ALERT]));
    const [alert] = await am.alerts({ silenced: false, filter: ['alertname="GPUMemHigh"', 'severity="page"'] });
    expect(alert).toMatchObject({ state: 'suppressed', receivers: ['pagerduty'], silencedBy: ['5f0f…'], fingerprint: ALERT.fingerprint });
    const q = up.requests.at(-1)?.query;
    expect(q?.get('silenced')).toBe('false');
    expect(q?.getAll('filter')).toHaveLength(2);
  });

  it('accepts a 0.25 server that has no mutedBy', async () => {
    const old = { ...ALERT, status: { state: 'active', silencedBy: [], inhibitedBy: [] } };
    up.routes.set('GET /api/v2/alerts', (_r, res) => json(res, 200, [old]));
    expect((await am.alerts())[0]?.mutedBy).toEqual([]);
  });

  it('reports a bad filter with the JSON-string body unwrapped', async () => {
    up.routes.set('GET /api/v2/alerts', (_r, res) => json(res, 400, 'bad matcher format: alertname=~'));
    const err = await failure(am.alerts({ filter: ['alertname=~'] }));
    expect(err).toMatchObject({ kind: 'http', status: 400 });
    expect(err.message).toContain(': bad matcher format: alertname=~');
    expect(err.message).not.toContain('"bad');
  });
});

describe('status', () => {
  it('reads the version from /api/v2/status, and rejects a reply without one', async () => {
    const status = {
      cluster: { status: 'disabled', peers: [] },
      versionInfo: { branch: 'HEAD', buildDate: '', buildUser: '', goVersion: 'go1.21', revision: 'abc', version: '0.25.0' },
      config: { original: 'route: {}' },
      uptime: '2026-01-01T09:00:00.000Z',
    };
    up.routes.set('GET /api/v2/status', (_r, res) => json(res, 200, status));
    expect(await am.status()).toEqual({ version: '0.25.0', revision: 'abc', branch: 'HEAD', uptime: '2026-01-01T09:00:00.000Z' });
    up.routes.set('GET /api/v2/status', (_r, res) => json(res, 200, { uptime: 'x' }));
    expect((await failure(am.status())).kind).toBe('malformed');
    up.routes.set('GET /api/v2/status', (_r, res) => send(res, 200, 'not json', { 'Content-Type': 'text/plain' }));
    expect((await failure(am.status())).kind).toBe('malformed');
    up.routes.set('GET /api/v2/status', (_r, res) => json(res, 500, 'boom'));
    expect(await failure(am.status())).toMatchObject({
      kind: 'http',
      status: 500,
      message: expect.stringContaining('HTTP 500: boom') as string,
    });
  });
});

describe('silences', () => {
  it('creates a silence without annotations and returns its ID', async () => {
    up.routes.set('POST /api/v2/silences', (_r, res) => json(res, 200, { silenceID: '7d0c6a0e-silence' }));
    expect(await am.createSilence(silence)).toBe('7d0c6a0e-silence');
    const sent = up.requests.at(-1);
    expect(sent?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(sent?.body ?? '{}') as Record<string, unknown>;
    expect(body).not.toHaveProperty('annotations');
    expect(body).not.toHaveProperty('id');
    expect(body).toMatchObject({
      startsAt: '2026-01-01T10:00:00.000Z',
      endsAt: '2026-01-01T12:00:00.000Z',
      createdBy: 'pitwall',
      comment: 'INC-12',
      matchers: [{ name: 'alertname', value: 'GPUMemHigh', isRegex: false, isEqual: true }],
    });
  });

  it('passes on 400 JSON-string and 422 {code,message} errors', async () => {
    up.routes.set('POST /api/v2/silences', (_r, res) => json(res, 400, "Failed to create silence: end time can't be in the past"));
    expect((await failure(am.createSilence(silence))).message).toContain("end time can't be in the past");
    up.routes.set('POST /api/v2/silences', (_r, res) => json(res, 422, { code: 602, message: 'createdBy in body is required' }));
    const err = await failure(am.createSilence(silence));
    expect(err.status).toBe(422);
    expect(err.message).toContain('createdBy in body is required');
  });

  it('expires with DELETE /api/v2/silence/{id}, and reports an unknown ID', async () => {
    up.routes.set('DELETE /api/v2/silence/abc-1', (_r, res) => send(res, 200, ''));
    await am.expireSilence('abc-1');
    expect(up.requests.at(-1)?.method).toBe('DELETE');
    up.routes.clear();
    up.routes.set('DELETE /api/v2/silence/gone', (_r, res) => json(res, 404, 'silence not found'));
    expect(await failure(am.expireSilence('gone'))).toMatchObject({ status: 404 });
  });

  it('rejects a silence reply without an ID', async () => {
    up.routes.set('POST /api/v2/silences', (_r, res) => json(res, 200, { silenceId: 'wrong-case' }));
    expect((await failure(am.createSilence(silence))).kind).toBe('malformed');
  });
});

describe('faults', () => {
  it('handles 500 plain text, malformed JSON and wrong types', async () => {
    up.routes.set('GET /api/v2/alerts', (_r, res) => send(res, 500, 'internal error\n', { 'Content-Type': 'text/plain' }));
    expect((await failure(am.alerts())).message).toContain('internal error');
    up.routes.set('GET /api/v2/alerts', (_r, res) => send(res, 200, '[{', { 'Content-Type': 'application/json' }));
    expect((await failure(am.alerts())).kind).toBe('malformed');
    up.routes.set('GET /api/v2/alerts', (_r, res) => json(res, 200, { alerts: [ALERT] }));
    expect((await failure(am.alerts())).kind).toBe('malformed');
  });

  it('times out, refuses, caps and cancels', async () => {
    up.routes.set('GET /api/v2/alerts', neverAnswer);
    expect((await failure(am.alerts())).kind).toBe('timeout');
    const closed = AlertmanagerClient.connect(connection(await closedPortUrl()));
    expect((await failure(closed.alerts())).kind).toBe('refused');
    closed.close();
    up.routes.set(
      'GET /api/v2/alerts',
      streamHuge(50 * 1024 * 1024, () => undefined),
    );
    expect((await failure(am.alerts())).kind).toBe('too-large');
    up.routes.set('POST /api/v2/silences', neverAnswer);
    const controller = new AbortController();
    const pending = am.createSilence(silence, { signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).kind).toBe('aborted');
  });
});
