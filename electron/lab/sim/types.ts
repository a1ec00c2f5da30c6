/** State of the simulated platform. Plain data so ground truth can be serialised as-is. */

export type TaskState = 'pending' | 'active' | 'scheduled' | 'retry' | 'archived' | 'completed';

export interface Task {
  id: string;
  type: string;
  payload: string;
  queue: string;
  state: TaskState;
  maxRetry: number;
  retried: number;
  errorMessage: string;
  timeoutSec: number;
  enqueuedAtMs: number;
  /** Seconds of work left at full GPU speed (active tasks only). */
  remainingSec: number;
  startedAtMs: number;
  deadlineMs: number;
  nextProcessAtMs: number;
  lastFailedAtMs: number;
  completedAtMs: number;
  /** Pod running it while active. */
  workerPod: string;
  /** Decided when the task starts, so failures are reproducible under the seed. */
  willFail: boolean;
}

export interface DailyStat {
  date: string;
  processed: number;
  failed: number;
}

export interface QueueState {
  name: string;
  taskType: string;
  arrivalPerSec: number;
  meanWorkSec: number;
  timeoutSec: number;
  maxRetry: number;
  /** VRAM one in-flight task of this queue needs on top of the loaded model. */
  taskMiB: number;
  paused: boolean;
  pending: Task[];
  active: Task[];
  scheduled: Task[];
  retry: Task[];
  archived: Task[];
  completed: Task[];
  processedTotal: number;
  failedTotal: number;
  /** Oldest first; the last entry is today (UTC, simulated). */
  history: DailyStat[];
}

export interface GpuState {
  node: string;
  index: number;
  uuid: string;
  pciBusId: string;
  modelName: string;
  totalMiB: number;
  reservedMiB: number;
  usedMiB: number;
  util: number;
  tempC: number;
  powerW: number;
  tdpW: number;
  /** Value of the last XID error, 0 when none (DCGM_FI_DEV_XID_ERRORS semantics). */
  xid: number;
  /** false once the GPU has fallen off the bus: its series vanish from /metrics. */
  present: boolean;
}

export type PodKind = 'worker' | 'notebook';

export interface PodState {
  namespace: string;
  name: string;
  uid: string;
  container: string;
  kind: PodKind;
  node: string;
  gpu: number;
  /** Worker pods: the asynq queue they serve. Notebooks: the JupyterHub user. */
  queue: string;
  user: string;
  concurrency: number;
  phase: 'Pending' | 'Running';
  running: boolean;
  waitingReason: string;
  restartAtMs: number;
  restarts: number;
  lastTerminatedReason: string;
  lastTerminatedExitCode: number;
  lastTerminatedAtMs: number;
  /** Model weights resident once loaded. */
  baseMiB: number;
  /** Allocator fragmentation that only a restart gives back (gpu-oom). */
  fragMiB: number;
  /** Notebooks: VRAM held by the kernel. */
  heldMiB: number;
}

export interface FilesystemState {
  node: string;
  device: string;
  mountpoint: string;
  fstype: string;
  sizeBytes: number;
  freeBytes: number;
  /** Bytes reserved for root (ext4 5%); avail = free - rootReserved. */
  rootReservedBytes: number;
  /** "" when statfs works; "mountpoint timeout" when the mount hangs. */
  deviceError: string;
}

export type AuthProvider = 'local' | 'keycloak' | 'ad';

export interface AuthState {
  providerUp: Record<AuthProvider, boolean>;
  validationFailures: Record<AuthProvider, number>;
  /** gateway_http_requests_total by "service|code". */
  requests: Record<string, number>;
}

export interface NodeState {
  name: string;
  gpuCapacity: number;
  gpuAllocatable: number;
}
