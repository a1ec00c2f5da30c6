import type { DetectionFrame, FrameAlert, FrameSeries, FrameSource } from './types';

/** Generated frames for the rule tests: series sampled every `stepMs` from a function of time. */

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const STEP = 5_000;

export function gen(
  labels: Record<string, string>,
  fn: (secondsAgo: number) => number | null,
  opts: { fromSecAgo?: number; toSecAgo?: number; stepMs?: number; sourceId?: number } = {},
): FrameSeries {
  const step = opts.stepMs ?? STEP;
  const t: number[] = [];
  const v: (number | null)[] = [];
  for (let ago = (opts.fromSecAgo ?? 900) * 1000; ago >= (opts.toSecAgo ?? 0) * 1000; ago -= step) {
    t.push(NOW - ago);
    v.push(fn(ago / 1000));
  }
  return { sourceId: opts.sourceId ?? 1, labels, t, v };
}

export const OK_SOURCES: FrameSource[] = [
  {
    id: 1,
    name: 'Lab GPU exporter',
    kind: 'exporter-scrape',
    state: 'ok',
    error: null,
    metrics: ['gpu.memory.share', 'pod.restarts_total', 'fs.used_share'],
  },
  { id: 2, name: 'Lab AsynqMon', kind: 'asynqmon', state: 'ok', error: null, metrics: ['queue.depth', 'queue.latency_s'] },
  { id: 3, name: 'Lab Loki', kind: 'loki', state: 'ok', error: null, metrics: [] },
];

export function frame(series: Record<string, FrameSeries[]>, extra: Partial<DetectionFrame> = {}): DetectionFrame {
  return { now: NOW, series, alerts: [], sources: OK_SOURCES, podNodes: {}, ...extra };
}

export function alert(name: string, labels: Record<string, string> = {}, extra: Partial<FrameAlert> = {}): FrameAlert {
  return {
    sourceId: 9,
    name,
    severity: labels['severity'] ?? null,
    labels: { alertname: name, ...labels },
    summary: null,
    startsAt: NOW - 300_000,
    lastSeenAt: NOW - 5_000,
    ...extra,
  };
}

/** A ramp from `from` (at `fromSecAgo`) to `to` (now). */
export function ramp(from: number, to: number, fromSecAgo = 900): (secondsAgo: number) => number {
  return (ago) => to - ((to - from) * ago) / fromSecAgo;
}
