import { METRICS } from '../../domain/telemetry';
import { counterIncrease, dur, firstFrom, freshSeries, indexFrom, last, newestAt, noData, pct, plural, range, valueAt } from '../series';
import type { DetectionSettings } from '../settings';
import type { DetectionFrame, EvidenceItem, FrameSeries, RuleOutcome } from '../types';

/**
 * The two queue rules of the incident playbook seed. "Queue Backlog / Stuck Jobs: pending queue grows,
 * active stays flat" — and, to tell it from contention (where active is flat too, at capacity), almost
 * nothing completes. "GPU Contention (slow, not failing): jobs complete but take much longer, queue
 * backlog grows" — latency and pending rise in several queues while failures stay rare.
 */

const BACKLOG = 'Queue backlog / stuck jobs';
const CONTENTION = 'GPU contention (slow, not failing)';

/**
 * Per queue (and state), the series to read. AsynqMon and an asynq /metrics scrape can both store a
 * queue's depth; the freshest one (then the longest) speaks for it.
 */
function byQueue(series: readonly FrameSeries[], state?: string): Map<string, FrameSeries> {
  const out = new Map<string, FrameSeries>();
  for (const s of series) {
    if (state !== undefined && s.labels['state'] !== state) continue;
    const queue = s.labels['queue'];
    if (!queue) continue;
    const prev = out.get(queue);
    const newest = s.t[s.t.length - 1] ?? 0;
    const prevNewest = prev ? (prev.t[prev.t.length - 1] ?? 0) : -1;
    if (!prev || newest > prevNewest || (newest === prevNewest && s.t.length > prev.t.length)) out.set(queue, s);
  }
  return out;
}

/** Value at the start of the window (or the first one inside it), and the newest. */
function startEnd(s: FrameSeries, fromMs: number): { start: number; end: number; endAt: number } | null {
  const a = valueAt(s, fromMs) ?? firstFrom(s, fromMs);
  const b = last(s);
  return a && b ? { start: a.v, end: b.v, endAt: b.t } : null;
}

/** When the climb began: the last time the window held its lowest value. */
function lastLowAt(s: FrameSeries, fromMs: number): number {
  let low = Infinity;
  let at = fromMs;
  for (let i = indexFrom(s, fromMs); i < s.t.length; i += 1) {
    const v = s.v[i];
    if (v === null || v === undefined) continue;
    if (v <= low) {
      low = v;
      at = s.t[i] as number;
    }
  }
  return at;
}

interface QueueReading {
  queue: string;
  pending: { start: number; end: number };
  since: number;
  active: { min: number; max: number } | null;
  completed: number | null;
  failed: number | null;
  latency: { start: number; end: number } | null;
  retry: number | null;
}

function readQueues(frame: DetectionFrame, fromMs: number, staleMs: number): { readings: QueueReading[]; dataAt: number | null } {
  const depth = freshSeries(frame.series[METRICS.queueDepth] ?? [], frame.now, staleMs);
  const pending = byQueue(depth, 'pending');
  const active = byQueue(depth, 'active');
  const retry = byQueue(depth, 'retry');
  const processed = byQueue(frame.series[METRICS.queueProcessedToday] ?? []);
  const failed = byQueue(frame.series[METRICS.queueFailedToday] ?? []);
  const latency = byQueue(freshSeries(frame.series[METRICS.queueLatency] ?? [], frame.now, staleMs));
  const readings: QueueReading[] = [];
  for (const [queue, p] of pending) {
    const pe = startEnd(p, fromMs);
    if (!pe) continue;
    const a = active.get(queue);
    const ar = a ? range(a, fromMs) : null;
    const pr = processed.get(queue);
    const fr = failed.get(queue);
    const l = latency.get(queue);
    const r = retry.get(queue);
    readings.push({
      queue,
      pending: pe,
      since: lastLowAt(p, fromMs),
      active: ar && ar.n > 0 ? { min: ar.min, max: ar.max } : null,
      // AsynqMon's counters are "today": midnight UTC resets them, which counterIncrease reads as a reset.
      completed: pr ? counterIncrease(pr, fromMs).increase : null,
      failed: fr ? counterIncrease(fr, fromMs).increase : null,
      latency: l ? startEnd(l, fromMs) : null,
      retry: r ? (last(r)?.v ?? null) : null,
    });
  }
  return { readings, dataAt: newestAt(depth) };
}

const growth = (x: { start: number; end: number }): number => x.end - x.start;

export function queueBacklogRule(
  frame: DetectionFrame,
  settings: DetectionSettings['rules']['queue-backlog'],
  staleMs: number,
): RuleOutcome {
  const fromMs = frame.now - settings.windowSec * 1000;
  const { readings, dataAt } = readQueues(frame, fromMs, staleMs);
  if (readings.length === 0) {
    return {
      status: noData(
        frame,
        'queue-backlog',
        BACKLOG,
        [METRICS.queueDepth],
        'add an AsynqMon source, or Prometheus / an exporter with asynq metrics',
      ),
      findings: [],
    };
  }
  const window = dur(settings.windowSec * 1000);
  const stuck = readings.filter((q) => {
    const g = growth(q.pending);
    if (q.pending.end < settings.minPending || g < settings.minPendingGrowth) return false;
    if (!q.active || q.active.max - q.active.min > settings.activeFlatTolerance) return false;
    // Without completion counters (a bare asynq scrape) flat active with growing pending is all there is to go on.
    return q.completed === null || q.completed / (q.completed + g) <= settings.maxCompletedShare;
  });
  if (stuck.length === 0) {
    const top = [...readings].sort((a, b) => b.pending.end - a.pending.end)[0];
    const detail = top
      ? `Largest backlog ${top.queue}: ${top.pending.end} pending (${signed(growth(top.pending))} in ${window}).`
      : 'No queue has pending tasks.';
    return { status: { rule: 'queue-backlog', title: BACKLOG, state: 'clear', detail, dataAt }, findings: [] };
  }
  const evidence: EvidenceItem[] = stuck.map((q) => ({
    text:
      `${q.queue}: pending ${q.pending.start} → ${q.pending.end} (${signed(growth(q.pending))}) in the last ${window}; ` +
      `active flat at ${q.active?.max ?? '?'}; ` +
      (q.completed === null ? 'completions unknown (no processed counter)' : `${plural(q.completed, 'task')} completed`) +
      (q.retry ? `; ${q.retry} in retry` : ''),
    metric: METRICS.queueDepth,
    match: { queue: q.queue },
    fromMs,
    toMs: frame.now,
    values: [
      { label: 'pending', value: q.pending.end, unit: 'tasks' },
      { label: 'pending growth', value: growth(q.pending), unit: 'tasks' },
      { label: 'active', value: q.active?.max ?? null, unit: 'tasks' },
      { label: 'completed in window', value: q.completed, unit: 'tasks' },
    ],
  }));
  const queues = stuck.map((q) => q.queue).sort();
  return {
    status: {
      rule: 'queue-backlog',
      title: BACKLOG,
      state: 'firing',
      detail: `${queues.join(', ')}: pending growing, active flat, nothing completing.`,
      dataAt,
    },
    findings: [
      {
        source: 'queue-backlog',
        playbookId: 'queue-backlog',
        key: 'queue-backlog',
        title: `Queue backlog: ${queues.join(', ')} stuck (${stuck.reduce((n, q) => n + q.pending.end, 0)} pending)`,
        severity: settings.severity,
        since: Math.min(...stuck.map((q) => q.since)),
        affected: { gpus: [], nodes: [], queues, services: queues.map((q) => `${q} workers`), mounts: [] },
        evidence,
      },
    ],
  };
}

export function gpuContentionRule(
  frame: DetectionFrame,
  settings: DetectionSettings['rules']['gpu-contention'],
  staleMs: number,
): RuleOutcome {
  const fromMs = frame.now - settings.windowSec * 1000;
  const { readings } = readQueues(frame, fromMs, staleMs);
  const latency = freshSeries(frame.series[METRICS.queueLatency] ?? [], frame.now, staleMs);
  if (latency.length === 0) {
    return {
      status: noData(
        frame,
        'gpu-contention',
        CONTENTION,
        [METRICS.queueLatency],
        'queue latency comes from an AsynqMon source (or a Prometheus query stored as queue.latency_s)',
      ),
      findings: [],
    };
  }
  const dataAt = newestAt(latency);
  const window = dur(settings.windowSec * 1000);
  const slow = readings.filter((q) => {
    if (!q.latency || q.completed === null || q.completed <= 0) return false;
    const failShare = (q.failed ?? 0) / q.completed;
    return (
      q.latency.end >= settings.minLatencySec &&
      growth(q.latency) >= settings.minLatencyGrowthSec &&
      growth(q.pending) >= settings.minPendingGrowth &&
      failShare <= settings.maxFailureShare
    );
  });
  if (slow.length < settings.minQueues) {
    const worst = [...readings].filter((q) => q.latency).sort((a, b) => (b.latency?.end ?? 0) - (a.latency?.end ?? 0))[0];
    const detail =
      slow.length > 0
        ? `${slow.map((q) => q.queue).join(', ')} slowing down without failures; needs ${settings.minQueues} queues.`
        : worst?.latency
          ? `Longest wait ${worst.queue}: ${dur(worst.latency.end * 1000)}.`
          : 'No queue latency readings.';
    return { status: { rule: 'gpu-contention', title: CONTENTION, state: 'clear', detail, dataAt }, findings: [] };
  }
  const queues = slow.map((q) => q.queue).sort();
  const evidence: EvidenceItem[] = slow.map((q) => {
    const lat = q.latency ?? { start: 0, end: 0 };
    const failShare = (q.failed ?? 0) / (q.completed ?? 1);
    return {
      text:
        `${q.queue}: oldest pending task waits ${dur(lat.end * 1000)} (was ${dur(lat.start * 1000)}), pending ${q.pending.start} → ${q.pending.end} ` +
        `in the last ${window}; ${plural(q.completed ?? 0, 'task')} completed, ${pct(failShare)} failed`,
      metric: METRICS.queueLatency,
      match: { queue: q.queue },
      fromMs,
      toMs: frame.now,
      values: [
        { label: 'latency', value: lat.end, unit: 'seconds' },
        { label: 'pending growth', value: growth(q.pending), unit: 'tasks' },
        { label: 'completed in window', value: q.completed, unit: 'tasks' },
        { label: 'failed share', value: failShare, unit: 'share' },
      ],
    };
  });
  return {
    status: {
      rule: 'gpu-contention',
      title: CONTENTION,
      state: 'firing',
      detail: `${queues.join(', ')}: slower and growing, jobs still completing.`,
      dataAt,
    },
    findings: [
      {
        source: 'gpu-contention',
        playbookId: 'gpu-contention',
        key: 'gpu-contention',
        title: `GPU contention: ${plural(queues.length, 'queue')} slowing down (${queues.join(', ')}), jobs still completing`,
        severity: settings.severity,
        since: Math.min(...slow.map((q) => q.since)),
        affected: { gpus: [], nodes: [], queues, services: queues.map((q) => `${q} workers`), mounts: [] },
        evidence,
      },
    ],
  };
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : `${n}`;
}
