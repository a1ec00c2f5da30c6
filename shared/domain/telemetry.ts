/**
 * What the poller stores and the command view draws. Every source kind writes the same
 * metric keys (a DCGM scrape and a PromQL query both produce `gpu.memory.share`), so the
 * charts never care which upstream a number came from. Labels are normalised: `node` is
 * always the host (from `Hostname`, `hostname` or `instance`), `pod` the workload pod.
 */

import type { SourceKind } from './sources';

export const METRICS = {
  /** FB_USED / (FB_USED + FB_FREE + FB_RESERVED), 0..1. Labels: node, gpu, model. */
  gpuMemoryShare: 'gpu.memory.share',
  /** Memory-weighted share per node (sum before divide), 0..1. Labels: node. */
  nodeGpuMemoryShare: 'node.gpu.memory.share',
  /** Tasks in a state right now. Labels: queue, state (pending|active|scheduled|retry|archived). */
  queueDepth: 'queue.depth',
  /** Age of the oldest pending task, seconds. Labels: queue. */
  queueLatency: 'queue.latency_s',
  /** Processed / failed since midnight UTC (AsynqMon's daily counters). Labels: queue. */
  queueProcessedToday: 'queue.processed_today',
  queueFailedToday: 'queue.failed_today',
  /** 1 when the queue is paused. Labels: queue. */
  queuePaused: 'queue.paused',
  /** Cumulative container restarts (a counter: a marker is drawn where it goes up). Labels: namespace, pod, container. */
  podRestarts: 'pod.restarts_total',
  /** 1 while the container's last termination was OOMKilled. Labels: namespace, pod, container. */
  podLastOom: 'pod.last_oom',
  /** Share of a filesystem unavailable to non-root users, 0..1. Labels: node, mountpoint, fstype. */
  fsUsedShare: 'fs.used_share',
  /** 1 when statfs fails (hung NFS); the size series vanish at the same time. Labels: node, mountpoint. */
  fsDeviceError: 'fs.device_error',
  /** Error lines per minute. Labels: service. */
  logErrorLines: 'logs.error_lines',
  /** Requests through the API gateway (a counter: panels show its rate). Labels: service, code. */
  gatewayRequests: 'gateway.requests_total',
  /** Bearer tokens that failed validation (a counter). Labels: provider. */
  authTokenFailures: 'auth.token_failures_total',
  /** 1 while the identity provider answers its health check. Labels: provider. */
  authProviderUp: 'auth.provider_up',
  /** 401 / token-validation failure lines per minute (the auth surge detection reads). Labels: the query's `by`. */
  logAuthFailures: 'logs.auth_failures',
  /** The last XID error a GPU reported (DCGM_FI_DEV_XID_ERRORS; 0 = none). Labels: node, gpu, model. */
  gpuXid: 'gpu.xid',
  /** 1 while the node's Ready condition is true, 0 when NotReady or Unknown. Labels: node. */
  nodeReady: 'node.ready',
} as const;
export type MetricKey = (typeof METRICS)[keyof typeof METRICS];

/**
 * A Prometheus query stored under one of these keys fills a panel instead of a chart series: its
 * instant answer (raw series with `__name__`) is read into the GPU or queue snapshot, as the
 * exporter-scrape and AsynqMon sources fill them, so Prometheus alone is a complete setup.
 */
export const SNAPSHOT_METRICS = {
  /** DCGM_FI_DEV_FB_USED / _FREE / _RESERVED (MiB) per GPU, with its node, model and pod labels. */
  gpus: 'snapshot.gpus',
  /** asynq_tasks_enqueued_total by queue and state, asynq_queue_latency_seconds, asynq_queue_paused_total. */
  queues: 'snapshot.queues',
} as const;
export type SnapshotMetric = (typeof SNAPSHOT_METRICS)[keyof typeof SNAPSHOT_METRICS];

export const QUEUE_STATES = ['pending', 'active', 'scheduled', 'retry', 'archived'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** `[epoch ms, value]`; null where the upstream said NaN (e.g. 0/0 on an idle GPU). */
export type SeriesPoint = [number, number | null];

export interface SeriesData {
  /** Stable within one database: the same labels from the same source keep their id. */
  id: number;
  sourceId: number;
  metric: string;
  labels: Record<string, string>;
  points: SeriesPoint[];
}

export interface SeriesResult {
  metric: string;
  fromMs: number;
  toMs: number;
  series: SeriesData[];
  /** Points stored in the range before downsampling, summed over series. */
  storedPoints: number;
  /** True when some series had more points than asked for and were downsampled. */
  downsampled: boolean;
  /** When the newest point of any series was taken; null when there is none. */
  newestAt: number | null;
}

/** One asynq queue as the queue panel shows it (from AsynqMon, or from Prometheus' asynq metrics). */
export interface QueueStat {
  queue: string;
  pending: number;
  active: number;
  scheduled: number;
  retry: number;
  archived: number;
  latencyMs: number;
  /**
   * AsynqMon's daily counters (since midnight UTC). null when the source does not report them:
   * asynq's Prometheus metrics carry only all-time counters, and Pitwall does not guess a day from them.
   */
  processedToday: number | null;
  failedToday: number | null;
  paused: boolean;
}

/** One GPU as the per-GPU view shows it, with the workload(s) holding it when the exporter says. */
export interface GpuStat {
  node: string;
  gpu: string;
  model: string;
  /** 0..1, or null when the total is unknown / zero. */
  share: number | null;
  usedMiB: number;
  totalMiB: number;
  namespace: string | null;
  pod: string | null;
  /**
   * Every workload on this GPU as `namespace/pod`, when more than one is (a shared GPU is exported
   * once per pod); `namespace` and `pod` above are the first of them, the same from every source.
   */
  sharedBy?: string[];
}

export interface AlertRecord {
  sourceId: number;
  /** Stable identity: the alert's sorted labels. */
  key: string;
  name: string;
  severity: string | null;
  labels: Record<string, string>;
  summary: string | null;
  startsAt: number;
  /** Last poll that still saw it firing. */
  lastSeenAt: number;
  /** When a poll first stopped seeing it; null while firing. */
  resolvedAt: number | null;
}

/** The last good answer of a source, with its age made explicit by `at`. */
export interface Snapshot<T> {
  sourceId: number;
  at: number;
  data: T;
}

export interface TelemetrySnapshot {
  queues: Snapshot<QueueStat[]> | null;
  gpus: Snapshot<GpuStat[]> | null;
  alerts: Snapshot<AlertRecord[]> | null;
  /** Which sources can fill the GPU and queue panels, which one is shown, and what is missing. */
  panels?: { gpus: PanelSources; queues: PanelSources };
}

/** A source able to fill a panel, and what it last gave it. */
export interface PanelCandidate {
  sourceId: number;
  name: string;
  kind: SourceKind;
  /** When its last snapshot for this panel was stored; null if it never gave one. */
  at: number | null;
  /** GPUs or queues in that snapshot. */
  rows: number | null;
}

/**
 * What a panel is built from: every source that could fill it (the shown one first) and, when the
 * panel would be empty, what is actually missing in words — never a configuration the user already has.
 */
export interface PanelSources {
  candidates: PanelCandidate[];
  missing: string | null;
}

/** How much is kept. Incident windows (lead-in to resolution) are always kept in full. */
export interface RetentionSettings {
  /** Minutes before an incident's impact start / detection / declaration kept (and backfilled) with it. */
  leadInMin: number;
  /** Raw samples outside incident windows are kept this long, then rolled up. */
  rawKeepHours: number;
  /** Rolled-up bucket width. */
  rollupStepSec: number;
  rollupKeepDays: number;
  /** New label sets beyond this many per metric and source are dropped (and the source marked degraded). */
  maxSeriesPerMetric: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  leadInMin: 60,
  rawKeepHours: 6,
  rollupStepSec: 60,
  rollupKeepDays: 14,
  maxSeriesPerMetric: 2_000,
};

export interface LogLine {
  /** Loki's nanosecond timestamp, kept as a string (ms lose the order of lines within one ms). */
  tNs: string;
  tMs: number;
  labels: Record<string, string>;
  /** Untrusted text: always rendered as text, never as HTML. */
  line: string;
  /** From a `level` label or the line itself; null when neither says. */
  level: 'error' | 'warn' | 'info' | 'debug' | null;
}

export interface LogQueryResult {
  sourceId: number;
  query: string;
  lines: LogLine[];
  /** The limit was reached: older (or newer) lines exist. */
  truncated: boolean;
  /** When nothing matched in a Loki that has streams: which labels its streams carry, in words. */
  hint: string | null;
}

/** What the logs panel's default queries select on, decided from the labels a Loki source has. */
export interface LogDefaults {
  sourceId: number;
  /** The stream label that names a service: the source's choice when its streams carry it, else picked from them. */
  serviceLabel: string;
  /** The source's stream labels (last 6 hours); null when Loki could not be asked. */
  labels: string[] | null;
  /** Why the label is a guess, in words (labels unreadable, or the chosen one on no stream); null when it is not. */
  note: string | null;
}

/** How a metric is named to people (timeline summaries, reports, chart legends). */
export const METRIC_TITLES: Readonly<Record<MetricKey, string>> = {
  'gpu.memory.share': 'GPU memory used',
  'node.gpu.memory.share': 'GPU memory used per node',
  'queue.depth': 'Queue depth',
  'queue.latency_s': 'Queue latency',
  'queue.processed_today': 'Tasks processed today',
  'queue.failed_today': 'Tasks failed today',
  'queue.paused': 'Queue paused',
  'pod.restarts_total': 'Container restarts',
  'pod.last_oom': 'Last termination OOMKilled',
  'fs.used_share': 'Filesystem used',
  'fs.device_error': 'Filesystem failing stat',
  'logs.error_lines': 'Error log lines',
  'gateway.requests_total': 'Gateway requests',
  'auth.token_failures_total': 'Token validation failures',
  'auth.provider_up': 'Identity provider up',
  'logs.auth_failures': '401 / token failure lines',
  'gpu.xid': 'GPU XID error',
  'node.ready': 'Node Ready',
};

export function metricTitle(metric: string): string {
  return (METRIC_TITLES as Record<string, string>)[metric] ?? metric;
}
