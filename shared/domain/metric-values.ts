import { METRICS, metricTitle, type MetricKey, type SeriesPoint } from './telemetry';

/**
 * What a stored number means, so it is written with its unit: a GPU memory share as a percentage,
 * a queue depth as a count of tasks. Metrics not listed (a user's own query) are plain numbers.
 */
export type MetricUnit = 'share' | 'tasks' | 'restarts' | 'seconds' | 'flag' | 'lines-per-min' | 'code' | 'requests';

export const METRIC_UNITS: Readonly<Record<MetricKey, MetricUnit>> = {
  [METRICS.gpuMemoryShare]: 'share',
  [METRICS.nodeGpuMemoryShare]: 'share',
  [METRICS.queueDepth]: 'tasks',
  [METRICS.queueLatency]: 'seconds',
  [METRICS.queueProcessedToday]: 'tasks',
  [METRICS.queueFailedToday]: 'tasks',
  [METRICS.queuePaused]: 'flag',
  [METRICS.podRestarts]: 'restarts',
  [METRICS.podLastOom]: 'flag',
  [METRICS.fsUsedShare]: 'share',
  [METRICS.fsDeviceError]: 'flag',
  [METRICS.logErrorLines]: 'lines-per-min',
  // Counters since the gateway started: the auth panel shows their rate.
  [METRICS.gatewayRequests]: 'requests',
  [METRICS.authTokenFailures]: 'requests',
  [METRICS.authProviderUp]: 'flag',
  [METRICS.logAuthFailures]: 'lines-per-min',
  [METRICS.gpuXid]: 'code',
  [METRICS.nodeReady]: 'flag',
};

export function metricUnit(metric: string): MetricUnit | null {
  return (METRIC_UNITS as Record<string, MetricUnit>)[metric] ?? null;
}

function plain(v: number, digits: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** "99.1 %", "1,212 tasks", "1 restart", "12.5 s", "yes" — a value with its unit, as a person reads it. */
export function formatMetricValue(metric: string, v: number): string {
  switch (metricUnit(metric)) {
    case 'share':
      return `${(v * 100).toFixed(1)} %`;
    case 'tasks':
      return `${plain(v, 2)} ${v === 1 ? 'task' : 'tasks'}`;
    case 'restarts':
      return `${plain(v, 2)} ${v === 1 ? 'restart' : 'restarts'}`;
    case 'seconds':
      return `${plain(v, 1)} s`;
    case 'flag':
      return v >= 1 ? 'yes (1)' : 'no (0)';
    case 'lines-per-min':
      return `${plain(v, 1)} lines/min`;
    case 'requests':
      return `${plain(v, 0)} ${v === 1 ? 'request' : 'requests'} (counter)`;
    case 'code':
      // An XID is a code, not an amount: 79, never "79.000".
      return String(Math.round(v));
    case null:
      return plain(v, Math.abs(v) >= 1000 ? 0 : 3);
  }
}

/** One extreme of a metric in a window: its value, when it was first reached, and in which series. */
export interface Extreme {
  value: number;
  /** The first moment any series of the metric held this value. */
  t: number;
  labels: Record<string, string>;
}

export interface MetricExtremes {
  metric: string;
  title: string;
  series: number;
  points: number;
  min: Extreme | null;
  max: Extreme | null;
}

export interface SeriesLike {
  metric: string;
  labels: Record<string, string>;
  points: readonly SeriesPoint[];
}

/**
 * Per metric (never mixed: a share and a task count have no common min or max), its lowest and highest
 * finite values over the given series, each with the first time it was reached and the series that
 * reached it. In the metrics' first-seen order.
 */
export function windowExtremes(series: readonly SeriesLike[]): MetricExtremes[] {
  const out = new Map<string, MetricExtremes>();
  for (const s of series) {
    const m = out.get(s.metric) ?? { metric: s.metric, title: metricTitle(s.metric), series: 0, points: 0, min: null, max: null };
    out.set(s.metric, m);
    m.series += 1;
    for (const [t, v] of s.points) {
      if (v === null || !Number.isFinite(v)) continue;
      m.points += 1;
      if (m.max === null || v > m.max.value || (v === m.max.value && t < m.max.t)) m.max = { value: v, t, labels: s.labels };
      if (m.min === null || v < m.min.value || (v === m.min.value && t < m.min.t)) m.min = { value: v, t, labels: s.labels };
    }
  }
  return [...out.values()];
}

/** "gpu-node-01 GPU 3", "ocr pending", "ml/ocr-worker-2": which series an extreme came from. */
export function seriesName(labels: Readonly<Record<string, string>>): string {
  if (labels.gpu !== undefined) return `${labels.node ?? '?'} GPU ${labels.gpu}`;
  if (labels.queue !== undefined) return labels.state ? `${labels.queue} ${labels.state}` : labels.queue;
  if (labels.pod !== undefined)
    return `${labels.namespace ? `${labels.namespace}/` : ''}${labels.pod}${labels.container ? ` (${labels.container})` : ''}`;
  if (labels.node !== undefined && Object.keys(labels).length === 1) return labels.node;
  if (labels.mountpoint !== undefined) return `${labels.node ? `${labels.node}:` : ''}${labels.mountpoint}`;
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.join(', ');
}
