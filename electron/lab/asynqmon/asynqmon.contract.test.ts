import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab.js';
import { http } from '../test-support.js';

const QUEUE_KEYS = [
  'queue',
  'memory_usage_bytes',
  'size',
  'groups',
  'latency_msec',
  'display_latency',
  'active',
  'pending',
  'aggregating',
  'scheduled',
  'retry',
  'archived',
  'completed',
  'processed',
  'succeeded',
  'failed',
  'paused',
  'timestamp',
];
const BASE_TASK = ['id', 'type', 'payload', 'queue', 'max_retry', 'retried', 'error_message'];

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ seed: 3, scenario: 'queue-backlog', speed: 0, startMs: Date.UTC(2026, 10, 22, 12) });
  lab.engine.advance(1500);
});
afterAll(async () => {
  await lab.close();
});

async function getJson(path: string) {
  const r = await http(`${lab.url}${path}`);
  // AsynqMon sets no Content-Type; Go sniffs JSON as text/plain. Body ends with a newline.
  expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(r.text.endsWith('}\n')).toBe(true);
  return { status: r.status, body: JSON.parse(r.text) as Record<string, unknown> };
}

describe('AsynqMon /api contract', () => {
  it('GET /api/queues lists every queue with the exact field set and order', async () => {
    const { status, body } = await getJson('/api/queues');
    expect(status).toBe(200);
    const queues = body.queues as Record<string, unknown>[];
    expect(queues.map((q) => q.queue).sort()).toEqual(['batch', 'default', 'echo', 'ocr', 'translation']);
    for (const q of queues) {
      expect(Object.keys(q)).toEqual(QUEUE_KEYS);
      expect(q.size).toBe(
        (q.active as number) + (q.pending as number) + (q.scheduled as number) + (q.retry as number) + (q.archived as number),
      );
      expect(q.succeeded).toBe((q.processed as number) - (q.failed as number));
      expect(q.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
    const translation = queues.find((q) => q.queue === 'translation') ?? {};
    const truth = (await (await fetch(`${lab.url}/lab/state`)).json()) as {
      queues: { queue: string; pending: number; latencySeconds: number }[];
    };
    expect(translation.pending).toBe(truth.queues.find((q) => q.queue === 'translation')?.pending);
    expect(translation.latency_msec).toBe((truth.queues.find((q) => q.queue === 'translation')?.latencySeconds ?? -1) * 1000);
    expect(translation.display_latency).toMatch(/^\d+m[\d.]+s$/);
  });

  it('GET /api/queues/{q} has 10 days of history, today first', async () => {
    const { body } = await getJson('/api/queues/ocr');
    expect(Object.keys(body)).toEqual(['current', 'history']);
    const history = body.history as Record<string, unknown>[];
    expect(history).toHaveLength(10);
    expect(history[0]?.date).toBe('2026-11-22');
    expect(history[1]?.date).toBe('2026-11-21');
    for (const d of history) expect(Object.keys(d)).toEqual(['queue', 'processed', 'succeeded', 'failed', 'date']);
    expect((body.current as Record<string, unknown>).processed).toBe(history[0]?.processed);
  });

  it('GET /api/queue_stats has 90 days per queue', async () => {
    const { body } = await getJson('/api/queue_stats');
    const stats = body.stats as Record<string, unknown[]>;
    expect(Object.keys(stats).sort()).toEqual(['batch', 'default', 'echo', 'ocr', 'translation']);
    expect(stats.echo).toHaveLength(90);
  });

  it('task lists page with page/size (default 20) and ignore bad values', async () => {
    const all = await getJson('/api/queues/translation/pending_tasks?size=1000');
    expect(Object.keys(all.body)).toEqual(['stats', 'tasks']);
    const tasks = all.body.tasks as Record<string, unknown>[];
    expect(tasks.length).toBeGreaterThan(40);
    expect(Object.keys(tasks[0] ?? {})).toEqual(BASE_TASK);
    const def = await getJson('/api/queues/translation/pending_tasks?page=x&size=abc&page_size=3');
    expect(def.body.tasks as unknown[]).toHaveLength(20);
    const p2 = await getJson('/api/queues/translation/pending_tasks?page=2&size=5');
    expect((p2.body.tasks as { id: string }[]).map((t) => t.id)).toEqual(tasks.slice(5, 10).map((t) => t.id));
  });

  it('active tasks put "tasks" before "stats" and carry start_time / deadline', async () => {
    const { body } = await getJson('/api/queues/translation/active_tasks');
    expect(Object.keys(body)).toEqual(['tasks', 'stats']);
    const t = (body.tasks as Record<string, unknown>[])[0] ?? {};
    expect(Object.keys(t)).toEqual([...BASE_TASK, 'start_time', 'deadline', 'is_orphaned']);
    expect(t.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('retry, archived and completed tasks have their extra fields', async () => {
    const completed = await getJson('/api/queues/ocr/completed_tasks?size=1');
    expect(Object.keys((completed.body.tasks as object[])[0] ?? {})).toEqual([...BASE_TASK, 'completed_at', 'result', 'ttl_seconds']);
    const retry = await getJson('/api/queues/translation/retry_tasks');
    for (const t of retry.body.tasks as object[]) expect(Object.keys(t)).toEqual([...BASE_TASK, 'next_process_at']);
  });

  it('GET a single task returns TaskInfo; unknown ids are 404 text', async () => {
    const list = await getJson('/api/queues/translation/pending_tasks?size=1');
    const id = (list.body.tasks as { id: string }[])[0]?.id ?? '';
    const { body } = await getJson(`/api/queues/translation/tasks/${id}`);
    expect(Object.keys(body)).toEqual([
      'id',
      'queue',
      'type',
      'payload',
      'state',
      'max_retry',
      'retried',
      'error_message',
      'last_failed_at',
      'timeout_seconds',
      'deadline',
      'next_process_at',
      'completed_at',
      'result',
      'ttl_seconds',
    ]);
    expect(body.state).toBe('pending');
    expect(body.deadline).toBe('');
    const missing = await http(`${lab.url}/api/queues/translation/tasks/nope`);
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('task not found\n');
  });

  it('unknown queues answer 500 as plain text: NOT_FOUND on the queue, the bare sentinel on its task lists', async () => {
    const cases = [
      ['/api/queues/nosuchqueue', 'NOT_FOUND: queue "nosuchqueue" does not exist\n'],
      ['/api/queues/nosuchqueue/pending_tasks', 'asynq: queue not found\n'],
      // The wrong method on a verb path is the queue route with the verb in the name.
      ['/api/queues/default:pause', 'NOT_FOUND: queue "default:pause" does not exist\n'],
    ] as const;
    for (const [path, text] of cases) {
      const r = await http(`${lab.url}${path}`);
      expect(r.status).toBe(500);
      expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.text).toBe(text);
    }
  });

  it('answers any path it does not route with 200 and the web UI page, POST included', async () => {
    const paths: [string, string][] = [
      ['GET', '/api/nope'],
      ['POST', '/api/nope'],
      ['POST', '/asynqmon/api/queues/default:pause'],
      ['POST', '/api/queues/a%2Fb:pause'],
      ['POST', '/api/queues/default'],
      ['GET', '/'],
    ];
    for (const [method, path] of paths) {
      const r = await http(`${lab.url}${path}`, { method });
      expect(r.status, `${method} ${path}`).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.text).toMatch(/^<!doctype html>.*<title>Asynq - Monitoring<\/title>/);
    }
    // Nothing was paused by the POSTs above.
    const { body } = await getJson('/api/queues/default');
    expect((body.current as { paused: boolean }).paused).toBe(false);
    // Loki's own paths keep Loki's 404.
    expect((await http(`${lab.url}/loki/api/v1/nope`)).status).toBe(404);
  });

  it('serves redis_info, and /api/metrics fails without a Prometheus address', async () => {
    const { body } = await getJson('/api/redis_info');
    expect(Object.keys(body)).toEqual(['address', 'info', 'raw_info', 'cluster', 'raw_cluster_nodes', 'queue_locations']);
    expect(body.queue_locations).toBeNull();
    const metrics = await http(`${lab.url}/api/metrics`);
    expect(metrics.status).toBe(500);
    expect(metrics.text).toContain('QUEUE_FILTER');
  });

  it('servers list running workers with their active tasks', async () => {
    const { body } = await getJson('/api/servers');
    const servers = body.servers as Record<string, unknown>[];
    expect(servers.length).toBeGreaterThan(5);
    expect(Object.keys(servers[0] ?? {})).toEqual([
      'id',
      'host',
      'pid',
      'concurrency',
      'queue_priorities',
      'strict_priority_enabled',
      'start_time',
      'status',
      'active_workers',
    ]);
  });

  it(':pause really stops processing; double pause and resume errors match AsynqMon', async () => {
    const pause = await http(`${lab.url}/api/queues/default:pause`, { method: 'POST' });
    expect(pause.status).toBe(204);
    expect(pause.text).toBe('');
    const again = await http(`${lab.url}/api/queues/default:pause`, { method: 'POST' });
    expect(again.status).toBe(500);
    expect(again.text).toBe('queue "default" is already paused\n');
    const before = (await getJson('/api/queues/default')).body.current as Record<string, number>;
    lab.engine.advance(120);
    const after = (await getJson('/api/queues/default')).body.current as Record<string, number | boolean>;
    expect(after.paused).toBe(true);
    // In-flight tasks finish (as in asynq); nothing new is dequeued.
    expect(after.active).toBe(0);
    expect(after.processed as number).toBeLessThanOrEqual((before.processed ?? 0) + (before.active ?? 0));
    lab.engine.advance(60);
    expect(((await getJson('/api/queues/default')).body.current as Record<string, number>).processed).toBe(after.processed);
    expect(after.pending as number).toBeGreaterThan(before.pending ?? 0);
    expect((await http(`${lab.url}/api/queues/default:resume`, { method: 'POST' })).status).toBe(204);
    const notPaused = await http(`${lab.url}/api/queues/default:resume`, { method: 'POST' });
    expect(notPaused.status).toBe(500);
    expect(notPaused.text).toBe('queue "default" is not paused\n');
    lab.engine.advance(30);
    expect(((await getJson('/api/queues/default')).body.current as Record<string, number>).processed).toBeGreaterThan(
      after.processed as number,
    );
  });

  it('pausing an unknown queue answers 204 and lists nothing, as the real server does', async () => {
    expect((await http(`${lab.url}/api/queues/nosuchqueue:pause`, { method: 'POST' })).status).toBe(204);
    const { body } = await getJson('/api/queues');
    expect((body.queues as { queue: string }[]).map((q) => q.queue)).not.toContain('nosuchqueue');
    expect((await http(`${lab.url}/api/queues/nosuchqueue:resume`, { method: 'POST' })).status).toBe(204);
    const never = await http(`${lab.url}/api/queues/nevertouched:resume`, { method: 'POST' });
    expect(never.status).toBe(500);
    expect(never.text).toBe('queue "nevertouched" is not paused\n');
  });
});
