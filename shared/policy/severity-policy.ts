import type { IncidentTimes } from '../domain/incident';
import type { Severity } from '../domain/severity';

/**
 * What each severity demands of the response. Defaults come from the seeds:
 * response SLA, escalation time and channels from the lecture's SEVERITY_CONFIG;
 * the update cadence from the runbook's "Updates will be posted every 15 minutes"
 * for the top level, widened for lower severities.
 */
export interface SeverityRule {
  /** Minutes from declaration to acknowledgement. */
  responseSlaMin: number;
  /** Minutes without mitigation before escalating; null = never escalates by time. */
  escalationMin: number | null;
  notificationChannels: string[];
  /** Minutes between stakeholder updates; null = no scheduled updates. */
  updateCadenceMin: number | null;
}

/** Who is engaged after a given elapsed time, per severity (seed escalation matrix). */
export interface EscalationStep {
  /** Elapsed minutes from declaration at which this step starts. */
  fromMin: number;
  engage: Readonly<Record<Severity, EscalationLevel | null>>;
}

export const ESCALATION_LEVELS = ['on-call', 'team lead', 'management', 'executive'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/**
 * What the response SLA and escalation clocks count from. The seeds give response times and an
 * escalation matrix by elapsed time without saying from when; an incident declared an hour after its
 * alert has had an hour of response time already, so detection is the default and declaration the option.
 */
export const RESPONSE_CLOCK_STARTS = ['detected', 'declared'] as const;
export type ResponseClockStart = (typeof RESPONSE_CLOCK_STARTS)[number];

export interface SeverityPolicy {
  rules: Readonly<Record<Severity, SeverityRule>>;
  escalationMatrix: readonly EscalationStep[];
  responseClockFrom: ResponseClockStart;
}

export const DEFAULT_POLICY: SeverityPolicy = {
  rules: {
    SEV1: {
      responseSlaMin: 5,
      escalationMin: 15,
      notificationChannels: ['pagerduty', 'slack-critical', 'email-executives'],
      updateCadenceMin: 15,
    },
    SEV2: { responseSlaMin: 15, escalationMin: 30, notificationChannels: ['pagerduty', 'slack-incidents'], updateCadenceMin: 30 },
    SEV3: { responseSlaMin: 60, escalationMin: 120, notificationChannels: ['slack-incidents', 'email-team'], updateCadenceMin: 60 },
    SEV4: { responseSlaMin: 480, escalationMin: null, notificationChannels: ['jira'], updateCadenceMin: null },
  },
  // Gaudi playbook seed: | 0-15m | 15m-1h | 1h-4h | 4h+ | by P0..P3.
  escalationMatrix: [
    { fromMin: 0, engage: { SEV1: 'on-call', SEV2: 'on-call', SEV3: null, SEV4: null } },
    { fromMin: 15, engage: { SEV1: 'team lead', SEV2: 'on-call', SEV3: 'on-call', SEV4: null } },
    { fromMin: 60, engage: { SEV1: 'management', SEV2: 'team lead', SEV3: 'on-call', SEV4: 'on-call' } },
    { fromMin: 240, engage: { SEV1: 'executive', SEV2: 'management', SEV3: 'team lead', SEV4: 'on-call' } },
  ],
  responseClockFrom: 'detected',
};

/** The moment an incident's response SLA and escalation clocks start under `policy`. */
export function responseClockStart(policy: Pick<SeverityPolicy, 'responseClockFrom'>, times: IncidentTimes): number {
  return policy.responseClockFrom === 'detected' ? (times.detectedAt ?? times.declaredAt) : times.declaredAt;
}

/** The level engaged now, and the next step with when it starts (null if none left). */
export function escalationAt(
  policy: SeverityPolicy,
  severity: Severity,
  elapsedMin: number,
): { current: EscalationLevel | null; next: { level: EscalationLevel; atMin: number } | null } {
  let current: EscalationLevel | null = null;
  let next: { level: EscalationLevel; atMin: number } | null = null;
  for (const step of policy.escalationMatrix) {
    const level = step.engage[severity];
    if (step.fromMin <= elapsedMin) {
      current = level ?? current;
    } else if (level !== null && level !== current && next === null) {
      next = { level, atMin: step.fromMin };
    }
  }
  return { current, next };
}
