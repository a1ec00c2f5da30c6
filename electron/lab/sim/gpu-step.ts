/**
 * GPU memory, utilisation and worker pod health. VRAM demand is the sum of what resident
 * processes hold; when it exceeds the framebuffer the allocation that does not fit fails,
 * which is how a CUDA OOM shows up in the logs and in asynq's failed counter at the same moment.
 */
import { abandonTasks, failTask } from './queue-step.js';
import type { GpuState, PodState } from './types.js';
import type { World } from './world.js';

const MiB = 1;

function cudaOom(gpu: GpuState, tryMiB: number, usedMiB: number): string {
  const gib = (m: number) => (m / 1024).toFixed(2);
  return `CUDA out of memory. Tried to allocate ${gib(tryMiB)} GiB (GPU ${gpu.index}; ${gib(gpu.totalMiB)} GiB total capacity; ${gib(usedMiB)} GiB already allocated; 0 bytes free)`;
}

function podsOn(world: World, gpu: GpuState): PodState[] {
  return world.pods.filter((p) => p.node === gpu.node && p.gpu === gpu.index);
}

function demandOf(world: World, pod: PodState): number {
  if (!pod.running) return 0;
  if (pod.kind === 'notebook') return pod.heldMiB;
  const q = world.queue(pod.queue);
  const active = q ? q.active.filter((t) => t.workerPod === pod.name).length : 0;
  return pod.baseMiB + pod.fragMiB + active * (q?.taskMiB ?? 0);
}

/** Container killed: kube-state-metrics shows the restart, the last terminated reason and the back-off. */
export function killPod(world: World, pod: PodState, reason: string, exitCode: number, taskError: string): void {
  abandonTasks(world, pod, taskError);
  pod.running = false;
  pod.restarts += 1;
  pod.lastTerminatedReason = reason;
  pod.lastTerminatedExitCode = exitCode;
  pod.lastTerminatedAtMs = world.nowMs;
  pod.waitingReason = pod.restarts > 1 ? 'CrashLoopBackOff' : 'ContainerCreating';
  // kubelet back-off doubles from 10s (capped at 5 min); capped lower so a demo keeps moving.
  const backoffSec = Math.min(80, 10 * 2 ** Math.min(pod.restarts - 1, 3));
  pod.restartAtMs = world.nowMs + backoffSec * 1000;
  pod.fragMiB = 0;
  if (reason === 'OOMKilled') world.kernelLog(pod.node, kernelOomLine(pod));
  world.log(world.podStream(pod), 'error', 'container terminated', { reason, exit_code: exitCode, restart_count: pod.restarts });
}

/** The kernel's own report of a cgroup OOM kill (no level field); the pid follows the pod, not the PRNG. */
function kernelOomLine(pod: PodState): string {
  let pid = 4000;
  for (const ch of pod.name) pid = (pid * 31 + ch.charCodeAt(0)) % 60_000;
  pid += 1000 + pod.restarts;
  const rssKb = Math.round(pod.baseMiB * 1024);
  return (
    `Memory cgroup out of memory: Killed process ${pid} (python3) total-vm:${rssKb * 3}kB, anon-rss:${rssKb}kB, ` +
    `file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:${Math.round(rssKb / 500)}kB oom_score_adj:999`
  );
}

function resolveOom(world: World, gpu: GpuState, pods: PodState[], capacity: number): void {
  for (let guard = 0; guard < 50; guard += 1) {
    const demand = pods.reduce((s, p) => s + demandOf(world, p), 0);
    if (demand <= capacity) return;
    const fragmented = pods.filter((p) => p.running && p.fragMiB > 0).sort((a, b) => b.fragMiB - a.fragMiB)[0];
    if (fragmented) {
      const q = world.queue(fragmented.queue);
      killPod(world, fragmented, 'OOMKilled', 137, cudaOom(gpu, q?.taskMiB ?? 1024, demand - (q?.taskMiB ?? 0)));
      continue;
    }
    // The newest allocation is the one that does not fit: fail the latest task on this GPU.
    let newest: { pod: PodState; taskIdx: number; started: number } | null = null;
    for (const p of pods) {
      if (p.kind !== 'worker' || !p.running) continue;
      const q = world.queue(p.queue);
      q?.active.forEach((t, i) => {
        if (t.workerPod === p.name && (!newest || t.startedAtMs >= newest.started)) newest = { pod: p, taskIdx: i, started: t.startedAtMs };
      });
    }
    const chosen = newest as { pod: PodState; taskIdx: number } | null;
    const notebook = pods.filter((p) => p.kind === 'notebook' && p.running).sort((a, b) => b.heldMiB - a.heldMiB)[0];
    if (chosen && (!notebook || guard % 2 === 0)) {
      const q = world.queue(chosen.pod.queue);
      const task = q?.active[chosen.taskIdx];
      if (q && task) failTask(world, q, task, cudaOom(gpu, q.taskMiB, demand - q.taskMiB));
      continue;
    }
    if (notebook) {
      world.log(world.podStream(notebook), 'error', 'Kernel died: CUDA out of memory', {
        user: notebook.user,
        gpu: gpu.index,
        held_mib: notebook.heldMiB,
      });
      notebook.heldMiB = 512 * MiB;
      continue;
    }
    return;
  }
}

function stepPods(world: World): void {
  const c = world.conditions;
  for (const pod of world.pods) {
    const nodeFailed = c.failedNodes.includes(pod.node);
    if (nodeFailed && pod.gpu >= 0 && pod.phase === 'Running') {
      // GPUs fell off the bus: the pod is evicted and cannot be rescheduled without GPUs.
      abandonTasks(world, pod, 'asynq: task lease expired');
      pod.phase = 'Pending';
      pod.running = false;
      pod.waitingReason = '';
      world.log(world.podStream(pod), 'warn', 'pod evicted: node lost its GPUs, rescheduling', { node: pod.node });
      continue;
    }
    if (pod.phase === 'Pending' && !nodeFailed) {
      pod.phase = 'Running';
      pod.running = true;
    }
    if (pod.phase === 'Running' && !pod.running && world.nowMs >= pod.restartAtMs) {
      pod.running = true;
      pod.waitingReason = '';
      world.log(world.podStream(pod), 'info', 'worker started, model loaded', { queue: pod.queue });
    }
    if (pod.kind === 'notebook' && pod.running) {
      const target = c.notebookGrowMiBPerSec > 0 ? c.notebookTargetMiB : pod.baseMiB;
      if (pod.heldMiB < target) {
        const grow = c.notebookGrowMiBPerSec > 0 ? c.notebookGrowMiBPerSec : 64;
        pod.heldMiB = Math.min(target, pod.heldMiB + grow);
      } else if (pod.heldMiB > target + 64) pod.heldMiB -= 64;
      pod.heldMiB = Math.max(256, Math.round(pod.heldMiB + world.rng.gaussian() * 8));
    }
  }
}

export function stepGpus(world: World): void {
  const c = world.conditions;
  stepPods(world);
  for (const node of world.nodes) {
    const failed = c.failedNodes.includes(node.name);
    node.gpuAllocatable = failed ? 0 : node.gpuCapacity;
  }
  for (const gpu of world.gpus) {
    const xid = gpu.index === 0 ? c.xidNodes[gpu.node] : undefined;
    if (xid && gpu.xid !== xid && gpu.present) {
      gpu.xid = xid;
      world.kernelLog(gpu.node, `NVRM: Xid (PCI:${gpu.pciBusId.slice(4)}): ${xid}, pid=0, name=, GPU has fallen off the bus.`);
    }
    if (c.failedNodes.includes(gpu.node)) {
      gpu.present = false;
      gpu.usedMiB = 0;
      gpu.util = 0;
      continue;
    }
    // A GPU coming back has been reset, which clears the last XID.
    if (!gpu.present) gpu.xid = 0;
    gpu.present = true;
    const pods = podsOn(world, gpu);
    const capacity = gpu.totalMiB - gpu.reservedMiB;
    resolveOom(world, gpu, pods, capacity);
    gpu.usedMiB = Math.min(capacity, Math.round(pods.reduce((s, p) => s + demandOf(world, p), 0)) + 4);
    let util = 0;
    for (const p of pods) {
      if (!p.running) continue;
      if (p.kind === 'notebook') util += p.heldMiB > 4096 ? 12 : 3;
      else if (!c.stuckQueues.includes(p.queue)) {
        const q = world.queue(p.queue);
        const active = q ? q.active.filter((t) => t.workerPod === p.name).length : 0;
        util += (active / Math.max(1, p.concurrency)) * 96;
      }
    }
    gpu.util = Math.max(0, Math.min(100, Math.round(util + world.rng.gaussian() * 1.5)));
    gpu.tempC = Math.round(31 + gpu.util * 0.45 + world.rng.gaussian() * 0.4);
    gpu.powerW = Math.round((gpu.tdpW * 0.12 + (gpu.util / 100) * gpu.tdpW * 0.83) * 100) / 100;
  }
}
