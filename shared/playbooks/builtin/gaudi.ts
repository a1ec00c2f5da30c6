import type { PlaybookInput } from '../schema';
import { HD_ESCALATION } from './hd-runbook';
import { EV, seedKit } from './kit';

/** The Gaudi 3 playbook's scenarios (assets/seeds/gaudi-playbook.md), with the runbook and lecture where they cover the same incident. */
const s = seedKit('gaudi-playbook.md');
const hd = seedKit('hd-compute-runbook.md');
const lecture = seedKit('ml-incident-lecture.md');

export const HPU_HARDWARE: PlaybookInput = {
  schema: 1,
  id: 'hpu-hardware',
  version: 1,
  title: 'HPU hardware issues',
  summary: 'Gaudi accelerators report errors, training crashes on HPU errors, temperature alerts fire.',
  sources: [s.ref(92, 'HPU Hardware Issues')],
  sections: [
    s.section('symptoms', 'Confirm the symptoms', 'confirm', 94, 'Symptoms', [
      s.check('hl-smi-errors', 95, 'hl-smi shows errors'),
      s.check('training-crashes', 96, 'Training crashes with HPU errors', { evidence: [EV.errors()] }),
      s.check('temperature-alerts', 97, 'Temperature alerts firing', { evidence: [EV.alerts()] }),
    ]),
    s.section('investigate', 'Response: investigate', 'investigate', 99, 'Response', [
      s.cmd('hpu-status', 101, 102, 'Check HPU status', 'hl-smi'),
      s.cmd('system-logs', 104, 106, 'Check system logs', 'dmesg | grep -i habana\njournalctl -u habana-driver'),
    ]),
    s.section('restart', 'Response: restart and verify', 'mitigate', 99, 'Response', [
      s.cmd('restart-hpu', 108, 109, 'Restart HPU services if needed', 'sudo systemctl restart habana-driver', { role: 'operations' }),
      s.cmd(
        'verify-hpu',
        111,
        112,
        'Verify HPU availability',
        'python -c "import habana_frameworks.torch; print(habana_frameworks.torch.hpu.is_available())"',
      ),
    ]),
  ],
  escalation: [s.t(115, 'Contact Habana support if hardware failure suspected.')],
};

export const SECURITY_INCIDENT: PlaybookInput = {
  schema: 1,
  id: 'security-incident',
  version: 1,
  title: 'Security incident',
  summary: 'Unauthorized access attempts, suspicious network activity or security tool alerts.',
  sources: [s.ref(163, 'Security Incidents')],
  sections: [
    s.section('symptoms', 'Confirm the symptoms', 'confirm', 165, 'Symptoms', [
      s.check('unauthorized-access', 166, 'Unauthorized access attempts', { evidence: [EV.authFailures()] }),
      s.check('suspicious-network', 167, 'Suspicious network activity'),
      s.check('security-alerts', 168, 'Security tool alerts', { evidence: [EV.alerts()] }),
    ]),
    s.section('investigate', 'Response', 'investigate', 170, 'Response', [
      s.cmd('access-logs', 172, 173, 'Check access logs', 'sudo journalctl -u ssh | grep Failed'),
      s.cmd('network-connections', 175, 176, 'Monitor network connections', 'ss -tuln'),
      s.cmd('security-scan', 178, 180, 'Run security scan', 'bandit -r src/\nsafety check'),
      s.cmd('malware', 182, 183, 'Check for malware', 'sudo rkhunter --check'),
    ]),
  ],
  escalation: [
    s.t(186, 'Immediately notify security team for any confirmed breaches.'),
    hd.t(287, 'Security team (for security incidents)', 'External Escalation'),
    hd.t(288, 'Legal team (for data breaches)', 'External Escalation'),
  ],
};

export const PERFORMANCE_DEGRADATION: PlaybookInput = {
  schema: 1,
  id: 'performance-degradation',
  version: 1,
  title: 'Performance degradation / high latency',
  summary:
    'Slow responses or slow training. The HD-Compute runbook (serving) and the Gaudi playbook (training) both describe it; mark the other one not applicable.',
  alerts: ['HDC_HighLatency'],
  sources: [hd.ref(180, '4. Performance Degradation'), s.ref(140, 'Performance Degradation')],
  sections: [
    hd.section('symptoms-serving', 'Confirm the symptoms: serving (HD-Compute runbook)', 'confirm', 182, 'Symptoms', [
      hd.check('latency-alert', 183, 'HDC_HighLatency alert firing', { evidence: [EV.alerts({ alert: 'HDC_HighLatency' })] }),
      hd.check('slow-responses', 184, 'Slow response times', { evidence: [EV.latency()] }),
      hd.check('low-throughput', 185, 'Low throughput metrics', { evidence: [EV.pending()] }),
    ]),
    s.section('symptoms-training', 'Confirm the symptoms: training (Gaudi playbook)', 'confirm', 142, 'Symptoms', [
      s.check('slow-training', 143, 'Slow training throughput'),
      s.check('high-memory', 144, 'High memory usage', { evidence: [EV.gpu()] }),
      s.check('cpu-bottlenecks', 145, 'CPU bottlenecks'),
    ]),
    hd.section('investigate-serving', 'Investigate: serving', 'investigate', 187, 'Investigation Steps', [
      hd.cmd('latency-metrics', 189, 190, 'Check latency metrics', 'curl http://localhost:8080/metrics | grep hdc_latency'),
      hd.cmd('system-load', 192, 194, 'Check system load', 'uptime\niostat 1 5'),
      hd.cmd(
        'slow-logs',
        196,
        197,
        'Check application logs for slow operations',
        'docker logs hdc-toolkit | grep -i "slow\\|timeout\\|performance"',
      ),
      hd.cmd(
        'profile-app',
        199,
        203,
        'Profile running application',
        'docker exec hdc-toolkit python -m cProfile -o /tmp/profile.stats -c "\nimport hd_compute\n# Run typical workload\n"',
      ),
    ]),
    s.section('investigate-training', 'Investigate: training', 'investigate', 147, 'Response', [
      s.cmd('profile-training', 149, 150, 'Profile training performance', 'python -m cProfile -o profile.stats train.py'),
      s.cmd('data-loading', 152, 153, 'Check for data loading bottlenecks', 'htop | grep python'),
      s.cmd('hpu-utilization', 155, 156, 'Monitor HPU utilization', 'watch -n 1 hl-smi'),
      s.cmd('optimize', 158, 160, 'Optimize if needed', 'export PT_HPU_LAZY_MODE=1\nexport PT_HPU_GRAPH_COMPILER_OPT_LEVEL=3', {
        role: 'operations',
      }),
    ]),
    hd.section('immediate', 'Resolution: immediate', 'mitigate', 207, 'Immediate', [
      hd.cmd('scale-horizontally', 209, 210, 'Scale horizontally', 'kubectl scale deployment hdc-toolkit --replicas=5', {
        role: 'operations',
      }),
      hd.cmd(
        'resource-limits',
        212,
        213,
        'Check and fix resource limits',
        'kubectl get deployment hdc-toolkit -o yaml | grep -A 10 resources',
      ),
    ]),
  ],
  hardening: hd.list(217, 'Optimization', [
    'Review batch sizes and dimensions',
    'Enable GPU acceleration if available',
    'Implement caching for frequent operations',
    'Review algorithm efficiency',
  ]),
  escalation: HD_ESCALATION,
};

export const TRAINING_PIPELINE_FAILURE: PlaybookInput = {
  schema: 1,
  id: 'training-pipeline-failure',
  version: 1,
  title: 'Training pipeline failure',
  summary: 'Models stop updating: training crashes, loss goes NaN, or the pipeline runs out of memory.',
  sources: [lecture.ref(78, '4. Training Pipeline Failure'), s.ref(117, 'Training Pipeline Failures')],
  causes: [lecture.t(80, 'Data quality issues, infrastructure', '4. Training Pipeline Failure')],
  sections: [
    lecture.section('symptoms-lecture', 'Confirm the symptoms (lecture)', 'confirm', 78, '4. Training Pipeline Failure', [
      lecture.check('models-not-updating', 79, 'Models not updating'),
      lecture.check('pipeline-monitoring', 81, 'Pipeline monitoring', {
        detail: 'How the lecture says this is detected.',
        evidence: [EV.alerts()],
      }),
    ]),
    s.section('symptoms-gaudi', 'Confirm the symptoms (Gaudi playbook)', 'confirm', 119, 'Symptoms', [
      s.check('training-stops', 120, 'Training stops unexpectedly', { evidence: [EV.restarts()] }),
      s.check('loss-nan', 121, 'Loss becomes NaN'),
      s.check('oom-errors', 122, 'Out of memory errors', { evidence: [EV.oom(), EV.gpu()] }),
    ]),
    s.section('investigate', 'Response: investigate', 'investigate', 124, 'Response', [
      s.cmd('training-logs', 126, 127, 'Check training logs', 'docker logs gaudi3-trainer | tail -50'),
      s.cmd('trainer-resources', 129, 130, 'Monitor resource usage', 'docker stats gaudi3-trainer'),
      s.cmd(
        'data-integrity',
        132,
        133,
        'Check data integrity',
        'python -c "from gaudi3_scale.data import validate_dataset; validate_dataset()"',
      ),
    ]),
    lecture.section('respond', 'Respond', 'mitigate', 78, '4. Training Pipeline Failure', [
      lecture.action('fix-and-restart', 82, 'Fix data issues, restart pipeline', { role: 'operations' }),
      s.cmd('reduced-batch', 135, 137, 'Restart with reduced batch size', 'export BATCH_SIZE=16\ndocker-compose restart gaudi-trainer', {
        role: 'operations',
      }),
    ]),
  ],
};
