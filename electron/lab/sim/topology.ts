/**
 * The simulated platform's shape: which nodes, GPUs, queues, pods and filesystems exist.
 * Sizes follow real hardware (H100/A100 80 GB report ~81 GiB of framebuffer, L4 ~22.5 GiB).
 */
import type { Prng } from './prng.js';
import type { AuthState, DailyStat, FilesystemState, GpuState, NodeState, PodState, QueueState } from './types.js';

interface GpuModel {
  modelName: string;
  totalMiB: number;
  reservedMiB: number;
  tdpW: number;
}

const H100: GpuModel = { modelName: 'NVIDIA H100 80GB HBM3', totalMiB: 81559, reservedMiB: 579, tdpW: 700 };
const A100: GpuModel = { modelName: 'NVIDIA A100-SXM4-80GB', totalMiB: 81920, reservedMiB: 512, tdpW: 400 };
const L4: GpuModel = { modelName: 'NVIDIA L4', totalMiB: 23034, reservedMiB: 362, tdpW: 72 };

export const NODES: readonly { name: string; model: GpuModel; gpus: number }[] = [
  { name: 'gpu-node-01', model: H100, gpus: 4 },
  { name: 'gpu-node-02', model: A100, gpus: 4 },
  { name: 'gpu-node-03', model: L4, gpus: 4 },
];

export const DRIVER_VERSION = '535.183.01';
export const WORKER_NAMESPACE = 'ml-workers';
export const NOTEBOOK_NAMESPACE = 'jupyterhub';

/** The static part of a queue; the rest of QueueState is what the simulation changes. */
interface QueueSpec extends Pick<
  QueueState,
  'name' | 'taskType' | 'arrivalPerSec' | 'meanWorkSec' | 'timeoutSec' | 'maxRetry' | 'taskMiB'
> {
  modelMiB: number;
  /** Worker pods: [node, gpu, concurrency]. */
  workers: [string, number, number][];
}

export const QUEUE_SPECS: readonly QueueSpec[] = [
  {
    name: 'echo',
    taskType: 'echo:transcribe',
    arrivalPerSec: 1.2,
    meanWorkSec: 3,
    timeoutSec: 300,
    maxRetry: 5,
    taskMiB: 1536,
    modelMiB: 9800,
    workers: [
      ['gpu-node-03', 0, 2],
      ['gpu-node-03', 1, 2],
      ['gpu-node-03', 2, 2],
    ],
  },
  {
    name: 'ocr',
    taskType: 'ocr:extract',
    arrivalPerSec: 1.0,
    meanWorkSec: 4,
    timeoutSec: 600,
    maxRetry: 10,
    taskMiB: 3072,
    modelMiB: 22000,
    workers: [
      ['gpu-node-01', 0, 4],
      ['gpu-node-01', 1, 4],
    ],
  },
  {
    name: 'translation',
    taskType: 'translation:document',
    arrivalPerSec: 0.6,
    meanWorkSec: 6,
    timeoutSec: 600,
    maxRetry: 10,
    taskMiB: 4096,
    modelMiB: 30000,
    workers: [
      ['gpu-node-01', 2, 4],
      ['gpu-node-01', 3, 4],
    ],
  },
  {
    name: 'default',
    taskType: 'default:notify',
    arrivalPerSec: 2.5,
    meanWorkSec: 0.5,
    timeoutSec: 60,
    maxRetry: 25,
    taskMiB: 0,
    modelMiB: 0,
    workers: [['gpu-node-02', -1, 10]],
  },
  {
    name: 'batch',
    taskType: 'batch:embed',
    arrivalPerSec: 0.15,
    meanWorkSec: 40,
    timeoutSec: 3600,
    maxRetry: 3,
    taskMiB: 6144,
    modelMiB: 16000,
    workers: [
      ['gpu-node-02', 0, 2],
      ['gpu-node-02', 1, 2],
      ['gpu-node-02', 2, 2],
      ['gpu-node-02', 3, 2],
    ],
  },
];

export const NOTEBOOK_USERS: readonly [string, string, number, number][] = [
  // user, node, gpu, baseline VRAM held (MiB)
  ['alice', 'gpu-node-03', 0, 3000],
  ['bob', 'gpu-node-03', 1, 2500],
  ['chen', 'gpu-node-03', 3, 4000],
  ['dara', 'gpu-node-02', 3, 8000],
];

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dateOf(ms: number): string {
  return utcDate(ms);
}

export function buildGpus(rng: Prng): GpuState[] {
  const gpus: GpuState[] = [];
  NODES.forEach((node, n) => {
    for (let i = 0; i < node.gpus; i += 1) {
      gpus.push({
        node: node.name,
        index: i,
        uuid: `GPU-${rng.uuid()}`,
        pciBusId: `00000000:${(0x18 + n * 0x40 + i * 0x10).toString(16).toUpperCase().padStart(2, '0')}:00.0`,
        modelName: node.model.modelName,
        totalMiB: node.model.totalMiB,
        reservedMiB: node.model.reservedMiB,
        usedMiB: 0,
        util: 0,
        tempC: 32,
        powerW: 60,
        tdpW: node.model.tdpW,
        xid: 0,
        present: true,
      });
    }
  });
  return gpus;
}

function podSuffix(rng: Prng): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const pick = (n: number) => Array.from({ length: n }, () => rng.pick(alphabet.split(''))).join('');
  return `${pick(10)}-${pick(5)}`;
}

function basePod(
  rng: Prng,
): Omit<PodState, 'namespace' | 'name' | 'container' | 'kind' | 'node' | 'gpu' | 'queue' | 'user' | 'concurrency' | 'baseMiB'> {
  return {
    uid: rng.uuid(),
    phase: 'Running',
    running: true,
    waitingReason: '',
    restartAtMs: 0,
    restarts: 0,
    lastTerminatedReason: '',
    lastTerminatedExitCode: 0,
    lastTerminatedAtMs: 0,
    fragMiB: 0,
    heldMiB: 0,
  };
}

export function buildPods(rng: Prng): PodState[] {
  const pods: PodState[] = [];
  for (const q of QUEUE_SPECS) {
    const suffix = podSuffix(rng).split('-')[0] ?? 'x';
    q.workers.forEach(([node, gpu, concurrency]) => {
      pods.push({
        ...basePod(rng),
        namespace: WORKER_NAMESPACE,
        name: `${q.name}-worker-${suffix}-${podSuffix(rng).split('-')[1] ?? 'x'}`,
        container: 'worker',
        kind: 'worker',
        node,
        gpu,
        queue: q.name,
        user: '',
        concurrency,
        baseMiB: q.modelMiB,
      });
    });
  }
  for (const [user, node, gpu, held] of NOTEBOOK_USERS) {
    pods.push({
      ...basePod(rng),
      namespace: NOTEBOOK_NAMESPACE,
      name: `jupyter-${user}`,
      container: 'notebook',
      kind: 'notebook',
      node,
      gpu,
      queue: '',
      user,
      concurrency: 0,
      baseMiB: held,
      heldMiB: held,
    });
  }
  return pods;
}

export function buildQueues(rng: Prng, nowMs: number): QueueState[] {
  return QUEUE_SPECS.map((q) => {
    // 90 days of plausible history (AsynqMon's queue_stats shows 90), today last.
    const history: DailyStat[] = [];
    let processedTotal = 0;
    let failedTotal = 0;
    const dayMs = 86_400_000;
    const sinceMidnight = nowMs % dayMs;
    for (let d = 89; d >= 0; d -= 1) {
      const share = d === 0 ? sinceMidnight / dayMs : 1;
      const processed = Math.round(q.arrivalPerSec * 86_400 * share * (0.8 + 0.4 * rng.next()));
      const failed = Math.round(processed * 0.002 * (0.5 + rng.next()));
      history.push({ date: utcDate(nowMs - d * dayMs), processed, failed });
      processedTotal += processed;
      failedTotal += failed;
    }
    return {
      name: q.name,
      taskType: q.taskType,
      arrivalPerSec: q.arrivalPerSec,
      meanWorkSec: q.meanWorkSec,
      timeoutSec: q.timeoutSec,
      maxRetry: q.maxRetry,
      taskMiB: q.taskMiB,
      paused: false,
      pending: [],
      active: [],
      scheduled: [],
      retry: [],
      archived: [],
      completed: [],
      processedTotal,
      failedTotal,
      history,
    };
  });
}

const TiB = 1024 ** 4;

export function buildFilesystems(): FilesystemState[] {
  const fs: FilesystemState[] = [];
  for (const node of NODES) {
    const size = 1.8 * TiB;
    fs.push({
      node: node.name,
      device: '/dev/nvme0n1p2',
      mountpoint: '/',
      fstype: 'ext4',
      sizeBytes: Math.round(size),
      freeBytes: Math.round(size * 0.55),
      rootReservedBytes: Math.round(size * 0.05),
      deviceError: '',
    });
    fs.push({
      node: node.name,
      device: 'nfs-server.storage.svc.cluster.local:/export/artifacts',
      mountpoint: '/mnt/nfs/artifacts',
      fstype: 'nfs4',
      sizeBytes: 4 * TiB,
      freeBytes: Math.round(4 * TiB * 0.34),
      rootReservedBytes: 0,
      deviceError: '',
    });
  }
  fs.push({
    node: 'minio-0',
    device: '/dev/sdb',
    mountpoint: '/data',
    fstype: 'xfs',
    sizeBytes: 2 * TiB,
    freeBytes: Math.round(2 * TiB * 0.41),
    rootReservedBytes: 0,
    deviceError: '',
  });
  return fs;
}

export function buildNodes(): NodeState[] {
  return NODES.map((n) => ({ name: n.name, gpuCapacity: n.gpus, gpuAllocatable: n.gpus }));
}

export function buildAuth(): AuthState {
  return {
    providerUp: { local: true, keycloak: true, ad: true },
    validationFailures: { local: 0, keycloak: 0, ad: 0 },
    requests: {},
  };
}
