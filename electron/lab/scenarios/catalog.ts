/**
 * Scenarios from the incident playbook seed. Each maps "seconds since the scenario started" to
 * the conditions the world runs under; the world's own dynamics produce the symptoms
 * (OOM kills, backlog, 401s), so logs and metrics come from the same events.
 */
import { baselineConditions, type Conditions } from '../sim/conditions.js';

export const SCENARIO_NAMES = [
  'baseline',
  'gpu-oom',
  'gpu-contention',
  'queue-backlog',
  'storage-saturation',
  'auth-outage',
  'jupyter-vram',
  'gpu-node-failure',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioInfo {
  name: ScenarioName;
  /** Playbook label the matching Prometheus alerts carry (see assets/prometheus/pitwall-rules.yml). */
  playbook: string;
  summary: string;
}

export const SCENARIOS: Record<ScenarioName, ScenarioInfo> = {
  baseline: { name: 'baseline', playbook: '', summary: 'Healthy platform: steady load, rare background failures.' },
  'gpu-oom': {
    name: 'gpu-oom',
    playbook: 'gpu-oom',
    summary: 'VRAM fragmentation on gpu-node-01: memory climbs, workers are OOMKilled and restart, jobs fail, queues back up.',
  },
  'gpu-contention': {
    name: 'gpu-contention',
    playbook: 'gpu-contention',
    summary: 'Too many concurrent GPU workloads: everything slows, backlog and latency grow, nothing fails.',
  },
  'queue-backlog': {
    name: 'queue-backlog',
    playbook: 'queue-backlog',
    summary: 'translation workers hang (Redis connectivity): pending grows, active stays flat, retries climb.',
  },
  'storage-saturation': {
    name: 'storage-saturation',
    playbook: 'storage-saturation',
    summary: 'TTL cleanup stops: NFS and MinIO fill, uploads fail with 507; after 12 minutes the NFS mount hangs.',
  },
  'auth-outage': {
    name: 'auth-outage',
    playbook: 'auth-outage',
    summary: 'Keycloak unreachable: API requests get 401, token validation fails; local auth still works.',
  },
  'jupyter-vram': {
    name: 'jupyter-vram',
    playbook: 'jupyter-vram',
    summary: 'Notebook users load large models on GPUs shared with echo workers: both hit CUDA OOM.',
  },
  'gpu-node-failure': {
    name: 'gpu-node-failure',
    playbook: 'gpu-node-failure',
    summary: 'gpu-node-02 reports XID 79, then its GPUs fall off the bus: series vanish, pods go Pending.',
  },
};

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

const GiB = 1024 ** 3;

/** Conditions for `name`, `elapsedSec` seconds after it started. */
export function conditionsFor(name: ScenarioName, elapsedSec: number): Conditions {
  const c = baselineConditions();
  switch (name) {
    case 'baseline':
      return c;
    case 'gpu-oom':
      c.fragmentingNodes = ['gpu-node-01'];
      c.fragMiBPerTask = 384;
      c.arrivalMultiplier = 1.3;
      return c;
    case 'gpu-contention':
      c.slowdown = 3.5;
      c.arrivalMultiplier = 1.5;
      return c;
    case 'queue-backlog':
      c.stuckQueues = ['translation'];
      return c;
    case 'storage-saturation':
      c.ttlCleanupRunning = false;
      c.nfsFillBytesPerSec = Math.round(1.6 * GiB);
      c.minioFillBytesPerSec = Math.round(1.4 * GiB);
      c.nfsHung = elapsedSec >= 720;
      return c;
    case 'auth-outage':
      c.keycloakUp = false;
      return c;
    case 'jupyter-vram':
      c.notebookGrowMiBPerSec = 256;
      c.notebookTargetMiB = 11_500;
      return c;
    case 'gpu-node-failure':
      c.xidNodes = { 'gpu-node-02': 79 };
      c.failedNodes = elapsedSec >= 60 ? ['gpu-node-02'] : [];
      return c;
  }
}
