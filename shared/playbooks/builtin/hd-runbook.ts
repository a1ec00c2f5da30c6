import type { PlaybookInput, Traced } from '../schema';
import { EV, seedKit } from './kit';

/** The HD-Compute-Toolkit runbook's common incidents (assets/seeds/hd-compute-runbook.md). */
const s = seedKit('hd-compute-runbook.md');
const gaudi = seedKit('gaudi-playbook.md');

/** The runbook's escalation procedure applies to each of its incidents. */
export const HD_ESCALATION: Traced[] = [
  ...s.list(271, 'Level 1: On-call Engineer', [
    'Initial response and investigation',
    'Apply immediate fixes from runbooks',
    'Monitor for resolution',
  ]),
  ...s.list(276, 'Level 2: Senior Engineer', ['Complex debugging and analysis', 'Performance optimization', 'Architecture decisions']),
  ...s.list(281, 'Level 3: Engineering Manager', [
    'Resource allocation decisions',
    'Cross-team coordination',
    'Communication with stakeholders',
  ]),
  ...s.list(286, 'External Escalation', [
    'Vendor support (NVIDIA, cloud providers)',
    'Security team (for security incidents)',
    'Legal team (for data breaches)',
  ]),
];

export const SERVICE_OUTAGE: PlaybookInput = {
  schema: 1,
  id: 'service-outage',
  version: 1,
  title: 'Service outage',
  summary: 'The service does not answer: health checks fail, pods are not running.',
  sources: [s.ref(37, '1. Service Outage'), gaudi.ref(293, 'Configuration Recovery')],
  sections: [
    s.section('symptoms', 'Confirm the symptoms', 'confirm', 39, 'Symptoms', [
      s.check('health-5xx', 40, 'Health check endpoints returning 5xx errors', { evidence: [EV.errors()] }),
      s.check('no-response', 41, 'No response from application', { evidence: [EV.alerts()] }),
      s.check('pod-not-running', 42, 'Container/pod not running', { evidence: [EV.restarts()] }),
    ]),
    s.section('investigate', 'Investigation steps', 'investigate', 44, 'Investigation Steps', [
      s.cmd('container-status', 46, 48, 'Check container status', 'docker ps | grep hdc-toolkit\nkubectl get pods -l app=hdc-toolkit'),
      s.cmd('logs', 50, 52, 'Check logs', 'docker logs hdc-toolkit --tail=100\nkubectl logs -l app=hdc-toolkit --tail=100'),
      s.cmd('resource-usage', 54, 56, 'Check resource usage', 'docker stats hdc-toolkit\nkubectl top pods -l app=hdc-toolkit'),
    ]),
    s.section('immediate', 'Resolution: immediate', 'mitigate', 60, 'Immediate', [
      s.cmd('restart', 62, 64, 'Restart container/pod', 'docker restart hdc-toolkit\nkubectl rollout restart deployment/hdc-toolkit', {
        role: 'operations',
      }),
    ]),
    s.section('restart-fails', 'If restart fails', 'investigate', 67, 'If restart fails', [
      s.cmd('system-resources', 69, 72, 'Check system resources', 'df -h  # Disk space\nfree -h  # Memory\ntop  # CPU usage'),
      s.cmd('docker-daemon', 74, 75, 'Check Docker daemon', 'systemctl status docker'),
      s.cmd('kubernetes-cluster', 77, 78, 'Check Kubernetes cluster', 'kubectl cluster-info'),
    ]),
    s.section('recovery', 'Recovery actions', 'recover', 81, 'Recovery actions', [
      s.cmd('scale-up', 83, 84, 'Scale up replicas', 'kubectl scale deployment hdc-toolkit --replicas=3', { role: 'operations' }),
      s.cmd('rollback', 86, 87, 'Rollback to previous version if needed', 'kubectl rollout undo deployment/hdc-toolkit', {
        role: 'operations',
      }),
    ]),
    gaudi.section(
      'config-recovery',
      'Configuration recovery',
      'recover',
      293,
      'Configuration Recovery',
      [
        gaudi.cmd(
          'last-good-config',
          296,
          298,
          'Reset to last known good configuration',
          'git checkout HEAD~1 -- docker-compose.yml\ngit checkout HEAD~1 -- .github/workflows/',
        ),
        gaudi.cmd('restart-old-config', 300, 302, 'Restart services with old config', 'docker-compose down\ndocker-compose up -d'),
        gaudi.cmd('test-functionality', 304, 305, 'Test functionality', 'make test-integration'),
      ],
      { note: 'From the Gaudi 3 playbook: when a configuration change caused the outage.' },
    ),
  ],
  escalation: HD_ESCALATION,
};

export const HIGH_MEMORY_USAGE: PlaybookInput = {
  schema: 1,
  id: 'high-memory-usage',
  version: 1,
  title: 'High memory usage',
  summary: 'Host or container memory runs high: OOMKilled restarts and slow responses.',
  alerts: ['HDC_HighMemoryUsage'],
  sources: [s.ref(90, '2. High Memory Usage')],
  sections: [
    s.section('symptoms', 'Confirm the symptoms', 'confirm', 92, 'Symptoms', [
      s.check('alert-firing', 93, 'HDC_HighMemoryUsage alert firing', { evidence: [EV.alerts({ alert: 'HDC_HighMemoryUsage' })] }),
      s.check('oomkilled-restarts', 94, 'OOMKilled container restarts', { evidence: [EV.oom(), EV.restarts()] }),
      s.check('slow-responses', 95, 'Slow response times', { evidence: [EV.latency()] }),
    ]),
    s.section('investigate', 'Investigation steps', 'investigate', 97, 'Investigation Steps', [
      s.cmd('memory-metrics', 99, 100, 'Check memory metrics', 'curl http://localhost:8080/metrics | grep hdc_memory'),
      s.cmd('system-memory', 102, 104, 'Check system memory', 'free -h\ncat /proc/meminfo'),
      s.cmd(
        'memory-leaks',
        106,
        112,
        'Check for memory leaks',
        `docker exec hdc-toolkit python -c "
import psutil
import gc
gc.collect()
print(f'Memory usage: {psutil.Process().memory_info().rss / 1024 / 1024:.2f} MB')
"`,
      ),
    ]),
    s.section('immediate-relief', 'Resolution: immediate relief', 'mitigate', 116, 'Immediate relief', [
      s.cmd('force-gc', 118, 119, 'Force garbage collection', 'docker exec hdc-toolkit python -c "import gc; gc.collect()"', {
        role: 'operations',
      }),
      s.cmd(
        'raise-limits',
        121,
        122,
        'Increase memory limits',
        `kubectl patch deployment hdc-toolkit -p '{"spec":{"template":{"spec":{"containers":[{"name":"hdc-toolkit","resources":{"limits":{"memory":"8Gi"}}}]}}}}'`,
        { role: 'operations' },
      ),
    ]),
  ],
  hardening: s.list(126, 'Long-term fixes', [
    'Review hypervector dimensions and batch sizes',
    'Implement memory pooling',
    'Add memory profiling to identify leaks',
  ]),
  escalation: HD_ESCALATION,
};

export const GPU_NOT_AVAILABLE: PlaybookInput = {
  schema: 1,
  id: 'gpu-not-available',
  version: 1,
  title: 'GPU not available / driver',
  summary: 'Workloads cannot see the GPU: CUDA fails to initialise, the driver or device plugin is broken.',
  sources: [s.ref(130, '3. GPU Not Available')],
  sections: [
    s.section('symptoms', 'Confirm the symptoms', 'confirm', 132, 'Symptoms', [
      s.check('cuda-init', 133, 'CUDA initialization failures', { evidence: [EV.errors()] }),
      s.check('cuda-unavailable', 134, 'torch.cuda.is_available() returns False'),
      s.check('zero-utilization', 135, 'GPU metrics show 0% utilization', { evidence: [EV.gpu()] }),
    ]),
    s.section('investigate', 'Investigation steps', 'investigate', 137, 'Investigation Steps', [
      s.cmd('nvidia-driver', 139, 140, 'Check NVIDIA driver', 'nvidia-smi'),
      s.cmd('cuda-install', 142, 143, 'Check CUDA installation', 'nvcc --version'),
      s.cmd('docker-gpu', 145, 146, 'Check Docker GPU access', 'docker run --rm --gpus all nvidia/cuda:11.8-base-ubuntu22.04 nvidia-smi'),
      s.cmd(
        'k8s-gpu-resources',
        148,
        149,
        'Check Kubernetes GPU resources',
        'kubectl describe nodes | grep -A 10 "Capacity:\\|Allocatable:"',
      ),
    ]),
    s.section('driver', 'Driver issues', 'mitigate', 153, 'Driver issues', [
      s.cmd(
        'restart-nvidia',
        155,
        157,
        'Restart NVIDIA services',
        'sudo systemctl restart nvidia-persistenced\nsudo systemctl restart nvidia-docker',
        {
          role: 'operations',
        },
      ),
      s.cmd(
        'reload-modules',
        159,
        161,
        'Reload NVIDIA modules',
        'sudo rmmod nvidia_uvm nvidia_drm nvidia_modeset nvidia\nsudo modprobe nvidia nvidia_modeset nvidia_drm nvidia_uvm',
        { role: 'operations' },
      ),
    ]),
    s.section('container', 'Container issues', 'mitigate', 164, 'Container issues', [
      s.cmd(
        'restart-gpu-container',
        166,
        168,
        'Restart with GPU access',
        'docker stop hdc-toolkit-gpu\ndocker run -d --name hdc-toolkit-gpu --gpus all hd-compute-toolkit:gpu',
        {
          role: 'operations',
        },
      ),
    ]),
    s.section('kubernetes', 'Kubernetes issues', 'mitigate', 171, 'Kubernetes issues', [
      s.cmd('device-plugin', 173, 174, 'Check GPU device plugin', 'kubectl get daemonset -n kube-system | grep nvidia'),
      s.cmd('redeploy', 176, 177, 'Redeploy GPU workload', 'kubectl delete pod -l app=hdc-toolkit-gpu', { role: 'operations' }),
    ]),
  ],
  escalation: HD_ESCALATION,
};

export const DATABASE_CONNECTION: PlaybookInput = {
  schema: 1,
  id: 'database-connection',
  version: 1,
  title: 'Database connection issues',
  summary: 'The experiment database times out or refuses connections; tracking data is not saved.',
  sources: [s.ref(222, '5. Database Connection Issues'), gaudi.ref(274, 'Database Recovery')],
  sections: [
    s.section('symptoms', 'Confirm the symptoms', 'confirm', 224, 'Symptoms', [
      s.check('db-timeouts', 225, 'Database connection timeouts', { evidence: [EV.errors()] }),
      s.check('mlflow-failures', 226, 'MLflow tracking failures'),
      s.check('data-not-saved', 227, 'Experiment data not being saved'),
    ]),
    s.section('investigate', 'Investigation steps', 'investigate', 229, 'Investigation Steps', [
      s.cmd('db-status', 231, 232, 'Check database status', 'docker exec hdc-postgres pg_isready'),
      s.cmd('connection-params', 234, 235, 'Check connection parameters', 'docker logs hdc-toolkit | grep -i "database\\|postgres"'),
      s.cmd(
        'db-connectivity',
        237,
        245,
        'Test database connectivity',
        `docker exec hdc-toolkit python -c "
import psycopg2
try:
    conn = psycopg2.connect('postgresql://hdc_user:hdc_password@postgres:5432/hdc_experiments')
    print('Database connection successful')
except Exception as e:
    print(f'Database connection failed: {e}')
"`,
      ),
    ]),
    s.section('restart', 'Database restart', 'mitigate', 249, 'Database restart', [
      s.cmd('db-restart', 250, 253, 'Restart the database', 'docker restart hdc-postgres\nkubectl rollout restart deployment/postgres', {
        role: 'operations',
      }),
    ]),
    s.section('pool', 'Connection pool issues', 'mitigate', 255, 'Connection pool issues', [
      s.cmd(
        'active-connections',
        257,
        260,
        'Check active connections',
        `docker exec hdc-postgres psql -U hdc_user -d hdc_experiments -c "
SELECT state, count(*) FROM pg_stat_activity GROUP BY state;
"`,
      ),
      s.cmd(
        'kill-long-queries',
        262,
        265,
        'Kill long-running queries if necessary',
        `docker exec hdc-postgres psql -U hdc_user -d hdc_experiments -c "
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle in transaction' AND state_change < now() - interval '1 hour';
"`,
        { role: 'operations' },
      ),
    ]),
    gaudi.section(
      'recovery',
      'Database recovery from backup',
      'recover',
      274,
      'Database Recovery',
      [
        gaudi.cmd(
          'backup-state',
          277,
          278,
          'Backup current state',
          'sudo cp -r /var/lib/docker/volumes/ /backup/docker-volumes-$(date +%Y%m%d)/',
        ),
        gaudi.cmd('stop-services', 280, 281, 'Stop services', 'docker-compose down'),
        gaudi.cmd('restore-backup', 283, 284, 'Restore from backup', 'sudo cp -r /backup/docker-volumes-latest/ /var/lib/docker/volumes/'),
        gaudi.cmd('restart-services', 286, 287, 'Restart services', 'docker-compose up -d'),
        gaudi.cmd('verify-recovery', 289, 290, 'Verify recovery', 'make test'),
      ],
      { note: 'From the Gaudi 3 playbook: only when the data itself must be restored.' },
    ),
  ],
  escalation: HD_ESCALATION,
};
