/**
 * asynq task lifecycle: enqueue -> pending -> active -> completed | retry -> ... -> archived.
 * Mirrors asynq semantics that AsynqMon exposes: daily processed/failed counters include
 * failures, retries use asynq's default backoff, a paused queue still accepts tasks.
 */
import { dateOf } from './topology.js';
import type { PodState, QueueState, Task } from './types.js';
import type { World } from './world.js';

/** Bounds memory when a backlog runs for hours at high speed; enqueues beyond it are dropped and logged. */
export const MAX_PENDING_PER_QUEUE = 100_000;
const COMPLETED_RETENTION_MS = 3_600_000;
const MAX_COMPLETED = 500;
const MAX_ARCHIVED = 2_000;
const GPU_QUEUES_WRITE_NFS = new Set(['ocr', 'translation', 'batch']);

const BACKGROUND_ERRORS = [
  'failed to decode input document: unexpected EOF',
  'upstream returned 422: unsupported language pair',
  'invalid payload: missing field "object_key"',
];

function today(world: World, q: QueueState) {
  const date = dateOf(world.nowMs);
  let last = q.history[q.history.length - 1];
  if (!last || last.date !== date) {
    last = { date, processed: 0, failed: 0 };
    q.history.push(last);
    if (q.history.length > 90) q.history.shift();
  }
  return last;
}

function workerStream(world: World, task: Task) {
  const pod = world.pod(task.workerPod);
  return pod ? world.podStream(pod) : { job: 'ml-workers/unknown', namespace: 'ml-workers', app: 'unknown', pod: '', node: '' };
}

export function failTask(world: World, q: QueueState, task: Task, message: string): void {
  q.active = q.active.filter((t) => t !== task);
  q.processedTotal += 1;
  q.failedTotal += 1;
  const day = today(world, q);
  day.processed += 1;
  day.failed += 1;
  task.errorMessage = message;
  task.lastFailedAtMs = world.nowMs;
  world.log(workerStream(world, task), 'error', 'task failed', {
    queue: q.name,
    task_id: task.id,
    type: task.type,
    retried: task.retried,
    error: message,
  });
  task.workerPod = '';
  if (task.retried >= task.maxRetry) {
    task.state = 'archived';
    q.archived.push(task);
    if (q.archived.length > MAX_ARCHIVED) q.archived.shift();
    return;
  }
  task.retried += 1;
  // asynq DefaultRetryDelayFunc: n^4 + 15 + rand(30)*(n+1) seconds.
  const n = task.retried;
  const delaySec = n ** 4 + 15 + world.rng.int(0, 29) * (n + 1);
  task.state = 'retry';
  task.nextProcessAtMs = world.nowMs + delaySec * 1000;
  q.retry.push(task);
}

function succeed(world: World, q: QueueState, task: Task, pod: PodState | undefined): void {
  q.active = q.active.filter((t) => t !== task);
  q.processedTotal += 1;
  today(world, q).processed += 1;
  task.state = 'completed';
  task.completedAtMs = world.nowMs;
  task.workerPod = '';
  q.completed.push(task);
  if (pod && world.conditions.fragmentingNodes.includes(pod.node)) pod.fragMiB += world.conditions.fragMiBPerTask;
  if (q.name !== 'default' && pod) {
    world.log(world.podStream(pod), 'info', 'task completed', {
      queue: q.name,
      task_id: task.id,
      type: task.type,
      duration: `${Math.round((world.nowMs - task.startedAtMs) / 1000)}s`,
    });
  }
}

function newTask(world: World, q: QueueState, seq: number): Task {
  return {
    id: world.rng.uuid(),
    type: q.taskType,
    payload: JSON.stringify({ job_id: seq, object_key: `uploads/${q.name}/${seq}.bin` }),
    queue: q.name,
    state: 'pending',
    maxRetry: q.maxRetry,
    retried: 0,
    errorMessage: '',
    timeoutSec: q.timeoutSec,
    enqueuedAtMs: world.nowMs,
    remainingSec: 0,
    startedAtMs: 0,
    deadlineMs: 0,
    nextProcessAtMs: 0,
    lastFailedAtMs: 0,
    completedAtMs: 0,
    workerPod: '',
    willFail: false,
  };
}

function storageError(world: World, q: QueueState): string | null {
  if (!GPU_QUEUES_WRITE_NFS.has(q.name)) return null;
  const nfs = world.filesystems.find((f) => f.fstype === 'nfs4');
  if (!nfs) return null;
  if (nfs.deviceError) return 'write /mnt/nfs/artifacts/out.json: input/output error (nfs: server not responding)';
  if (nfs.freeBytes < nfs.sizeBytes * 0.005) return 'write /mnt/nfs/artifacts/out.json: no space left on device';
  return null;
}

function progressActive(world: World, q: QueueState): void {
  const c = world.conditions;
  const stuck = c.stuckQueues.includes(q.name);
  for (const task of [...q.active]) {
    const pod = world.pod(task.workerPod);
    if (world.nowMs >= task.deadlineMs) {
      failTask(world, q, task, 'context deadline exceeded');
      continue;
    }
    if (stuck || !pod?.running) continue;
    task.remainingSec -= pod.gpu >= 0 ? 1 / c.slowdown : 1;
    if (task.remainingSec > 0) continue;
    const storage = storageError(world, q);
    if (storage) failTask(world, q, task, storage);
    else if (task.willFail) failTask(world, q, task, world.rng.pick(BACKGROUND_ERRORS));
    else succeed(world, q, task, pod);
  }
}

function dispatch(world: World, q: QueueState): void {
  if (q.paused) return;
  const c = world.conditions;
  for (const pod of world.pods) {
    if (pod.kind !== 'worker' || pod.queue !== q.name || !pod.running) continue;
    let busy = q.active.filter((t) => t.workerPod === pod.name).length;
    while (busy < pod.concurrency && q.pending.length > 0) {
      const task = q.pending.shift() as Task;
      task.state = 'active';
      task.workerPod = pod.name;
      task.startedAtMs = world.nowMs;
      task.deadlineMs = world.nowMs + task.timeoutSec * 1000;
      task.remainingSec = q.meanWorkSec * (0.5 + world.rng.next());
      task.willFail = world.rng.chance(c.failureProbability);
      q.active.push(task);
      busy += 1;
    }
  }
}

export function stepQueues(world: World): void {
  const c = world.conditions;
  for (const q of world.queues) {
    today(world, q);
    const arrivals = world.rng.poisson(q.arrivalPerSec * c.arrivalMultiplier);
    for (let i = 0; i < arrivals; i += 1) {
      if (q.pending.length >= MAX_PENDING_PER_QUEUE) break;
      world.taskSeq += 1;
      q.pending.push(newTask(world, q, world.taskSeq));
    }
    for (const list of [q.scheduled, q.retry]) {
      const due = list.filter((t) => t.nextProcessAtMs <= world.nowMs);
      if (due.length === 0) continue;
      const keep = list.filter((t) => t.nextProcessAtMs > world.nowMs);
      list.length = 0;
      list.push(...keep);
      for (const t of due) {
        t.state = 'pending';
        t.enqueuedAtMs = world.nowMs;
        q.pending.push(t);
      }
    }
    progressActive(world, q);
    dispatch(world, q);
    const cutoff = world.nowMs - COMPLETED_RETENTION_MS;
    while (q.completed.length > 0 && ((q.completed[0]?.completedAtMs ?? 0) < cutoff || q.completed.length > MAX_COMPLETED)) {
      q.completed.shift();
    }
  }
}

/** Active tasks of a worker that died: asynq recovers them once the lease expires. */
export function abandonTasks(world: World, pod: PodState, message: string): number {
  const q = world.queue(pod.queue);
  if (!q) return 0;
  const tasks = q.active.filter((t) => t.workerPod === pod.name);
  for (const t of tasks) failTask(world, q, t, message);
  return tasks.length;
}

export function queueCounts(q: QueueState, nowMs: number) {
  const pending = q.pending.length;
  const active = q.active.length;
  const scheduled = q.scheduled.length;
  const retry = q.retry.length;
  const archived = q.archived.length;
  const completed = q.completed.length;
  const oldest = q.pending[0];
  return {
    pending,
    active,
    scheduled,
    retry,
    archived,
    completed,
    aggregating: 0,
    // asynq Size: everything except completed.
    size: pending + active + scheduled + retry + archived,
    // asynq latency: age of the oldest pending task.
    latencyMs: oldest ? Math.max(0, nowMs - oldest.enqueuedAtMs) : 0,
  };
}
