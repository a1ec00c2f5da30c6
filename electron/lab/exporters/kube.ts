/** kube-state-metrics pod and node series for the worker and notebook pods. */
import type { World } from '../sim/world.js';
import { family, type Family } from './text-format.js';

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

export function kubeFamilies(world: World): Family[] {
  const restarts = family('kube_pod_container_status_restarts_total', 'counter', 'The number of container restarts per container.');
  const lastReason = family(
    'kube_pod_container_status_last_terminated_reason',
    'gauge',
    'Describes the last reason the container was in terminated state.',
  );
  const lastExit = family(
    'kube_pod_container_status_last_terminated_exitcode',
    'gauge',
    'Describes the exit code for the last container in terminated state.',
  );
  const waiting = family(
    'kube_pod_container_status_waiting_reason',
    'gauge',
    'Describes the reason the container is currently in waiting state.',
  );
  const ready = family('kube_pod_container_status_ready', 'gauge', 'Describes whether the containers readiness check succeeded.');
  const phase = family('kube_pod_status_phase', 'gauge', 'The pods current phase.');
  const capacity = family('kube_node_status_capacity', 'gauge', 'The capacity for different resources of a node.');
  const allocatable = family(
    'kube_node_status_allocatable',
    'gauge',
    'The allocatable for different resources of a node that are available for scheduling.',
  );
  for (const p of world.pods) {
    const pod = { namespace: p.namespace, pod: p.name, uid: p.uid };
    const container = { ...pod, container: p.container };
    restarts.samples.push({ labels: container, value: p.restarts });
    // Only present once a container has terminated at least once, as in kube-state-metrics.
    if (p.lastTerminatedReason) {
      lastReason.samples.push({ labels: { ...container, reason: p.lastTerminatedReason }, value: 1 });
      lastExit.samples.push({ labels: container, value: p.lastTerminatedExitCode });
    }
    if (p.waitingReason) waiting.samples.push({ labels: { ...container, reason: p.waitingReason }, value: 1 });
    ready.samples.push({ labels: container, value: p.running ? 1 : 0 });
    for (const ph of PHASES) phase.samples.push({ labels: { ...pod, phase: ph }, value: p.phase === ph ? 1 : 0 });
  }
  for (const n of world.nodes) {
    const labels = { node: n.name, resource: 'nvidia_com_gpu', unit: 'integer' };
    capacity.samples.push({ labels, value: n.gpuCapacity });
    allocatable.samples.push({ labels, value: n.gpuAllocatable });
  }
  return [restarts, lastReason, lastExit, waiting, ready, phase, capacity, allocatable];
}
