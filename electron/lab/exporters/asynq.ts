/** asynq x/metrics QueueMetricsCollector series (names, types and labels as in the real collector). */
import { queueCounts } from '../sim/queue-step.js';
import type { World } from '../sim/world.js';
import { family, type Family } from './text-format.js';

/** asynq samples memory usage; the lab approximates it from task counts. */
export function approxMemoryBytes(size: number, completed: number): number {
  return 1024 + (size + completed) * 412;
}

export function asynqFamilies(world: World): Family[] {
  const enqueued = family('asynq_tasks_enqueued_total', 'gauge', 'Number of tasks enqueued; broken down by queue and state.');
  const size = family('asynq_queue_size', 'gauge', 'Number of tasks in a queue');
  const latency = family(
    'asynq_queue_latency_seconds',
    'gauge',
    'Number of seconds the oldest pending task is waiting in pending state to be processed.',
  );
  const memory = family(
    'asynq_queue_memory_usage_approx_bytes',
    'gauge',
    'Number of memory used by a given queue (approximated number by sampling).',
  );
  const processed = family(
    'asynq_tasks_processed_total',
    'counter',
    'Number of processed tasks (both succeeded and failed); broken down by queue',
  );
  const failed = family('asynq_tasks_failed_total', 'counter', 'Number of processed tasks that failed; broken down by queue');
  const paused = family('asynq_queue_paused_total', 'gauge', 'Number of queues paused');
  for (const q of world.queues) {
    const c = queueCounts(q, world.nowMs);
    for (const state of ['active', 'pending', 'scheduled', 'retry', 'archived', 'completed'] as const) {
      enqueued.samples.push({ labels: { queue: q.name, state }, value: c[state] });
    }
    const labels = { queue: q.name };
    size.samples.push({ labels, value: c.size });
    latency.samples.push({ labels, value: c.latencyMs / 1000 });
    memory.samples.push({ labels, value: approxMemoryBytes(c.size, c.completed) });
    processed.samples.push({ labels, value: q.processedTotal });
    failed.samples.push({ labels, value: q.failedTotal });
    paused.samples.push({ labels, value: q.paused ? 1 : 0 });
  }
  return [enqueued, size, latency, memory, processed, failed, paused];
}
