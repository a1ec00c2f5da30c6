import { METRICS, QUEUE_STATES, type GpuStat, type QueueStat, type QueueState } from '../../shared/domain/telemetry';
import { gpuMemoryFromSamples, type GpuMemory } from '../sources/gpu-memory';
import type { RawSeries } from './labels';
import type { CollectedSample } from './types';

/**
 * The GPU and queue panels from a Prometheus instant answer (raw series, each with `__name__`), so
 * Prometheus alone fills them as the exporter-scrape and AsynqMon sources do. The numbers are the
 * answer's own: nothing is rounded or guessed.
 */

/** One GPU as the panel shows it; a share that cannot be computed (no memory reported) is null. */
export function gpuStat(g: GpuMemory): GpuStat {
  const stat: GpuStat = {
    node: g.node,
    gpu: g.gpu,
    model: g.model ?? '',
    share: Number.isFinite(g.share) ? g.share : null,
    usedMiB: g.usedMiB,
    totalMiB: g.totalMiB,
    namespace: g.namespace ?? null,
    pod: g.pod ?? null,
  };
  if (g.pods.length > 1) stat.sharedBy = g.pods.map((p) => (p.namespace ? `${p.namespace}/${p.pod}` : p.pod));
  return stat;
}

/**
 * GPUs from DCGM_FI_DEV_FB_USED / _FREE / _RESERVED series (MiB). Node, GPU, model and workload come
 * from the same label variants as everywhere else (gpu-labels.ts: Hostname / hostname, exported_pod /
 * pod, exported_namespace / namespace), so a GPU reads the same whichever source answered.
 */
export function gpuSnapshot(series: readonly RawSeries[]): GpuStat[] {
  const samples = series.map((s) => ({ name: s.labels['__name__'] ?? '', labels: s.labels, value: s.value }));
  return gpuMemoryFromSamples(samples).map(gpuStat);
}

const STATES: ReadonlySet<string> = new Set(QUEUE_STATES);

function blankQueue(queue: string): QueueStat {
  return {
    queue,
    pending: 0,
    active: 0,
    scheduled: 0,
    retry: 0,
    archived: 0,
    latencyMs: 0,
    processedToday: null,
    failedToday: null,
    paused: false,
  };
}

/**
 * Queues from asynq's collector metrics. Task counts are summed per queue and state, as the default
 * `sum by (queue, state)` depth query does (so the panel and the chart agree); the oldest pending
 * task's age and the paused flag take the largest reading. `completed` is not depth and is left out.
 * asynq exports only all-time processed / failed counters, so the daily counts stay null.
 */
export function queueSnapshot(series: readonly RawSeries[]): QueueStat[] {
  const byQueue = new Map<string, QueueStat>();
  for (const s of series) {
    const queue = s.labels['queue'];
    if (!queue || !Number.isFinite(s.value)) continue;
    const q = byQueue.get(queue) ?? blankQueue(queue);
    byQueue.set(queue, q);
    switch (s.labels['__name__']) {
      case 'asynq_tasks_enqueued_total': {
        const state = s.labels['state'] ?? '';
        if (STATES.has(state)) q[state as QueueState] += s.value;
        break;
      }
      case 'asynq_queue_latency_seconds':
        q.latencyMs = Math.max(q.latencyMs, s.value * 1000);
        break;
      case 'asynq_queue_paused_total':
        q.paused = q.paused || s.value >= 1;
        break;
    }
  }
  return [...byQueue.values()].sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
}

/** The queue panel's latency and paused readings as samples, under the keys AsynqMon's poll stores them. */
export function queueSnapshotSamples(queues: readonly QueueStat[], tMs: number): CollectedSample[] {
  const out: CollectedSample[] = [];
  for (const q of queues) {
    out.push({ metric: METRICS.queueLatency, labels: { queue: q.queue }, tMs, value: q.latencyMs / 1000 });
    out.push({ metric: METRICS.queuePaused, labels: { queue: q.queue }, tMs, value: q.paused ? 1 : 0 });
  }
  return out;
}
