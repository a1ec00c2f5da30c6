import type { PlaybookInput } from '../schema';
import { EV, seedKit } from './kit';

/** The incident types of the Echo platform's incident playbook (assets/seeds/incident-playbook.md). */
const s = seedKit('incident-playbook.md');

export const ECHO_PLAYBOOKS: PlaybookInput[] = [
  {
    schema: 1,
    id: 'gpu-oom',
    version: 1,
    title: 'GPU OOM / VRAM fragmentation',
    summary: 'Jobs fail or workers restart because GPU memory runs out or fragments.',
    alerts: ['GPUMemoryPressure', 'WorkerOOMKilled'],
    sources: [s.ref(12, 'Incident: GPU OOM / VRAM Fragmentation')],
    causes: [
      s.t(19, 'Fragmentation from repeated allocations + mixed workloads', 'Likely causes'),
      s.t(20, 'Too many concurrent GPU workloads', 'Likely causes'),
      s.t(21, 'Model load patterns causing peaks', 'Likely causes'),
    ],
    sections: [
      s.section('symptoms', 'Confirm the symptoms', 'confirm', 13, 'Symptoms', [
        s.check('jobs-fail', 14, 'Jobs fail immediately or mid-run', { evidence: [EV.failed(), EV.pending()] }),
        s.check('workers-restart', 15, 'Workers restart repeatedly', { evidence: [EV.oom(), EV.restarts(), EV.gpu()] }),
        s.check('latency-spikes', 16, 'Latency spikes without obvious CPU bottlenecks', { evidence: [EV.latency()] }),
      ]),
      s.section('actions', 'Actions', 'mitigate', 23, 'Actions', [
        s.action('reduce-concurrency', 24, 'Reduce concurrency caps (temporary emergency setting)', { role: 'operations' }),
        s.action('drain-non-essential', 25, 'Drain/stop non-essential workloads (batch tasks, optional pipelines)', {
          role: 'operations',
          evidence: [EV.pending('batch')],
        }),
        s.action('restart-workers', 26, 'Restart affected workers/services to reclaim memory', {
          role: 'operations',
          evidence: [EV.gpu()],
        }),
        s.action('stagger-restarts', 27, 'If safe: stagger restarts to avoid simultaneous model reload storms', { role: 'operations' }),
      ]),
    ],
    hardening: [
      s.t(30, 'Keep concurrency caps explicit and enforced at API/queue level', 'Post-incident hardening'),
      s.t(31, 'Introduce “admission control” (reject or defer new jobs when GPU pressure is too high)', 'Post-incident hardening'),
      s.t(32, 'Improve visibility: GPU mem over time + queue depth correlations', 'Post-incident hardening'),
    ],
  },
  {
    schema: 1,
    id: 'gpu-contention',
    version: 1,
    title: 'GPU contention (slow, not failing)',
    summary: 'Jobs complete, but slowly: too many workloads share the GPUs.',
    alerts: ['GPUContention'],
    sources: [s.ref(36, 'Incident: GPU Contention (Slow, not failing)')],
    sections: [
      s.section('symptoms', 'Confirm the symptoms', 'confirm', 37, 'Symptoms', [
        s.check('jobs-slow', 38, 'Jobs complete but take much longer', { evidence: [EV.latency()] }),
        s.check('backlog-grows', 39, 'Queue backlog grows', { evidence: [EV.pending()] }),
        s.check('ux-sluggish', 40, 'Interactive UX becomes sluggish', { evidence: [EV.latency('echo')] }),
      ]),
      s.section('actions', 'Actions', 'mitigate', 42, 'Actions', [
        s.action('prioritize-interactive', 43, 'Prioritize interactive workflows; throttle background/batch', { role: 'operations' }),
        s.action('disable-non-critical', 44, 'Temporarily disable non-critical GPU consumers (e.g., heavy notebooks)', {
          role: 'operations',
          evidence: [EV.gpu()],
        }),
        s.action('communicate-degraded', 45, 'Communicate status: “degraded performance, ETA based on queue depth”', {
          role: 'communications',
          evidence: [EV.pending()],
        }),
      ]),
    ],
    hardening: [s.t(48, 'Additional GPUs/nodes to allocate per-service GPUs and load balance properly', 'Structural fix')],
  },
  {
    schema: 1,
    id: 'queue-backlog',
    version: 1,
    title: 'Queue backlog / stuck jobs',
    summary: 'Pending grows while active stays flat: workers are stuck or gone.',
    alerts: ['AsynqQueueBacklog', 'AsynqQueueStuck'],
    sources: [s.ref(52, 'Incident: Queue Backlog / Stuck Jobs')],
    sections: [
      s.section('symptoms', 'Confirm the symptoms', 'confirm', 53, 'Symptoms', [
        s.check('pending-grows', 54, 'Pending queue grows, active stays flat', { evidence: [EV.pending(), EV.latency()] }),
        s.check('jobs-stuck', 55, 'Jobs retry endlessly or appear “stuck”', { evidence: [EV.failed()] }),
      ]),
      s.section('actions', 'Actions', 'mitigate', 57, 'Actions', [
        s.check('redis-health', 58, 'Check Redis health and worker connectivity', { role: 'operations' }),
        s.check('worker-logs', 59, 'Check worker logs (Loki) for repeated exceptions', { role: 'operations', evidence: [EV.errors()] }),
        s.action('pause-intake', 60, 'Pause intake if backlog threatens storage or GPU stability', {
          role: 'operations',
          evidence: [EV.fs(), EV.gpu()],
        }),
        s.action('restart-subset', 61, 'Restart a subset of workers (avoid restarting everything at once)', { role: 'operations' }),
      ]),
    ],
  },
  {
    schema: 1,
    id: 'storage-saturation',
    version: 1,
    title: 'Storage saturation (NFS/MinIO)',
    summary: 'Shared storage fills up or hangs: uploads and jobs fail on read/write.',
    alerts: ['StorageSaturation', 'NFSMountUnresponsive', 'ObjectStoreWritesFailing'],
    sources: [s.ref(65, 'Incident: Storage Saturation (NFS/MinIO)')],
    sections: [
      s.section('symptoms', 'Confirm the symptoms', 'confirm', 66, 'Symptoms', [
        s.check('uploads-fail', 67, 'Uploads fail', { evidence: [EV.fs(), EV.errors()] }),
        s.check('jobs-fail-io', 68, 'Jobs fail on read/write', { evidence: [EV.failed(), EV.fsErrors()] }),
        s.check('system-slow', 69, 'System becomes slow or unstable', { evidence: [EV.latency()] }),
      ]),
      s.section('actions', 'Actions', 'mitigate', 71, 'Actions', [
        s.check('largest-contributors', 72, 'Identify largest contributors (artifacts, uploads, logs)', {
          role: 'operations',
          evidence: [EV.fs()],
        }),
        s.check('ttl-cleanup', 73, 'Verify TTL cleanup job is running', { role: 'operations' }),
        s.action('limit-uploads', 74, 'Temporarily reduce max file size or reject new uploads', { role: 'operations' }),
        s.action('clean-expired', 75, 'Clean up expired artifacts; expand storage only as a last resort if policy allows', {
          role: 'operations',
          evidence: [EV.fs()],
        }),
      ]),
    ],
  },
  {
    schema: 1,
    id: 'auth-outage',
    version: 1,
    title: 'Auth / Keycloak / AD issues',
    summary: 'Logins fail or the API rejects tokens while the UI still loads.',
    alerts: ['AuthRequestsRejected', 'AuthTokenValidationFailures', 'AuthProviderDown'],
    sources: [s.ref(79, 'Incident: Auth / Keycloak / AD Issues')],
    sections: [
      s.section('symptoms', 'Confirm the symptoms', 'confirm', 80, 'Symptoms', [
        s.check('cannot-login', 81, 'Users cannot login', { evidence: [EV.alerts({ playbook: 'auth-outage' })] }),
        s.check('token-failures', 82, 'Token validation failures', { evidence: [EV.authFailures()] }),
        s.check('api-rejects', 83, 'UI works but API rejects requests', { evidence: [EV.authFailures(), EV.errors()] }),
      ]),
      s.section('actions', 'Actions', 'mitigate', 85, 'Actions', [
        s.action('local-fallback', 86, 'Switch to local auth fallback', { role: 'operations' }),
        s.check('time-sync', 87, 'Validate time sync and token expiry behavior', { role: 'operations' }),
        s.action('restore-idp', 88, 'Restore Keycloak/AD connectivity; test with one user before broad “all clear”', {
          role: 'operations',
          evidence: [EV.authFailures()],
        }),
      ]),
    ],
  },
  {
    schema: 1,
    id: 'jupyter-vram',
    version: 1,
    title: 'JupyterHub VRAM contention',
    summary:
      'Notebooks and Echo jobs compete for the same GPU and both hit VRAM errors. The seed tells this as a story; its fix is applied here as the mitigation.',
    alerts: ['JupyterVRAMContention'],
    sources: [s.ref(92, 'Incident Story: JupyterHub VRAM Contention')],
    causes: [s.t(98, 'Multiple user containers competing for a single GPU without robust per-container GPU isolation.', 'Root cause')],
    sections: [
      s.section('symptoms', 'Confirm the symptoms', 'confirm', 93, 'Symptoms', [
        s.check('notebooks-vram-errors', 94, 'Data scientist notebooks fail with VRAM errors during peak usage', { evidence: [EV.gpu()] }),
        s.check('jobs-interfere', 95, 'Echo jobs and notebooks interfere when running concurrently', { evidence: [EV.oom(), EV.failed()] }),
      ]),
      s.section(
        'fix',
        'Apply the fix',
        'mitigate',
        100,
        'Fix',
        [
          s.action('time-bound-notebooks', 102, 'GPU-heavy notebook activity is time-bounded', { role: 'operations' }),
          s.action('rotate-workloads', 103, 'contention is reduced by scheduling/rotating workloads', { role: 'operations' }),
          s.action(
            'protect-interactive',
            104,
            'interactive + production workloads are protected via prioritization and concurrency controls',
            {
              role: 'operations',
            },
          ),
        ],
        { note: 'The seed fixed this incident with a dynamic TTL and load-balancing strategy; these are its three levers.' },
      ),
    ],
    hardening: [
      s.t(101, 'Implemented a dynamic TTL and load-balancing strategy:', 'Fix'),
      s.t(107, 'Reduced VRAM-related notebook failures and improved platform stability during peak use.', 'Result'),
    ],
  },
];
