/**
 * The simulated platform. `step()` advances exactly one simulated second; everything random
 * comes from the seeded PRNG in a fixed order, so (seed, scenario timeline, steps) -> same state.
 */
import { baselineConditions, type Conditions } from './conditions.js';
import { LogStore, type Labels } from './logs.js';
import { Prng } from './prng.js';
import { stepGpus } from './gpu-step.js';
import { stepPlatform } from './platform-step.js';
import { stepQueues } from './queue-step.js';
import { buildAuth, buildFilesystems, buildGpus, buildNodes, buildPods, buildQueues } from './topology.js';
import type { AuthState, FilesystemState, GpuState, NodeState, PodState, QueueState } from './types.js';

/**
 * How log streams are labelled. `promtail`: Promtail's Kubernetes config (job="<namespace>/<app>",
 * namespace, app, pod, node, and a level label). `app`: what many real Lokis carry instead — only
 * app, cluster and pod, the level left in the line (contracts/upstream-apis.md, "Measured").
 */
export const LOG_LABEL_STYLES = ['promtail', 'app'] as const;
export type LogLabelStyle = (typeof LOG_LABEL_STYLES)[number];

export interface WorldOptions {
  seed: number;
  startMs: number;
  logCapacity?: number;
  logLabels?: LogLabelStyle;
}

const CLUSTER = 'pitwall-lab';

export class World {
  readonly rng: Prng;
  nowMs: number;
  readonly gpus: GpuState[];
  readonly pods: PodState[];
  readonly queues: QueueState[];
  readonly filesystems: FilesystemState[];
  readonly nodes: NodeState[];
  readonly auth: AuthState;
  readonly logs: LogStore;
  conditions: Conditions = baselineConditions();
  /** Queue names paused through the API that have no queue (asynq's SETNX does not check). */
  readonly orphanPauses = new Set<string>();
  /** Running number for task payloads. */
  taskSeq = 0;
  readonly logLabels: LogLabelStyle;

  constructor(options: WorldOptions) {
    this.rng = new Prng(options.seed);
    // Whole seconds keep step boundaries aligned with scrape and log timestamps.
    this.nowMs = Math.floor(options.startMs / 1000) * 1000;
    this.gpus = buildGpus(this.rng);
    this.pods = buildPods(this.rng);
    this.queues = buildQueues(this.rng, this.nowMs);
    this.filesystems = buildFilesystems();
    this.nodes = buildNodes();
    this.auth = buildAuth();
    this.logs = new LogStore(options.logCapacity);
    this.logLabels = options.logLabels ?? 'promtail';
    stepGpus(this);
  }

  step(): void {
    this.nowMs += 1000;
    stepPlatform(this);
    stepQueues(this);
    stepGpus(this);
  }

  queue(name: string): QueueState | undefined {
    return this.queues.find((q) => q.name === name);
  }

  pod(name: string): PodState | undefined {
    return this.pods.find((p) => p.name === name);
  }

  gpu(node: string, index: number): GpuState | undefined {
    return this.gpus.find((g) => g.node === node && g.index === index);
  }

  /** logfmt line, the format the platform's Go and Python services write. */
  log(stream: Labels, level: string, msg: string, fields: Record<string, string | number> = {}): void {
    const ts = new Date(this.nowMs).toISOString();
    const parts = [`ts=${ts}`, `level=${level}`, `msg=${JSON.stringify(msg)}`];
    for (const [k, v] of Object.entries(fields)) {
      const s = String(v);
      parts.push(`${k}=${/[\s"=]/.test(s) || s === '' ? JSON.stringify(s) : s}`);
    }
    this.logs.append(this.nowMs, this.streamLabels({ ...stream, level }), parts.join(' '));
  }

  /**
   * A kernel message as the node's journal carries it: raw text, no level field (OOM kills, NVRM Xid,
   * NFS). Promtail's journal scrape labels it by node; the `app` style by app and cluster.
   */
  kernelLog(node: string, text: string): void {
    this.logs.append(this.nowMs, this.streamLabels({ job: 'node/kernel', app: 'kernel', node }), text);
  }

  private streamLabels(stream: Labels): Labels {
    if (this.logLabels === 'promtail') return stream;
    const out: Labels = { app: stream['app'] ?? 'unknown', cluster: CLUSTER };
    if (stream['pod']) out['pod'] = stream['pod'];
    return out;
  }

  podStream(pod: PodState): Labels {
    const app = pod.kind === 'worker' ? `${pod.queue}-worker` : 'jupyter-notebook';
    return { job: `${pod.namespace}/${app}`, namespace: pod.namespace, app, pod: pod.name, node: pod.node };
  }
}
