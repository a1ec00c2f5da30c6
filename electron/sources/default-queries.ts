/**
 * The queries Pitwall polls out of the box (users can edit them per source). Metric names and labels
 * follow the real exporters (contracts/upstream-apis.md §5): DCGM framebuffer fields in MiB,
 * kube-state-metrics pod metrics, node_exporter filesystem gauges, asynq's queue collector.
 */

import { authFailuresQuery, errorLinesQuery, errorRateQuery } from '../../shared/domain/log-queries';
import { FB_METRICS } from './gpu-memory';
import { METRICS, SNAPSHOT_METRICS, type MetricKey, type SnapshotMetric } from '../../shared/domain/telemetry';

export type QueryUnit = 'ratio' | 'tasks' | 'restarts' | 'flag' | 'lines' | 'mib' | 'requests';

export interface DefaultQuery {
  id: string;
  source: 'prometheus' | 'loki';
  /** `logs` returns lines (streams); `metric` returns numbers. */
  kind: 'metric' | 'logs';
  title: string;
  expr: string;
  unit: QueryUnit;
  /** Why the query looks the way it does, shown next to the editable text. */
  description: string;
  /**
   * Polled by default and stored under this key (a snapshot key fills a panel instead of a series);
   * queries without one are for charts and checklists on demand.
   */
  metric?: MetricKey | SnapshotMetric;
}

/** dcgm-exporter ≤4.8 labels the node `Hostname`, main `hostname`: copy the former into the latter. */
export function withHostname(expr: string): string {
  return `label_replace(${expr}, "hostname", "$1", "Hostname", "(.+)")`;
}

const FB_TOTAL = '(DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE + DCGM_FI_DEV_FB_RESERVED)';

/** Raw series of several metrics in one request, each keeping its `__name__` and every label. */
export function metricsNamed(names: readonly string[]): string {
  return `{__name__=~"${names.join('|')}"}`;
}

/** The asynq metric names the queue panel reads (electron/poller/prometheus-snapshots.ts). */
export const QUEUE_SNAPSHOT_NAMES = ['asynq_tasks_enqueued_total', 'asynq_queue_latency_seconds', 'asynq_queue_paused_total'] as const;
const GPU_MEMORY_SHARE = `DCGM_FI_DEV_FB_USED / ${FB_TOTAL}`;
// Pseudo and container-layer filesystems would only add noise to a saturation chart.
const REAL_FS = 'fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs|autofs"';

/**
 * The label Loki defaults select on until the user picks one from the source's labels (Test offers
 * them): Promtail's Kubernetes config sets `job="<namespace>/<app>"` on every stream.
 */
export const DEFAULT_SERVICE_LABEL = 'job';

/** A Loki source's default queries, selecting every stream that has `label` and grouping by it. */
export function lokiDefaultQueries(label: string): DefaultQuery[] {
  return [
    {
      id: 'log-error-rate',
      metric: METRICS.logErrorLines,
      source: 'loki',
      kind: 'metric',
      title: `Error lines per ${label} (per minute)`,
      expr: errorRateQuery(label),
      unit: 'lines',
      description: `Lines per minute that read as errors (error, fatal, panic, kernel OOM kills, NVRM Xid), per value of the stream label "${label}", stored as the service.`,
    },
    {
      id: 'log-auth-failures',
      metric: METRICS.logAuthFailures,
      source: 'loki',
      kind: 'metric',
      title: `Auth failure lines (401, token errors) per ${label} per minute`,
      expr: authFailuresQuery(label),
      unit: 'lines',
      description:
        'Lines that say 401, unauthorized or a token failed validation, per minute, in every stream with the label; the auth-outage detection rule reads it. Narrow the selector to your gateway and identity services if it is too broad.',
    },
    {
      id: 'log-error-lines',
      source: 'loki',
      kind: 'logs',
      title: 'Error lines',
      expr: errorLinesQuery(label),
      unit: 'lines',
      description: 'The lines behind the error rate, newest first, scoped to the incident window.',
    },
  ];
}

export const DEFAULT_QUERIES: readonly DefaultQuery[] = [
  {
    id: 'gpu-memory-share',
    metric: METRICS.gpuMemoryShare,
    source: 'prometheus',
    kind: 'metric',
    title: 'GPU memory used, per GPU',
    expr: GPU_MEMORY_SHARE,
    unit: 'ratio',
    description:
      'Used framebuffer over used + free + reserved (the default DCGM counters have no total). Label sets of the three fields are identical, so they match one-to-one.',
  },
  {
    id: 'gpu-memory-share-node',
    metric: METRICS.nodeGpuMemoryShare,
    source: 'prometheus',
    kind: 'metric',
    title: 'GPU memory used, per node',
    expr:
      `sum by (hostname) (max by (hostname, gpu) (${withHostname('DCGM_FI_DEV_FB_USED')}))` +
      ` / sum by (hostname) (max by (hostname, gpu) (${withHostname(FB_TOTAL)}))`,
    unit: 'ratio',
    description:
      'Memory-weighted share per node: sums before dividing, so a node with one full GPU of eight does not read 100 %. Hostname and hostname are unified first, and a GPU shared by several pods (one series per pod) is counted once.',
  },
  {
    id: 'gpu-memory-share-node-max',
    source: 'prometheus',
    kind: 'metric',
    title: 'Fullest GPU per node',
    expr: `max by (hostname) (${withHostname(GPU_MEMORY_SHARE)})`,
    unit: 'ratio',
    description: 'The GPU that will hit CUDA out-of-memory first on each node.',
  },
  {
    id: 'queue-depth',
    metric: METRICS.queueDepth,
    source: 'prometheus',
    kind: 'metric',
    title: 'Queue depth by state',
    expr: 'sum by (queue, state) (asynq_tasks_enqueued_total)',
    unit: 'tasks',
    description: 'A gauge despite its _total name: tasks currently in each state. Absent series mean the collector could not read Redis.',
  },
  {
    id: 'gpu-snapshot',
    metric: SNAPSHOT_METRICS.gpus,
    source: 'prometheus',
    kind: 'metric',
    title: 'GPU panel: framebuffer per GPU (MiB)',
    expr: metricsNamed(FB_METRICS),
    unit: 'mib',
    description:
      'Fills the GPU panel when no exporter is read directly: the three DCGM framebuffer fields with all their labels, read into share, used and total MiB, model, node (Hostname or hostname) and the pod holding the GPU (exported_pod / exported_namespace where Prometheus renamed them). Add a matcher such as cluster="prod" inside the braces to pick one cluster.',
  },
  {
    id: 'queue-snapshot',
    metric: SNAPSHOT_METRICS.queues,
    source: 'prometheus',
    kind: 'metric',
    title: 'Queue panel: asynq queues by state',
    expr: metricsNamed(QUEUE_SNAPSHOT_NAMES),
    unit: 'tasks',
    description:
      "Fills the queue panel when no AsynqMon source answers: tasks per queue and state, the oldest pending task's age and whether the queue is paused, from asynq's metrics collector. AsynqMon's daily processed / failed counts are not in these metrics, so the panel leaves them blank.",
  },
  {
    id: 'oom-killed-restarts',
    source: 'prometheus',
    kind: 'metric',
    title: 'Containers restarted after OOMKilled (10 min)',
    expr:
      '(increase(kube_pod_container_status_restarts_total[10m]) > 0)' +
      ' and on (namespace, pod, container) ' +
      '(kube_pod_container_status_last_terminated_reason{reason="OOMKilled"} == 1)',
    unit: 'restarts',
    description:
      'Restarts in the last 10 minutes whose last termination was OOMKilled; the value is the restart count. The reason gauge alone stays 1 long after the event.',
  },
  {
    id: 'container-restarts',
    source: 'prometheus',
    kind: 'metric',
    title: 'Container restarts (10 min)',
    expr: 'sum by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total[10m])) > 0',
    unit: 'restarts',
    description: 'Every restart, whatever the reason, to spot crash loops that are not OOM kills.',
  },
  {
    id: 'pod-restarts',
    metric: METRICS.podRestarts,
    source: 'prometheus',
    kind: 'metric',
    title: 'Container restarts (counter)',
    expr: 'kube_pod_container_status_restarts_total',
    unit: 'restarts',
    description:
      'The raw counter, stored as polled: a restart marker is drawn wherever it goes up, so markers land at the poll that saw the restart and backfill gives the same answer.',
  },
  {
    id: 'pod-last-oom',
    metric: METRICS.podLastOom,
    source: 'prometheus',
    kind: 'metric',
    title: 'Last termination was OOMKilled',
    expr: 'kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}',
    unit: 'flag',
    description: 'Tells an OOM kill from any other restart: a restart while this reads 1 is drawn as an OOM kill.',
  },
  {
    id: 'filesystem-saturation',
    metric: METRICS.fsUsedShare,
    source: 'prometheus',
    kind: 'metric',
    title: 'Filesystem used (incl. NFS)',
    expr: `1 - node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}}`,
    unit: 'ratio',
    description:
      'Space unavailable to non-root users. NFS mounts are included; a hung mount has no size or avail series at all — see the device-error query.',
  },
  {
    id: 'filesystem-device-error',
    metric: METRICS.fsDeviceError,
    source: 'prometheus',
    kind: 'metric',
    title: 'Filesystems failing stat (hung NFS)',
    expr: 'node_filesystem_device_error',
    unit: 'flag',
    description:
      'node_exporter marks a mount whose statfs times out (e.g. a dead NFS server) and stops emitting its size series, which vanish rather than read zero.',
  },
  {
    id: 'gateway-requests',
    metric: METRICS.gatewayRequests,
    source: 'prometheus',
    kind: 'metric',
    title: 'Gateway requests by service and status (counter)',
    expr: 'sum by (service, code) (gateway_http_requests_total)',
    unit: 'requests',
    description:
      'The raw counter, stored as polled: the auth panel shows 401s per minute and their share of requests from its increase. Rename to your gateway or ingress counter (e.g. nginx_ingress_controller_requests with status).',
  },
  {
    id: 'auth-token-failures',
    metric: METRICS.authTokenFailures,
    source: 'prometheus',
    kind: 'metric',
    title: 'Token validation failures by identity provider (counter)',
    expr: 'sum by (provider) (auth_token_validation_failures_total)',
    unit: 'requests',
    description: 'Bearer tokens the gateway could not validate, per identity provider (Keycloak, AD, local).',
  },
  {
    id: 'auth-provider-up',
    metric: METRICS.authProviderUp,
    source: 'prometheus',
    kind: 'metric',
    title: 'Identity provider answering',
    expr: 'max by (provider) (auth_provider_up)',
    unit: 'flag',
    description: '1 while the identity provider answers its health check; 0 is an auth outage at its source.',
  },
  {
    id: 'gpu-xid',
    metric: METRICS.gpuXid,
    source: 'prometheus',
    kind: 'metric',
    title: 'GPU XID errors (last code per GPU)',
    expr: 'DCGM_FI_DEV_XID_ERRORS',
    unit: 'flag',
    description:
      'The last XID a GPU reported (0 = none). 79 means the GPU fell off the bus, 48/63/64/94/95 are memory errors; detection ignores application XIDs (13, 31, 43, 45) by default.',
  },
  {
    id: 'node-ready',
    metric: METRICS.nodeReady,
    source: 'prometheus',
    kind: 'metric',
    title: 'Node Ready condition',
    expr: 'kube_node_status_condition{condition="Ready",status="true"}',
    unit: 'flag',
    description: 'kube-state-metrics: 1 while the node is Ready, 0 when NotReady or Unknown.',
  },
  ...lokiDefaultQueries(DEFAULT_SERVICE_LABEL),
];

export function defaultQuery(id: string): DefaultQuery | undefined {
  return DEFAULT_QUERIES.find((q) => q.id === id);
}
