import type { SourceConnection } from '../../shared/domain/sources';
import { METRICS, QUEUE_STATES, type QueueStat } from '../../shared/domain/telemetry';
import { AsynqmonClient, type AsynqQueue } from '../sources/asynqmon';
import { noData, outcome, plural, type Collector } from './collector-kit';
import type { CollectedSample, Collection } from './types';

export function queueStat(q: AsynqQueue): QueueStat {
  return {
    queue: q.queue,
    pending: q.pending,
    active: q.active,
    scheduled: q.scheduled,
    retry: q.retry,
    archived: q.archived,
    latencyMs: q.latencyMs,
    processedToday: q.processedToday,
    failedToday: q.failedToday,
    paused: q.paused,
  };
}

/** The queue panel's numbers as samples, under the same keys an asynq /metrics scrape produces. */
export function queueSamples(stats: readonly QueueStat[], tMs: number): CollectedSample[] {
  const out: CollectedSample[] = [];
  for (const q of stats) {
    const queue = { queue: q.queue };
    for (const state of QUEUE_STATES) out.push({ metric: METRICS.queueDepth, labels: { queue: q.queue, state }, tMs, value: q[state] });
    out.push({ metric: METRICS.queueLatency, labels: queue, tMs, value: q.latencyMs / 1000 });
    if (q.processedToday !== null) out.push({ metric: METRICS.queueProcessedToday, labels: queue, tMs, value: q.processedToday });
    if (q.failedToday !== null) out.push({ metric: METRICS.queueFailedToday, labels: queue, tMs, value: q.failedToday });
    out.push({ metric: METRICS.queuePaused, labels: queue, tMs, value: q.paused ? 1 : 0 });
  }
  return out;
}

export function createAsynqmonCollector(conn: SourceConnection): Collector {
  const client = AsynqmonClient.connect(conn);
  const where = `AsynqMon at ${conn.baseUrl}`;
  return {
    async collect(signal, nowMs): Promise<Collection> {
      const queues = (await client.listQueues({ signal })).map(queueStat);
      // An answer listing no queues says nothing: the last queues known stay on screen, with their age.
      if (queues.length === 0)
        return {
          samples: [],
          partialErrors: [noData(`${where} answered, but it lists no queues: is it connected to the Redis your workers use?`)],
        };
      return { samples: queueSamples(queues, nowMs), queues, partialErrors: [] };
    },
    test(signal) {
      return outcome(where, async () => {
        const queues = await client.listQueues({ signal });
        const paused = queues.filter((q) => q.paused).length;
        if (queues.length === 0) {
          return {
            summary: 'AsynqMon: 0 queues',
            details: [],
            failure: noData('AsynqMon answered, but it lists no queues: is it connected to the Redis your workers use?'),
          };
        }
        return {
          summary: `AsynqMon: ${plural(queues.length, 'queue')}${paused > 0 ? ` (${paused} paused)` : ''}`,
          details: queues.map(
            (q) =>
              `${q.queue}: ${q.pending} pending, ${q.active} active, ${q.retry} retry, ${q.archived} archived` +
              `${q.latencyMs > 0 ? `, oldest waiting ${q.displayLatency || `${q.latencyMs / 1000} s`}` : ''}${q.paused ? ' — paused' : ''}`,
          ),
        };
      });
    },
    close() {
      client.close();
    },
  };
}
