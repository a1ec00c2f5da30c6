import type { PlaybookInput } from '../schema';
import { EV, seedKit } from './kit';

/** GPU nodes failing, from the GPUaaS incident-management seed (assets/seeds/incident-management.md). */
const s = seedKit('incident-management.md');
const hd = seedKit('hd-compute-runbook.md');

export const GPU_NODE_FAILURE: PlaybookInput = {
  schema: 1,
  id: 'gpu-node-failure',
  version: 1,
  title: 'GPU node NotReady / hardware failure',
  summary: 'A GPU node (or a batch of them) fails: its GPUs vanish, workloads go pending, capacity is lost.',
  alerts: ['GPUXidError', 'GPUNodeCapacityLost', 'GPUWorkloadPodsPending'],
  sources: [s.ref(25, 'Common incidents'), s.ref(79, 'Example'), s.ref(52, 'Mitigation')],
  sections: [
    s.section('symptoms', 'Confirm the symptoms', 'confirm', 25, 'Common incidents', [
      s.check('node-not-ready', 28, 'nodes NotReady or hardware failures', {
        evidence: [EV.gpu(), EV.alerts({ playbook: 'gpu-node-failure' })],
      }),
      s.check('driver-crash', 29, 'GPU driver/runtime crashes', { evidence: [EV.errors()] }),
      s.check('alert-triggers', 82, 'alert triggers', { evidence: [EV.alerts()] }),
      s.check('workloads-pending', 83, 'workloads become pending', { evidence: [EV.pending()] }),
    ]),
    s.section('mitigate', 'Mitigation', 'mitigate', 52, 'Mitigation', [
      s.action('drain-nodes', 55, 'drain bad nodes', { role: 'operations' }),
      s.action('reclaim', 54, 'reclaim or preempt workloads', { role: 'operations', evidence: [EV.gpu()] }),
      s.action('scale-up', 53, 'scale up capacity', { role: 'operations' }),
      s.action('reroute', 56, 'reroute traffic', { role: 'operations' }),
      s.action('restart-services', 57, 'restart services', { role: 'operations', evidence: [EV.restarts()] }),
    ]),
    s.section(
      'recovery',
      'Confirm the recovery',
      'recover',
      79,
      'Example',
      [
        s.check('replacements', 84, 'control plane provisions replacements'),
        s.check('traffic-rerouted', 85, 'traffic rerouted'),
        s.check('jobs-restarted', 86, 'affected jobs restarted', { evidence: [EV.pending()] }),
        s.check('cluster-operating', 87, 'cluster continues operating', { evidence: [EV.gpu()] }),
      ],
      { note: 'The seed’s example of a batch of GPU nodes failing, as the checks of a recovery that worked.' },
    ),
  ],
  escalation: [hd.t(286, 'Vendor support (NVIDIA, cloud providers)', 'External Escalation')],
};
