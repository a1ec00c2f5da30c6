import type { PlaybookInput } from '../schema';
import { DAY_MIN, EV, HOUR_MIN, WEEK_MIN, seedKit } from './kit';

const echo = seedKit('incident-playbook.md');
const gpuaas = seedKit('incident-management.md');
const gaudi = seedKit('gaudi-playbook.md');
const hd = seedKit('hd-compute-runbook.md');

/**
 * Attached to every incident at declaration: the Echo playbook's first-response checklist, the
 * triage, detection and recovery steps of the GPUaaS incident-management seed, and — folded unless
 * the incident has that severity — the Gaudi playbook's P0 and P1 procedures.
 */
export const FIRST_RESPONSE: PlaybookInput = {
  schema: 1,
  id: 'first-response',
  version: 1,
  title: 'First response',
  summary: 'Always attached at declaration: establish scope and the state of queues, GPUs, storage and auth, then triage.',
  sources: [echo.ref(3, 'First Response Checklist (Always)'), gpuaas.ref(39, 'Responsibilities'), gaudi.ref(33, 'Response Procedures')],
  sections: [
    echo.section('first-response', 'First response checklist (always)', 'investigate', 3, 'First Response Checklist (Always)', [
      echo.check('scope', 4, 'Confirm scope: which workflows are impacted (Echo UI, workers, OCR, translation, JupyterHub)?', {
        role: 'commander',
        evidence: [EV.errors(), EV.alerts()],
      }),
      echo.check('queues', 5, 'Check queue depth + job latency in AsynqMon.', { evidence: [EV.pending(), EV.latency()] }),
      echo.check('gpus', 6, 'Check GPU memory + OOM/restarts.', { evidence: [EV.gpu(), EV.oom(), EV.restarts()] }),
      echo.check('storage', 7, 'Check storage saturation (NFS/MinIO) and artifact TTL behavior.', { evidence: [EV.fs(), EV.fsErrors()] }),
      echo.check('auth', 8, 'Check auth layer (local vs Keycloak/AD).', {
        evidence: [EV.authFailures(), EV.alerts({ playbook: 'auth-outage' })],
      }),
    ]),
    gpuaas.section('triage', 'Triage', 'investigate', 47, 'Triage', [
      gpuaas.check('assess-severity', 48, 'assess severity and impact', { role: 'commander' }),
      gpuaas.check('affected-tenants', 49, 'identify affected tenants or pools', { role: 'commander' }),
      gpuaas.action('prioritize', 50, 'prioritize response', { role: 'commander' }),
    ]),
    gpuaas.section(
      'detection',
      'How was it detected?',
      'confirm',
      42,
      'Detection',
      [
        gpuaas.check('detected-alerts', 43, 'alerts from metrics or logs', { evidence: [EV.alerts()] }),
        gpuaas.check('detected-slo', 44, 'SLA/SLO violations'),
        gpuaas.check('detected-health', 45, 'health checks'),
      ],
      { note: 'Tick what applies and mark the rest not applicable: the postmortem asks how the incident was detected.' },
    ),
    gaudi.section(
      'p0-immediate',
      'P0: immediate actions (0–15 minutes)',
      'investigate',
      37,
      'Immediate Actions (0-15 minutes)',
      [
        gaudi.cmd('p0-system-status', 39, 42, 'Check system status', 'make monitor-up\ndocker ps -a\nhl-smi'),
        gaudi.cmd('p0-stop-training', 44, 45, 'Stop training if necessary', 'docker-compose down gaudi-trainer'),
        gaudi.cmd('p0-preserve-logs', 47, 48, 'Preserve logs', 'docker logs gaudi3-trainer > incident-$(date +%Y%m%d-%H%M%S).log', {
          role: 'scribe',
        }),
      ],
      { severities: ['SEV1'], note: "From the Gaudi 3 playbook's P0 procedure; the commands name that platform's containers." },
    ),
    gaudi.section(
      'p0-assessment',
      'P0: assessment (15–30 minutes)',
      'investigate',
      51,
      'Assessment (15-30 minutes)',
      [
        gaudi.check('p0-root-cause', 52, 'Identify root cause'),
        gaudi.check('p0-impact-scope', 53, 'Assess impact scope', { role: 'commander' }),
        gaudi.action('p0-recovery-strategy', 54, 'Determine recovery strategy', { role: 'commander' }),
        gaudi.action('p0-notify', 55, 'Notify stakeholders', { role: 'communications' }),
      ],
      { severities: ['SEV1'] },
    ),
    gaudi.section(
      'p0-recovery',
      'P0: recovery (30+ minutes)',
      'recover',
      57,
      'Recovery (30+ minutes)',
      [
        gaudi.action('p0-execute-recovery', 58, 'Execute recovery plan', { role: 'operations' }),
        gaudi.check('p0-verify', 59, 'Verify system functionality'),
        gaudi.action('p0-resume', 60, 'Resume normal operations'),
        gaudi.action('p0-document', 61, 'Document incident', { role: 'scribe' }),
      ],
      { severities: ['SEV1'] },
    ),
    gaudi.section(
      'p1-initial',
      'P1: initial response (0–60 minutes)',
      'investigate',
      65,
      'Initial Response (0-60 minutes)',
      [
        gaudi.cmd('p1-diagnostics', 67, 68, 'Collect diagnostic information', './scripts/collect_diagnostics.sh'),
        gaudi.cmd('p1-resources', 70, 73, 'Check resource utilization', 'htop\ndf -h\nfree -m'),
        gaudi.cmd('p1-recent-logs', 75, 76, 'Review recent logs', 'docker logs --tail 100 gaudi3-trainer'),
      ],
      { severities: ['SEV2'], note: "From the Gaudi 3 playbook's P1 procedure; the commands name that platform's containers." },
    ),
    gaudi.section(
      'p1-investigation',
      'P1: investigation',
      'investigate',
      79,
      'Investigation',
      [
        gaudi.check('p1-analyze', 80, 'Analyze logs and metrics'),
        gaudi.check('p1-reproduce', 81, 'Reproduce issue if possible'),
        gaudi.check('p1-fixes', 82, 'Identify potential fixes'),
      ],
      { severities: ['SEV2'] },
    ),
    gaudi.section(
      'p1-resolution',
      'P1: resolution',
      'mitigate',
      84,
      'Resolution',
      [
        gaudi.action('p1-workaround', 85, 'Apply temporary workaround', { role: 'operations' }),
        gaudi.action('p1-permanent-fix', 86, 'Implement permanent fix'),
        gaudi.check('p1-test', 87, 'Test thoroughly'),
        gaudi.action('p1-deploy', 88, 'Deploy solution'),
      ],
      { severities: ['SEV2'] },
    ),
    gpuaas.section('recovery', 'Recovery', 'recover', 59, 'Recovery', [
      gpuaas.action('restore', 60, 'restore normal operations', { role: 'operations' }),
      gpuaas.check('verify-health', 61, 'verify health', { evidence: [EV.alerts(), EV.errors()] }),
      gpuaas.action('close', 62, 'close incident', { role: 'commander' }),
    ]),
  ],
  escalation: [
    hd.t(
      401,
      "Remember: When in doubt, escalate early. It's better to involve more people than needed than to struggle alone during an incident.",
    ),
  ],
};

/**
 * Attached when an incident resolves; its items fall due counted from the resolution: the HD-Compute
 * runbook's post-incident procedure (1 hour, 24 hours, 1 week), the Gaudi playbook's retrospective
 * steps and the GPUaaS seed's postmortem duties. The prevention and improvement lists of both
 * runbooks are its hardening.
 */
export const POST_INCIDENT: PlaybookInput = {
  schema: 1,
  id: 'post-incident',
  version: 1,
  title: 'Post-incident',
  summary: 'Attached when the incident resolves. Due times count from the resolution.',
  sources: [hd.ref(328, 'Post-Incident Procedures'), gaudi.ref(352, 'Retrospective Process'), gpuaas.ref(64, 'Postmortem')],
  sections: [
    hd.section(
      'within-1-hour',
      'Immediate (within 1 hour)',
      'follow-up',
      330,
      '1. Immediate (within 1 hour)',
      [
        hd.check('service-restored', 331, 'Confirm service is fully restored', { evidence: [EV.alerts(), EV.errors()] }),
        hd.action('document-timeline', 332, 'Document timeline of events', { role: 'scribe' }),
        hd.action('gather-logs-metrics', 333, 'Gather logs and metrics', { role: 'scribe' }),
        hd.action('notify-resolution', 334, 'Notify stakeholders of resolution', { role: 'communications' }),
      ],
      { dueAfterMin: HOUR_MIN },
    ),
    hd.section(
      'within-24-hours',
      'Short-term (within 24 hours)',
      'follow-up',
      336,
      '2. Short-term (within 24 hours)',
      [
        hd.action('write-postmortem', 337, 'Write post-mortem report', { role: 'commander' }),
        hd.action('identify-root-cause', 338, 'Identify root cause'),
        hd.action('create-action-items', 339, 'Create action items for fixes'),
        hd.action('share-lessons', 340, 'Share lessons learned', { role: 'communications' }),
      ],
      { dueAfterMin: DAY_MIN },
    ),
    hd.section(
      'within-1-week',
      'Long-term (within 1 week)',
      'follow-up',
      342,
      '3. Long-term (within 1 week)',
      [
        hd.action('preventive-measures', 343, 'Implement preventive measures'),
        hd.action('update-monitoring', 344, 'Update monitoring and alerting'),
        hd.action('update-runbooks', 345, 'Review and update runbooks'),
        hd.action('team-retrospective', 346, 'Conduct team retrospective', { role: 'commander' }),
      ],
      { dueAfterMin: WEEK_MIN },
    ),
    gaudi.section(
      'retrospective',
      'Retrospective',
      'follow-up',
      352,
      'Retrospective Process',
      [
        gaudi.action('schedule-retrospective', 354, 'Schedule retrospective within 24 hours of resolution', {
          role: 'commander',
          dueAfterMin: DAY_MIN,
        }),
        gaudi.action('gather-participants', 355, 'Gather participants - all involved team members', { role: 'commander' }),
        gaudi.action('review-timeline', 356, 'Review timeline and actions taken'),
        gaudi.action('identify-improvements', 357, 'Identify improvements in processes and tools'),
        gaudi.action('retro-action-items', 358, 'Create action items with owners and due dates'),
        gaudi.action('update-documentation', 359, 'Update documentation and procedures'),
      ],
      {
        dueAfterMin: WEEK_MIN,
        note: 'From the Gaudi 3 playbook; overlaps the runbook’s 24-hour and 1-week steps — keep the ones your team runs.',
      },
    ),
    gpuaas.section(
      'postmortem',
      'Postmortem',
      'follow-up',
      64,
      'Postmortem',
      [
        gpuaas.action('root-cause-analysis', 65, 'root cause analysis'),
        gpuaas.action('preventive-fixes', 66, 'preventive fixes'),
        gpuaas.action('policy-automation', 67, 'policy or automation improvements'),
      ],
      { dueAfterMin: WEEK_MIN },
    ),
  ],
  hardening: [
    ...hd.list(351, 'Monitoring', [
      'Comprehensive health checks',
      'Proactive alerting on leading indicators',
      'Performance baseline tracking',
      'Automated anomaly detection',
    ]),
    ...hd.list(357, 'Testing', [
      'Regular disaster recovery drills',
      'Chaos engineering practices',
      'Load testing in staging',
      'Security vulnerability scanning',
    ]),
    ...hd.list(363, 'Documentation', [
      'Keep runbooks updated',
      'Document all configuration changes',
      'Maintain incident knowledge base',
      'Regular training on procedures',
    ]),
    ...hd.list(390, 'Monthly Drills', [
      'Practice incident response procedures',
      'Test backup and recovery systems',
      'Validate monitoring and alerting',
      'Review and update contact information',
    ]),
    ...hd.list(396, 'Quarterly Reviews', [
      'Analyze incident trends',
      'Update severity classifications',
      'Review RTO/RPO objectives',
      'Conduct tabletop exercises',
    ]),
    ...gaudi.list(386, 'Monitoring Enhancements', [
      'Add new alerts based on incident patterns',
      'Improve detection accuracy',
      'Reduce false positive rates',
      'Enhance dashboard visibility',
    ]),
    ...gaudi.list(392, 'Process Improvements', [
      'Update runbooks based on lessons learned',
      'Automate common recovery procedures',
      'Improve communication templates',
      'Enhance training materials',
    ]),
    ...gaudi.list(398, 'Tool Improvements', [
      'Upgrade monitoring tools',
      'Add new diagnostic capabilities',
      'Improve automation scripts',
      'Enhance reporting systems',
    ]),
  ],
};
