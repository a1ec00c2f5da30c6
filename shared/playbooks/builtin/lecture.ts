import type { PlaybookInput } from '../schema';
import { DAY_MIN, EV, seedKit } from './kit';

/** The ML incident types and playbooks of the lecture (assets/seeds/ml-incident-lecture.md). */
const s = seedKit('ml-incident-lecture.md');

export const MODEL_PERFORMANCE_DEGRADATION: PlaybookInput = {
  schema: 1,
  id: 'model-performance-degradation',
  version: 1,
  title: 'Model performance degradation',
  summary: 'Prediction quality drops. A recent deployment is rolled back; otherwise data drift is investigated.',
  alerts: ['MLAccuracySLOViolation'],
  sources: [s.ref(60, '1. Model Performance Degradation'), s.ref(214, 'Playbook: Model Performance Degradation')],
  causes: [s.t(62, 'Data drift, concept drift, stale model', '1. Model Performance Degradation')],
  sections: [
    s.section('detection', 'Detection', 'confirm', 216, 'Detection', [
      s.check('accuracy-alert', 217, 'Alert: MLAccuracySLOViolation fires', { evidence: [EV.alerts({ alert: 'MLAccuracySLOViolation' })] }),
      s.check('dashboard-drop', 218, 'Dashboard shows accuracy drop'),
      s.check('user-reports', 219, 'User reports of bad predictions'),
      s.check('accuracy-drop', 61, 'Accuracy drop, increased errors', { detail: 'The symptom as the lecture’s incident table names it.' }),
      s.check('quality-monitoring', 63, 'Model quality monitoring', { detail: 'How the lecture’s incident table says it is detected.' }),
    ]),
    s.section('initial-assessment', 'Initial assessment (5 min)', 'investigate', 221, 'Initial Assessment (5 min)', [
      s.cmd(
        'model-version',
        222,
        225,
        'Check model version in production',
        `kubectl get deployment ml-service -o json | jq '.spec.template.spec.containers[0].env[] | select(.name=="MODEL_VERSION")'`,
      ),
      s.cmd('recent-deployments', 227, 230, 'Check recent deployments', 'kubectl rollout history deployment/ml-service'),
      s.check('review-dashboard', 232, 'Review metrics dashboard'),
      s.check('accuracy-over-time', 233, 'Model accuracy over time'),
      s.check('prediction-distribution', 234, 'Prediction distribution'),
      s.check('feature-distribution', 235, 'Feature distribution (drift detection)'),
    ]),
    s.section('triage', 'Triage (10 min)', 'decide', 237, 'Triage (10 min)', [
      s.decision(
        'recent-deployment',
        239,
        'Is it a recent deployment?',
        'Is it a recent deployment?',
        s.branch(240, 'Go to "Rollback Procedure"', ['rollback']),
        s.branch(241, 'Go to "Data Drift Investigation"', ['data-drift', 'drift-confirmed']),
      ),
    ]),
    s.section('rollback', 'Rollback procedure', 'mitigate', 243, 'Rollback Procedure', [
      s.cmd('last-good-version', 244, 247, 'Identify last known good version', 'kubectl rollout history deployment/ml-service'),
      s.cmd('rollback-previous', 249, 252, 'Rollback to previous version', 'kubectl rollout undo deployment/ml-service', {
        role: 'operations',
      }),
      s.check('monitor-recovery', 254, 'Monitor metrics for recovery'),
      s.action('update-status', 255, 'Update incident status', { role: 'commander' }),
      s.action('schedule-postmortem', 256, 'Schedule postmortem', { role: 'commander' }),
    ]),
    s.section('data-drift', 'Data drift investigation', 'investigate', 258, 'Data Drift Investigation', [
      s.cmd('drift-metrics', 259, 262, 'Check data drift metrics', 'python scripts/check_data_drift.py --window=24h'),
      s.check('compare-features', 264, 'Compare feature distributions'),
      s.check('training-vs-production', 265, 'Training data vs. production data'),
      s.check('significant-changes', 266, 'Look for significant changes'),
      s.check('upstream-sources', 268, 'Check upstream data sources'),
      s.check('upstream-healthy', 269, 'Are they healthy?'),
      s.check('schema-changes', 270, 'Recent schema changes?'),
    ]),
    s.section('drift-confirmed', 'If drift confirmed:', 'mitigate', 272, 'Data Drift Investigation', [
      s.action('retrain', 273, 'Trigger retraining pipeline', { role: 'operations' }),
      s.action('fallback-features', 274, 'Use cached/fallback features if available', { role: 'operations' }),
      s.action('monitoring-thresholds', 275, 'Update monitoring thresholds'),
    ]),
    s.section('resolution', 'Resolution', 'recover', 277, 'Resolution', [
      s.action('rollback-or-retrain', 64, 'Rollback model or retrain', {
        detail: 'The response as the lecture’s incident table names it.',
      }),
      s.check('service-restored', 278, 'Service restored (rollback OR new deployment)'),
      s.check('metrics-normal', 279, 'Metrics return to normal'),
      s.check('impact-ended', 280, 'User impact ended'),
    ]),
    s.section('follow-up', 'Follow-up', 'follow-up', 282, 'Follow-up', [
      s.action('postmortem-48h', 283, 'Complete postmortem within 48 hours', { role: 'commander', dueAfterMin: 2 * DAY_MIN }),
      s.action('root-cause', 284, 'Identify root cause'),
      s.action('prevention-items', 285, 'Create action items for prevention'),
    ]),
  ],
};

export const PREDICTION_SERVICE_OUTAGE: PlaybookInput = {
  schema: 1,
  id: 'prediction-service-outage',
  version: 1,
  title: 'Prediction service outage',
  summary: 'The model serving endpoint fails: 5xx errors and timeouts. Find which of three common causes it is.',
  alerts: ['MLAvailabilitySLOViolation'],
  sources: [s.ref(66, '2. Prediction Service Outage'), s.ref(292, 'Playbook: Prediction Service Outage')],
  causes: [
    s.t(68, 'Infrastructure failure, OOM, bad deployment', '2. Prediction Service Outage'),
    ...s.list(322, 'Likely causes', ['OOM (Out of Memory)', 'Model loading failure', 'Configuration error']),
    ...s.list(341, 'Likely causes', ['Insufficient replicas for load', 'Slow feature retrieval', 'Model inference slow']),
  ],
  sections: [
    s.section('detection', 'Detection', 'confirm', 293, 'Detection', [
      s.check('availability-alert', 294, 'Alert: MLAvailabilitySLOViolation', {
        evidence: [EV.alerts({ alert: 'MLAvailabilitySLOViolation' })],
      }),
      s.check('5xx-spike', 295, '5xx error rate spike', { evidence: [EV.errors()] }),
      s.check('timeouts', 296, 'Timeouts', { evidence: [EV.latency()] }),
      s.check('errors-timeouts', 67, '5xx errors, timeouts', { detail: 'The symptom as the lecture’s incident table names it.' }),
      s.check('availability-monitoring', 69, 'Service availability monitoring', {
        detail: 'How the lecture’s incident table says it is detected.',
      }),
    ]),
    s.section('initial-assessment', 'Initial assessment (2 min)', 'investigate', 298, 'Initial Assessment (2 min)', [
      s.cmd(
        'service-health',
        299,
        303,
        'Check service health',
        'kubectl get pods -l app=ml-service\nkubectl logs -l app=ml-service --tail=100',
      ),
      s.cmd('resource-usage', 305, 308, 'Check resource usage', 'kubectl top pods -l app=ml-service'),
    ]),
    s.section('crashlooping', 'Pods CrashLooping', 'investigate', 312, 'Pods CrashLooping', [
      s.check('crashloopbackoff', 313, 'Pods in CrashLoopBackOff state', { evidence: [EV.restarts(), EV.oom()] }),
      s.cmd(
        'crashloop-investigation',
        316,
        319,
        'Read the crashed container’s logs and events',
        'kubectl logs ml-service-xxx --previous\nkubectl describe pod ml-service-xxx',
      ),
    ]),
    s.section('crashloop-fix', 'Pods CrashLooping: fix', 'mitigate', 326, 'Fix', [
      s.action('oom-limits', 327, 'If OOM: Increase memory limits', { role: 'operations' }),
      s.check('model-registry', 328, 'If model loading: Check model registry access'),
      s.action('config-rollback', 329, 'If config: Rollback deployment', { role: 'operations' }),
    ]),
    s.section('high-latency', 'High latency / timeouts', 'investigate', 331, 'High Latency / Timeouts', [
      s.check('p99-latency', 332, 'Requests timing out, high P99 latency', { evidence: [EV.latency()] }),
      s.cmd(
        'service-metrics',
        336,
        337,
        'Check service metrics',
        'curl http://prometheus:9090/api/v1/query?query=histogram_quantile(0.99,rate(ml_prediction_latency_seconds_bucket[5m]))',
      ),
    ]),
    s.section('latency-fix', 'High latency: fix', 'mitigate', 345, 'Fix', [
      s.cmd('scale-replicas', 346, 346, 'Scale up replicas', 'kubectl scale deployment ml-service --replicas=10', { role: 'operations' }),
      s.check('feature-store-performance', 347, 'Check feature store performance'),
      s.action('profile-inference', 348, 'Profile model inference'),
    ]),
    s.section('dependency', 'Dependency failure', 'investigate', 350, 'Dependency Failure', [
      s.check('external-errors', 351, 'Errors calling external services', { evidence: [EV.errors()] }),
      s.check('feature-store-health', 354, 'Check feature store health'),
      s.check('registry-availability', 355, 'Check model registry availability'),
      s.check('redis-db', 356, 'Check Redis/database connectivity'),
    ]),
    s.section('dependency-fix', 'Dependency failure: fix', 'mitigate', 358, 'Fix', [
      s.action('circuit-breakers', 359, 'Enable circuit breakers', { role: 'operations' }),
      s.action('cached-features', 360, 'Use cached features', { role: 'operations' }),
      s.action('simpler-model', 361, 'Graceful degradation to simpler model', { role: 'operations' }),
    ]),
    s.section('respond', 'Respond', 'recover', 66, '2. Prediction Service Outage', [
      s.action('rollback-scale-restart', 70, 'Rollback, scale up, or restart', {
        detail: 'The response as the lecture’s incident table names it.',
      }),
    ]),
  ],
  escalation: [
    s.t(364, 'If not resolved in 30 minutes:', 'Escalation'),
    ...s.list(365, 'Escalation', ['Escalate to senior engineer', 'Involve ML platform team', 'Consider full service rollback']),
  ],
};

/** The lecture gives these three incident types one line each for symptoms, causes, detection and response. */
function shortType(
  id: string,
  title: string,
  summary: string,
  line: number,
  heading: string,
  lines: { symptoms: string; causes: string; detection: string; response: string },
): PlaybookInput {
  return {
    schema: 1,
    id,
    version: 1,
    title,
    summary,
    sources: [s.ref(line, heading)],
    causes: [s.t(line + 2, lines.causes, heading)],
    sections: [
      s.section('confirm', 'Confirm', 'confirm', line, heading, [
        s.check('symptoms', line + 1, lines.symptoms),
        s.check('detection', line + 3, lines.detection, { detail: 'How the lecture says this is detected.' }),
      ]),
      s.section('respond', 'Respond', 'mitigate', line, heading, [s.action('response', line + 4, lines.response, { role: 'operations' })]),
    ],
  };
}

export const FEATURE_PIPELINE_FAILURE = shortType(
  'feature-pipeline-failure',
  'Feature pipeline failure',
  'Features arrive missing or wrong, so every model that reads them degrades.',
  72,
  '3. Feature Pipeline Failure',
  {
    symptoms: 'Missing/incorrect features',
    causes: 'Data source issues, pipeline bugs',
    detection: 'Feature freshness/quality monitoring',
    response: 'Fix pipeline, use cached features',
  },
);

export const DATA_QUALITY = shortType(
  'data-quality',
  'Data quality issues',
  'Upstream data is corrupt: predictions go bad without any service failing.',
  84,
  '5. Data Quality Issues',
  {
    symptoms: 'Bad predictions, model errors',
    causes: 'Upstream data corruption',
    detection: 'Data validation',
    response: 'Stop using bad data, alert data owners',
  },
);
