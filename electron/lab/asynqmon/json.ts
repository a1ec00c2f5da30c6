/**
 * AsynqMon 0.7.2 JSON shapes (conversion_helpers.go). Field order follows the Go structs so the
 * bytes look like the recorded exchanges in contracts/samples.
 */
import { goDuration, rfc3339, rfc3339Nano } from '../http-util.js';
import { approxMemoryBytes } from '../exporters/asynq.js';
import { queueCounts } from '../sim/queue-step.js';
import type { DailyStat, QueueState, Task } from '../sim/types.js';

export function queueJson(q: QueueState, nowMs: number) {
  const c = queueCounts(q, nowMs);
  const today = q.history[q.history.length - 1];
  const processed = today?.processed ?? 0;
  const failed = today?.failed ?? 0;
  return {
    queue: q.name,
    memory_usage_bytes: approxMemoryBytes(c.size, c.completed),
    size: c.size,
    groups: 0,
    latency_msec: c.latencyMs,
    // AsynqMon rounds to 10ms before formatting.
    display_latency: goDuration(Math.round(c.latencyMs / 10) * 10),
    active: c.active,
    pending: c.pending,
    aggregating: 0,
    scheduled: c.scheduled,
    retry: c.retry,
    archived: c.archived,
    completed: c.completed,
    processed,
    succeeded: processed - failed,
    failed,
    paused: q.paused,
    timestamp: rfc3339Nano(nowMs),
  };
}

/** Last `days` days, today first; days the simulation never saw read as zero, as in Redis. */
export function historyJson(q: QueueState, nowMs: number, days: number) {
  const byDate = new Map<string, DailyStat>(q.history.map((d) => [d.date, d]));
  const out = [];
  for (let i = 0; i < days; i += 1) {
    const date = new Date(nowMs - i * 86_400_000).toISOString().slice(0, 10);
    const d = byDate.get(date);
    const processed = d?.processed ?? 0;
    const failed = d?.failed ?? 0;
    out.push({ queue: q.name, processed, succeeded: processed - failed, failed, date });
  }
  return out;
}

function base(t: Task) {
  return {
    id: t.id,
    type: t.type,
    payload: t.payload,
    queue: t.queue,
    max_retry: t.maxRetry,
    retried: t.retried,
    error_message: t.errorMessage,
  };
}

const COMPLETED_RETENTION_SEC = 3600;

export function listTaskJson(t: Task, nowMs: number) {
  switch (t.state) {
    case 'active':
      return { ...base(t), start_time: rfc3339(t.startedAtMs), deadline: rfc3339(t.deadlineMs), is_orphaned: false };
    case 'scheduled':
    case 'retry':
      return { ...base(t), next_process_at: rfc3339Nano(t.nextProcessAtMs) };
    case 'archived':
      return { ...base(t), last_failed_at: t.lastFailedAtMs ? rfc3339Nano(t.lastFailedAtMs) : '0001-01-01T00:00:00Z' };
    case 'completed':
      return {
        ...base(t),
        completed_at: rfc3339Nano(t.completedAtMs),
        result: JSON.stringify({ ok: true }),
        ttl_seconds: Math.max(0, Math.round(COMPLETED_RETENTION_SEC - (nowMs - t.completedAtMs) / 1000)),
      };
    default:
      return base(t);
  }
}

/** Single-task TaskInfo: time fields are RFC3339 strings or "" when unset. */
export function taskInfoJson(t: Task, nowMs: number) {
  const opt = (ms: number) => (ms ? rfc3339(ms) : '');
  return {
    id: t.id,
    queue: t.queue,
    type: t.type,
    payload: t.payload,
    state: t.state,
    max_retry: t.maxRetry,
    retried: t.retried,
    error_message: t.errorMessage,
    last_failed_at: opt(t.lastFailedAtMs),
    timeout_seconds: t.timeoutSec,
    deadline: t.state === 'active' ? opt(t.deadlineMs) : '',
    next_process_at: t.state === 'retry' || t.state === 'scheduled' ? opt(t.nextProcessAtMs) : '',
    completed_at: t.state === 'completed' ? opt(t.completedAtMs) : '',
    result: t.state === 'completed' ? JSON.stringify({ ok: true }) : '',
    ttl_seconds: t.state === 'completed' ? Math.max(0, Math.round(COMPLETED_RETENTION_SEC - (nowMs - t.completedAtMs) / 1000)) : 0,
  };
}
