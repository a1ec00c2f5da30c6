import { failure } from './expect-failure';
import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AsynqmonClient } from './asynqmon';
import { closedPortUrl, connection, goError, neverAnswer, send, startFakeUpstream, streamHuge, type FakeUpstream } from './fake-upstream';
import {
  ASYNQ_ACTIVE,
  ASYNQ_COMPLETED,
  ASYNQ_PENDING_PAGE,
  ASYNQ_QUEUES,
  ASYNQ_QUEUE_DEFAULT,
  ASYNQ_RETRY,
  ASYNQ_SERVERS,
} from './recorded-samples';

let up: FakeUpstream;
let asynq: AsynqmonClient;

/** AsynqMon's success: JSON encoded with no Content-Type set, so Go sniffs text/plain; body ends with \n. */
function asText(body: string) {
  return (_req: unknown, res: http.ServerResponse): void =>
    send(res, 200, `${body}\n`, { 'Content-Type': 'text/plain; charset=utf-8', Vary: 'Origin' });
}
const noContent = (_req: unknown, res: http.ServerResponse): void => {
  res.writeHead(204, { Vary: 'Origin' });
  res.end();
};

beforeAll(async () => {
  up = await startFakeUpstream();
  asynq = AsynqmonClient.connect(connection(up.url, { timeoutMs: 500, maxResponseBytes: 1024 * 1024 }));
});
afterAll(async () => {
  asynq.close();
  await up.close();
});
beforeEach(() => up.routes.clear());

describe('reads (recorded AsynqMon 0.7.2 bodies)', () => {
  it('lists queues from a text/plain JSON body', async () => {
    up.routes.set('GET /api/queues', asText(ASYNQ_QUEUES));
    const queues = await asynq.listQueues();
    const expected = (JSON.parse(ASYNQ_QUEUES) as { queues: Array<{ queue: string; pending: number; latency_msec: number }> }).queues;
    expect(queues.map((q) => q.queue)).toEqual(expected.map((q) => q.queue));
    expect(queues.map((q) => q.pending)).toEqual(expected.map((q) => q.pending));
    expect(queues.map((q) => q.latencyMs)).toEqual(expected.map((q) => q.latency_msec));
    for (const q of queues) expect(q.succeededToday).toBe(q.processedToday - q.failedToday);
  });

  it('reads one queue with its 10-day history, today first', async () => {
    up.routes.set('GET /api/queues/default', asText(ASYNQ_QUEUE_DEFAULT));
    const { current, history } = await asynq.getQueue('default');
    expect(current.queue).toBe('default');
    expect(history).toHaveLength(10);
    expect((history[0]?.date ?? '') > (history[1]?.date ?? '')).toBe(true);
  });

  it('lists servers with their active workers', async () => {
    up.routes.set('GET /api/servers', asText(ASYNQ_SERVERS));
    const [server] = await asynq.listServers();
    expect(server?.queuePriorities).toMatchObject({ critical: 6 });
    expect(server?.activeWorkers[0]?.taskType).toBe('slow:task');
  });

  it('accepts null lists the way Go encodes an empty slice', async () => {
    up.routes.set(
      'GET /api/servers',
      asText(
        '{"servers":[{"id":"x","host":"h","pid":1,"concurrency":2,"queue_priorities":null,"strict_priority_enabled":false,"start_time":"2026-11-22T15:47:42Z","status":"stopped","active_workers":null}]}',
      ),
    );
    const [server] = await asynq.listServers();
    expect(server?.activeWorkers).toEqual([]);
    expect(server?.queuePriorities).toEqual({});
  });

  it('lists tasks per state, sending page and size (not page_size)', async () => {
    up.routes.set('GET /api/queues/exports/pending_tasks', asText(ASYNQ_PENDING_PAGE));
    const page = await asynq.listTasks('exports', 'pending', { page: 2, size: 2 });
    const seen = up.requests.at(-1);
    expect(seen?.query.get('page')).toBe('2');
    expect(seen?.query.get('size')).toBe('2');
    expect(page.tasks).toHaveLength(2);
    expect(page.stats.queue).toBe('exports');

    up.routes.set('GET /api/queues/low/active_tasks', asText(ASYNQ_ACTIVE));
    const active = await asynq.listTasks('low', 'active');
    expect(active.tasks[0]?.isOrphaned).toBe(false);
    expect(active.tasks[0]?.deadline).toMatch(/^2026-/);

    up.routes.set('GET /api/queues/default/retry_tasks', asText(ASYNQ_RETRY));
    expect((await asynq.listTasks('default', 'retry')).tasks.every((t) => t.nextProcessAt !== undefined)).toBe(true);
    up.routes.set('GET /api/queues/critical/completed_tasks', asText(ASYNQ_COMPLETED));
    expect((await asynq.listTasks('critical', 'completed')).tasks[0]?.ttlSeconds).toBeGreaterThan(0);
  });
});

/** AsynqMon's reply to GET /api/queues/{q} for the recorded "exports" queue, paused or not, stamped by its clock. */
function exportsQueue(paused: boolean, timestamp = '2026-11-22T15:47:52.180611496Z') {
  const current = { ...(JSON.parse(ASYNQ_QUEUES) as { queues: Record<string, unknown>[] }).queues[0], queue: 'exports', paused, timestamp };
  return asText(JSON.stringify({ current, history: [] }));
}
const queueList = asText(
  JSON.stringify({
    queues: ['critical', 'default', 'exports'].map((queue) => ({ ...(JSON.parse(ASYNQ_QUEUES) as { queues: object[] }).queues[0], queue })),
  }),
);
const webPage = (_r: unknown, res: http.ServerResponse): void =>
  send(res, 200, '<!doctype html><html lang="en"><head><title>Asynq - Monitoring</title></head><body></body></html>', {
    'Content-Type': 'text/html; charset=utf-8',
  });
const posts = (): string[] => up.requests.filter((r) => r.method === 'POST').map((r) => r.path);

describe('pause and resume', () => {
  beforeEach(() => {
    up.requests.length = 0;
    up.routes.set('GET /api/queues', queueList);
  });

  it('POSTs to the literal :pause path, then reads the queue back and reports the state AsynqMon shows', async () => {
    up.routes.set('POST /api/queues/exports:pause', noContent);
    up.routes.set('GET /api/queues/exports', exportsQueue(true));
    const result = await asynq.pauseQueue('exports');
    expect(result).toEqual({
      queue: 'exports',
      action: 'pause',
      answer: 'changed',
      observed: { paused: true, atMs: Date.parse('2026-11-22T15:47:52.180Z'), pending: 6, active: 0 },
      confirmed: true,
      unconfirmed: null,
    });
    expect(up.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/queues',
      'POST /api/queues/exports:pause',
      'GET /api/queues/exports',
    ]);

    up.routes.set('POST /api/queues/exports:resume', noContent);
    up.routes.set('GET /api/queues/exports', exportsQueue(false));
    expect(await asynq.resumeQueue('exports')).toMatchObject({ answer: 'changed', confirmed: true, observed: { paused: false } });
  });

  it('reads "already paused" / "not paused" 500s as the state already holding, confirmed by the read-back', async () => {
    up.routes.set('POST /api/queues/exports:pause', (_r, res) => goError(res, 500, 'queue "exports" is already paused'));
    up.routes.set('GET /api/queues/exports', exportsQueue(true));
    expect(await asynq.pauseQueue('exports')).toMatchObject({ answer: 'already', confirmed: true });
    up.routes.set('POST /api/queues/exports:resume', (_r, res) => goError(res, 500, 'queue "exports" is not paused'));
    up.routes.set('GET /api/queues/exports', exportsQueue(false));
    expect(await asynq.resumeQueue('exports')).toMatchObject({ answer: 'already', confirmed: true });
  });

  it('a 204 is not a pause: when the queue still reads running, the outcome says so', async () => {
    up.routes.set('POST /api/queues/exports:pause', noContent);
    up.routes.set('GET /api/queues/exports', exportsQueue(false));
    const result = await asynq.pauseQueue('exports');
    expect(result.confirmed).toBe(false);
    expect(result.observed?.paused).toBe(false);
    expect(result.unconfirmed).toMatch(/accepted the pause, but queue "exports" still reads running/);
  });

  it('says when the read-back fails, without claiming the pause worked', async () => {
    up.routes.set('POST /api/queues/exports:pause', noContent);
    up.routes.set('GET /api/queues/exports', (_r, res) => goError(res, 500, 'dial tcp 127.0.0.1:16379: connect: connection refused'));
    const result = await asynq.pauseQueue('exports');
    expect(result).toMatchObject({ answer: 'changed', observed: null, confirmed: false });
    expect(result.unconfirmed).toMatch(/reading queue "exports" back failed: .*cannot reach Redis/);
  });

  it('refuses a queue AsynqMon does not list before sending anything (AsynqMon would answer 204)', async () => {
    up.routes.set('POST /api/queues/nosuchqueue:pause', noContent);
    const err = await failure(asynq.pauseQueue('nosuchqueue'));
    expect(err.kind).toBe('rejected');
    expect(err.message).toMatch(/has no queue "nosuchqueue" \(it lists "critical", "default", "exports"\); nothing was sent/);
    expect(posts()).toEqual([]);
  });

  it('refuses a queue name with "/" (AsynqMon routes %2F to its web page) before sending anything', async () => {
    const err = await failure(asynq.pauseQueue('a/b'));
    expect(err.kind).toBe('rejected');
    expect(err.message).toContain('contains "/"');
    expect(up.requests).toEqual([]);
  });

  it('a 200 web page is a failure in words: on the queue list (nothing sent) and on the POST itself', async () => {
    up.routes.set('GET /api/queues', webPage);
    const listed = await failure(asynq.pauseQueue('exports'));
    expect(listed.message).toContain('answers with a web page, not the AsynqMon API');
    expect(posts()).toEqual([]);

    up.routes.set('GET /api/queues', queueList);
    up.routes.set('POST /api/queues/exports:pause', webPage);
    const posted = await failure(asynq.pauseQueue('exports'));
    expect(posted).toMatchObject({ kind: 'malformed', status: 200 });
    expect(posted.message).toContain('answers with a web page, not the AsynqMon API');
    // No read-back: nothing happened to report on.
    expect(up.requests.filter((r) => r.path === '/api/queues/exports')).toEqual([]);
  });

  it('fails a pause when Redis is down, before sending it, with the server text and a hint', async () => {
    up.routes.set('GET /api/queues', (_r, res) => goError(res, 500, 'dial tcp 127.0.0.1:16379: connect: connection refused'));
    const err = await failure(asynq.pauseQueue('default'));
    expect(err).toMatchObject({ kind: 'http', status: 500 });
    expect(err.message).toContain('dial tcp 127.0.0.1:16379');
    expect(err.message).toContain('cannot reach Redis');
    expect(posts()).toEqual([]);
  });

  it('hints at a hung Redis when AsynqMon answers "i/o timeout"', async () => {
    up.routes.set('GET /api/queues', (_r, res) => goError(res, 500, 'read tcp 127.0.0.1:53712->127.0.0.1:16379: i/o timeout'));
    const err = await failure(asynq.listQueues());
    expect(err.message).toContain('i/o timeout');
    expect(err.message).toContain('gets no answer from Redis in time');
  });

  it('reports read-only mode (405)', async () => {
    up.routes.set('POST /api/queues/default:pause', (_r, res) =>
      goError(res, 405, 'API Server is running in read-only mode: POST request is not allowed'),
    );
    expect((await failure(asynq.pauseQueue('default'))).message).toContain('read-only mode');
  });
});

describe('faults', () => {
  it('reports plain-text 500s on reads', async () => {
    up.routes.set('GET /api/queues/nope/pending_tasks', (_r, res) => goError(res, 500, 'NOT_FOUND: queue "nope" does not exist'));
    const err = await failure(asynq.listTasks('nope', 'pending'));
    expect(err.status).toBe(500);
    expect(err.message).toContain('queue "nope" does not exist');
  });

  it('rejects malformed JSON and wrong types', async () => {
    up.routes.set('GET /api/queues', asText('{"queues":[{"queue":'));
    expect((await failure(asynq.listQueues())).kind).toBe('malformed');
    const wrong = ASYNQ_QUEUES.replace('"pending":6', '"pending":"6"');
    up.routes.set('GET /api/queues', asText(wrong));
    const err = await failure(asynq.listQueues());
    expect(err.kind).toBe('malformed');
    expect(err.message).toContain('queues.0.pending');
  });

  it('times out, refuses, caps and cancels', async () => {
    up.routes.set('GET /api/queues', neverAnswer);
    expect((await failure(asynq.listQueues())).kind).toBe('timeout');
    const closed = AsynqmonClient.connect(connection(await closedPortUrl()));
    expect((await failure(closed.listQueues())).kind).toBe('refused');
    closed.close();
    up.routes.set(
      'GET /api/queues',
      streamHuge(50 * 1024 * 1024, () => undefined, 'text/plain; charset=utf-8'),
    );
    expect((await failure(asynq.listQueues())).kind).toBe('too-large');
    up.routes.set('GET /api/queues', neverAnswer);
    const controller = new AbortController();
    const pending = asynq.listQueues({ signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).kind).toBe('aborted');
  });
});
