/**
 * Knobs a scenario turns. The world's step reads them; scenarios only ever write them, so a
 * scenario is a pure function of (elapsed time) -> Conditions and stays easy to reason about.
 */
export interface Conditions {
  /** GPU work takes this many times longer (contention). */
  slowdown: number;
  arrivalMultiplier: number;
  /** Background failure probability per task (baseline noise). */
  failureProbability: number;
  /** Nodes whose workers leak allocator fragments each task (gpu-oom). */
  fragmentingNodes: string[];
  fragMiBPerTask: number;
  /** Queues whose workers hang mid-task (queue-backlog / stuck jobs). */
  stuckQueues: string[];
  /** Artifact writes per second beyond what TTL cleanup removes. */
  nfsFillBytesPerSec: number;
  minioFillBytesPerSec: number;
  ttlCleanupRunning: boolean;
  nfsHung: boolean;
  keycloakUp: boolean;
  adUp: boolean;
  /** Notebook users load large models (jupyter-vram): MiB each notebook tries to add per second. */
  notebookGrowMiBPerSec: number;
  notebookTargetMiB: number;
  /** node -> XID code reported on its GPU 0 before the node drops out. */
  xidNodes: Record<string, number>;
  /** Nodes whose GPUs have fallen off the bus. */
  failedNodes: string[];
}

export function baselineConditions(): Conditions {
  return {
    slowdown: 1,
    arrivalMultiplier: 1,
    failureProbability: 0.002,
    fragmentingNodes: [],
    fragMiBPerTask: 0,
    stuckQueues: [],
    nfsFillBytesPerSec: 0,
    minioFillBytesPerSec: 0,
    ttlCleanupRunning: true,
    nfsHung: false,
    keycloakUp: true,
    adUp: true,
    notebookGrowMiBPerSec: 0,
    notebookTargetMiB: 0,
    xidNodes: {},
    failedNodes: [],
  };
}
