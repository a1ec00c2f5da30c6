/**
 * AsynqMon-compatible /api. Quirks kept on purpose (see contracts/upstream-apis.md §1 and its
 * "Measured against real servers" section): JSON goes out without an explicit Content-Type, so Go
 * sniffs it as text/plain; errors are plain text with a newline; an unknown queue answers 500
 * NOT_FOUND on GET /api/queues/{q} and 500 "asynq: queue not found" on its task lists; :pause never
 * checks that the queue exists; and any path or method it does not route answers 200 with the web
 * UI's page, POST included.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { goError, rfc3339, send } from '../http-util.js';
import type { Engine } from '../scenarios/engine.js';
import type { QueueState, Task } from '../sim/types.js';
import { historyJson, listTaskJson, queueJson, taskInfoJson } from './json.js';

const TASK_STATES = ['active', 'pending', 'scheduled', 'retry', 'archived', 'completed'] as const;
type ListState = (typeof TASK_STATES)[number];

/** What Go's json.NewEncoder + content sniffing put on the wire. */
function goJson(res: ServerResponse, value: unknown): void {
  send(res, 200, `${JSON.stringify(value)}\n`, { 'Content-Type': 'text/plain; charset=utf-8', Vary: 'Origin' });
}

function noContent(res: ServerResponse): void {
  res.writeHead(204, { Vary: 'Origin' });
  res.end();
}

function asynqError(res: ServerResponse, status: number, message: string): void {
  goError(res, status, message, { Vary: 'Origin' });
}

/** getPageOptions: non-integer values are silently ignored. */
function pageOptions(url: URL): { page: number; size: number } {
  const int = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    if (raw === null || !/^[+-]?\d+$/.test(raw)) return fallback;
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : fallback;
  };
  // asynq clamps: PageSize(n<0) -> 0, Page(n<0) -> 1.
  const size = Math.max(0, int('size', 20));
  const pageRaw = int('page', 1);
  return { page: pageRaw < 0 ? 1 : pageRaw, size };
}

/** Redis LRANGE/ZRANGE index semantics (asynq pages with start = size*(page-1)). */
function redisRange<T>(items: readonly T[], start: number, stop: number): T[] {
  const n = items.length;
  const s = start < 0 ? Math.max(0, n + start) : start;
  const e = stop < 0 ? n + stop : Math.min(stop, n - 1);
  if (s > e || s >= n) return [];
  return items.slice(s, e + 1);
}

function sortedTasks(q: QueueState, state: ListState): Task[] {
  switch (state) {
    case 'scheduled':
    case 'retry':
      return [...q[state]].sort((a, b) => a.nextProcessAtMs - b.nextProcessAtMs);
    case 'archived':
      return [...q.archived].sort((a, b) => a.lastFailedAtMs - b.lastFailedAtMs);
    case 'completed':
      return [...q.completed].sort((a, b) => a.completedAtMs - b.completedAtMs);
    default:
      return q[state];
  }
}

function notFound(res: ServerResponse, name: string): void {
  asynqError(res, 500, `NOT_FOUND: queue "${name}" does not exist`);
}

/**
 * The single-page UI's index.html: AsynqMon serves it for every path its router does not know (so
 * the SPA survives a reload), and Go sniffs it as text/html. Written here, not copied: only its shape matters.
 */
export const ASYNQMON_UI_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"/><title>Asynq - Monitoring</title>' +
  '<script>window.ROOT_PATH="/"</script></head><body><noscript>You need to enable JavaScript to run this app.</noscript>' +
  '<div id="root"></div></body></html>';

export function sendUiPage(res: ServerResponse): void {
  send(res, 200, ASYNQMON_UI_PAGE, { 'Content-Type': 'text/html; charset=utf-8', Vary: 'Origin' });
}

/** INFO's keys split on ":" into strings, as redis_info_handlers.go builds them; a single Redis, no cluster. */
function redisInfoJson() {
  const info: Record<string, string> = {
    redis_version: '7.0.15',
    redis_mode: 'standalone',
    uptime_in_seconds: '86400',
    connected_clients: '12',
    used_memory: '2097152',
    used_memory_human: '2.00M',
    maxmemory: '0',
  };
  const raw = Object.entries(info)
    .map(([k, v]) => `${k}:${v}`)
    .join('\r\n');
  return {
    address: '127.0.0.1:6379',
    info,
    raw_info: `# Server\r\n${raw}\r\n`,
    cluster: false,
    raw_cluster_nodes: '',
    queue_locations: null,
  };
}

function serversJson(engine: Engine) {
  const world = engine.world;
  const servers = world.pods
    .filter((p) => p.kind === 'worker' && p.running)
    .map((p) => {
      const q = world.queue(p.queue);
      const active = q ? q.active.filter((t) => t.workerPod === p.name) : [];
      const startMs = p.lastTerminatedAtMs ? p.restartAtMs : engine.scenarioStartedMs - 86_400_000;
      return {
        id: p.uid,
        host: p.name,
        pid: 1,
        concurrency: p.concurrency,
        queue_priorities: { [p.queue]: 1 },
        strict_priority_enabled: false,
        start_time: rfc3339(startMs),
        status: 'active',
        active_workers: active.map((t) => ({
          task_id: t.id,
          queue: t.queue,
          task_type: t.type,
          task_payload: t.payload,
          start_time: rfc3339(t.startedAtMs),
        })),
      };
    });
  return { servers };
}

function pauseOrResume(engine: Engine, res: ServerResponse, name: string, verb: 'pause' | 'resume'): void {
  const world = engine.world;
  const q = world.queue(name);
  const paused = q ? q.paused : world.orphanPauses.has(name);
  if (verb === 'pause' && paused) return asynqError(res, 500, `queue "${name}" is already paused`);
  if (verb === 'resume' && !paused) return asynqError(res, 500, `queue "${name}" is not paused`);
  if (q) q.paused = verb === 'pause';
  else if (verb === 'pause') world.orphanPauses.add(name);
  else world.orphanPauses.delete(name);
  if (q) {
    world.log(
      { job: 'ml-workers/asynqmon', namespace: 'ml-workers', app: 'asynqmon', pod: 'asynqmon-0', node: 'gpu-node-02' },
      'info',
      `queue ${verb}d`,
      { queue: name },
    );
  }
  noContent(res);
}

function findTask(q: QueueState, id: string): Task | undefined {
  for (const state of TASK_STATES) {
    const t = q[state].find((x) => x.id === id);
    if (t) return t;
  }
  return undefined;
}

/** Returns false when the path is not an AsynqMon route. */
export function handleAsynqmon(engine: Engine, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const path = url.pathname;
  if (!path.startsWith('/api/')) return false;
  const world = engine.world;
  const now = world.nowMs;
  const method = req.method ?? 'GET';
  // Go's router matches the decoded path, so a queue name with %2F becomes two segments and no route.
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    sendUiPage(res);
    return true;
  }
  const parts = decoded.slice('/api/'.length).split('/');
  const [head, qname, sub, tail] = parts;
  const get = method === 'GET';

  if (head === 'queues' && parts.length === 1 && get) {
    goJson(res, { queues: world.queues.map((q) => queueJson(q, now)) });
    return true;
  }
  if (head === 'queue_stats' && parts.length === 1 && get) {
    const stats: Record<string, unknown> = {};
    for (const q of world.queues) stats[q.name] = historyJson(q, now, 90);
    goJson(res, { stats });
    return true;
  }
  if (head === 'servers' && parts.length === 1 && get) {
    goJson(res, serversJson(engine));
    return true;
  }
  if (head === 'scheduler_entries' && parts.length === 1 && get) {
    goJson(res, { entries: [] });
    return true;
  }
  if (head === 'redis_info' && parts.length === 1 && get) {
    goJson(res, redisInfoJson());
    return true;
  }
  if (head === 'metrics' && parts.length === 1 && get) {
    // Without --prometheus-addr every PromQL fetch fails on an empty URL; the template's placeholder shows through.
    asynqError(res, 500, 'failed to fetch "asynq_queue_size{QUEUE_FILTER}": Get "/api/v1/query_range": unsupported protocol scheme ""');
    return true;
  }
  if (head === 'queues' && qname !== undefined && parts.length === 2) {
    const verb = /^(.*):(pause|resume)$/.exec(qname);
    if (verb && method === 'POST') {
      pauseOrResume(engine, res, verb[1] ?? '', verb[2] as 'pause' | 'resume');
      return true;
    }
    // GET /api/queues/x:pause is the queue route with the name "x:pause".
    if (get) {
      const q = world.queue(qname);
      if (!q) notFound(res, qname);
      else goJson(res, { current: queueJson(q, now), history: historyJson(q, now, 10) });
      return true;
    }
  }
  if (head === 'queues' && qname !== undefined && sub !== undefined && parts.length === 3 && get) {
    const m = /^(active|pending|scheduled|retry|archived|completed)_tasks$/.exec(sub);
    if (m) {
      const q = world.queue(qname);
      if (!q) {
        // GetQueueInfo's sentinel error, unwrapped by the list handlers (unlike GET /api/queues/{q}).
        asynqError(res, 500, 'asynq: queue not found');
        return true;
      }
      const { page, size } = pageOptions(url);
      const start = size * (page - 1);
      const tasks = redisRange(sortedTasks(q, m[1] as ListState), start, start + size - 1).map((t) => listTaskJson(t, now));
      const stats = queueJson(q, now);
      // The active handler builds its struct with tasks first; the others put stats first.
      goJson(res, m[1] === 'active' ? { tasks, stats } : { stats, tasks });
      return true;
    }
  }
  if (head === 'queues' && qname !== undefined && sub === 'tasks' && tail !== undefined && parts.length === 4 && get) {
    const q = world.queue(qname);
    // GetTaskInfo errors are mapped to 404 with the "asynq: " prefix stripped.
    if (!q) asynqError(res, 404, 'queue not found');
    else {
      const t = findTask(q, tail);
      if (!t) asynqError(res, 404, 'task not found');
      else goJson(res, taskInfoJson(t, now));
    }
    return true;
  }
  sendUiPage(res);
  return true;
}
