import { z } from 'zod';

/**
 * AsynqMon's JSON, field names exactly as asynqmon's conversion_helpers.go writes them, turned into
 * our camelCase objects. AsynqMon sends no Content-Type, so these are applied to the body whatever
 * the header says (contracts/upstream-apis.md §1).
 */

export const TASK_STATES = ['active', 'pending', 'scheduled', 'retry', 'archived', 'completed'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/**
 * Any JSON number, ±Infinity included (JSON.parse reads 1e999 as Infinity): whether a count is
 * plausible is the poller's to judge per value (poller/sample-domain.ts), so one bad number leaves
 * the source degraded with the reason instead of failing the whole answer.
 */
const count = z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v), 'expected a number');
/** Go encodes a nil slice as null; an empty list is what it means. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullable()
    .transform((v) => v ?? []);

export const queueSchema = z
  .object({
    queue: z.string(),
    memory_usage_bytes: count.default(0),
    size: count,
    // Newer fields default to 0 so an older AsynqMon still parses.
    groups: count.default(0),
    latency_msec: count.default(0),
    display_latency: z.string().default(''),
    active: count,
    pending: count,
    aggregating: count.default(0),
    scheduled: count,
    retry: count,
    archived: count,
    completed: count.default(0),
    processed: count,
    succeeded: count.optional(),
    failed: count,
    paused: z.boolean(),
    timestamp: z.string(),
  })
  .transform((q) => ({
    queue: q.queue,
    memoryUsageBytes: q.memory_usage_bytes,
    size: q.size,
    groups: q.groups,
    latencyMs: q.latency_msec,
    displayLatency: q.display_latency,
    active: q.active,
    pending: q.pending,
    aggregating: q.aggregating,
    scheduled: q.scheduled,
    retry: q.retry,
    archived: q.archived,
    completed: q.completed,
    processedToday: q.processed,
    succeededToday: q.succeeded ?? q.processed - q.failed,
    failedToday: q.failed,
    paused: q.paused,
    timestamp: q.timestamp,
  }));
export type AsynqQueue = z.output<typeof queueSchema>;

const dailyStatSchema = z
  .object({ queue: z.string(), processed: count, succeeded: count.optional(), failed: count, date: z.string() })
  .transform((d) => ({
    queue: d.queue,
    date: d.date,
    processed: d.processed,
    succeeded: d.succeeded ?? d.processed - d.failed,
    failed: d.failed,
  }));
export type AsynqDailyStat = z.output<typeof dailyStatSchema>;

const workerSchema = z
  .object({
    task_id: z.string(),
    queue: z.string(),
    task_type: z.string(),
    task_payload: z.string().default(''),
    start_time: z.string(),
  })
  .transform((w) => ({
    taskId: w.task_id,
    queue: w.queue,
    taskType: w.task_type,
    taskPayload: w.task_payload,
    startTime: w.start_time,
  }));

const serverSchema = z
  .object({
    id: z.string(),
    host: z.string(),
    pid: count,
    concurrency: count,
    queue_priorities: z.record(z.string(), count).nullable().default({}),
    strict_priority_enabled: z.boolean().default(false),
    start_time: z.string(),
    status: z.string(),
    active_workers: list(workerSchema).default([]),
  })
  .transform((s) => ({
    id: s.id,
    host: s.host,
    pid: s.pid,
    concurrency: s.concurrency,
    queuePriorities: s.queue_priorities ?? {},
    strictPriority: s.strict_priority_enabled,
    startTime: s.start_time,
    status: s.status,
    activeWorkers: s.active_workers,
  }));
export type AsynqServer = z.output<typeof serverSchema>;

const taskSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    payload: z.string().default(''),
    queue: z.string(),
    max_retry: count,
    retried: count,
    error_message: z.string().default(''),
    // Per-state extras (task_handlers.go); absent on the states that lack them.
    start_time: z.string().optional(),
    deadline: z.string().optional(),
    is_orphaned: z.boolean().optional(),
    next_process_at: z.string().optional(),
    last_failed_at: z.string().optional(),
    completed_at: z.string().optional(),
    result: z.string().optional(),
    ttl_seconds: count.optional(),
    group: z.string().optional(),
  })
  .transform((t) => ({
    id: t.id,
    type: t.type,
    payload: t.payload,
    queue: t.queue,
    maxRetry: t.max_retry,
    retried: t.retried,
    errorMessage: t.error_message,
    /** Active tasks: RFC3339, or "-" while no worker has picked it up. */
    startTime: t.start_time,
    deadline: t.deadline,
    isOrphaned: t.is_orphaned,
    nextProcessAt: t.next_process_at,
    lastFailedAt: t.last_failed_at,
    completedAt: t.completed_at,
    result: t.result,
    ttlSeconds: t.ttl_seconds,
    group: t.group,
  }));
export type AsynqTask = z.output<typeof taskSchema>;

export const queuesReply = z.object({ queues: list(queueSchema) });
export const queueReply = z.object({ current: queueSchema, history: list(dailyStatSchema) });
export const serversReply = z.object({ servers: list(serverSchema) });
export const tasksReply = z.object({ tasks: list(taskSchema), stats: queueSchema });
