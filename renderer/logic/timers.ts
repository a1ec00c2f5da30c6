import type { Incident, TimelineEvent } from '../../shared/domain/incident';
import {
  escalationAt,
  responseClockStart,
  type EscalationLevel,
  type ResponseClockStart,
  type SeverityPolicy,
} from '../../shared/policy/severity-policy';
import { statusIndex } from '../../shared/domain/status';

const MIN = 60_000;

/** How a timer should look: calm, close to its deadline, past it, or no longer running. */
export type TimerTone = 'ok' | 'warn' | 'breach' | 'done';

export interface SlaTimer {
  deadline: number;
  /** Set once acknowledged: how long acknowledgement took, from the clock's start. */
  acknowledgedAfterMs: number | null;
  /** Until the deadline (negative once breached); null once acknowledged. */
  remainingMs: number | null;
  breached: boolean;
  tone: TimerTone;
}

/**
 * Why the next escalation falls when it does: the matrix's next step by elapsed time, the
 * severity's "escalate if unmitigated after N minutes", or both at the same moment.
 */
export type EscalationReason = 'matrix' | 'unmitigated' | 'both';

export interface EscalationTimer {
  current: EscalationLevel | null;
  /** The one escalation clock: who is engaged next and when. Null once stopped or with nobody left. */
  next: { level: EscalationLevel; at: number; inMs: number; why: EscalationReason } | null;
  /** The severity's "escalate if not mitigated by" moment; null if it never escalates by time. */
  escalateBy: number | null;
  /** Unmitigated past escalateBy and nobody above the level engaged then has been brought in. */
  overdue: boolean;
  /** Mitigated or resolved: the clock no longer drives escalation. */
  stopped: boolean;
  tone: TimerTone;
}

export interface UpdateTimer {
  cadenceMin: number | null;
  lastAt: number;
  lastWasComms: boolean;
  due: number | null;
  inMs: number | null;
  tone: TimerTone;
}

export interface IncidentTimers {
  /** When the SLA and escalation clocks started, and which moment that is (a policy setting). */
  clockStart: number;
  clockFrom: ResponseClockStart;
  /** True once resolved/closed. */
  ended: boolean;
  sla: SlaTimer;
  escalation: EscalationTimer;
  update: UpdateTimer;
}

/** Warn in the last fifth of a window (at least one minute before). */
function tone(remainingMs: number, windowMs: number): TimerTone {
  if (remainingMs < 0) return 'breach';
  return remainingMs <= Math.max(MIN, windowMs / 5) ? 'warn' : 'ok';
}

function slaTimer(incident: Incident, start: number, slaMin: number, now: number): SlaTimer {
  const ack = incident.times.acknowledgedAt;
  const deadline = start + slaMin * MIN;
  if (ack !== null) {
    return {
      deadline,
      acknowledgedAfterMs: Math.max(0, ack - start),
      remainingMs: null,
      breached: ack > deadline,
      tone: ack > deadline ? 'breach' : 'done',
    };
  }
  return {
    deadline,
    acknowledgedAfterMs: null,
    remainingMs: deadline - now,
    breached: now > deadline,
    tone: tone(deadline - now, slaMin * MIN),
  };
}

/**
 * The matrix says who is engaged by elapsed time; the severity's escalation time says to bring in
 * the next level early when nothing is mitigated by then. One clock comes out: whichever of the two
 * moves first, with its reason.
 */
function escalationTimer(incident: Incident, policy: SeverityPolicy, start: number, stopped: boolean, now: number): EscalationTimer {
  const severity = incident.severity;
  const limitMin = policy.rules[severity].escalationMin;
  const escalateBy = limitMin === null ? null : start + limitMin * MIN;
  const esc = escalationAt(policy, severity, (now - start) / MIN);
  if (stopped) return { current: esc.current, next: null, escalateBy, overdue: false, stopped, tone: 'done' };

  const matrixNext = esc.next ? { level: esc.next.level, at: start + esc.next.atMin * MIN } : null;
  let next: { level: EscalationLevel; at: number; why: EscalationReason } | null = matrixNext && { ...matrixNext, why: 'matrix' };
  let overdue = false;
  if (limitMin !== null && escalateBy !== null) {
    // Who was engaged just before the limit, and who the limit brings in.
    const atLimit = escalationAt(policy, severity, limitMin - 1e-6);
    const target = atLimit.next?.level ?? null;
    if (target !== null && now < escalateBy) {
      if (matrixNext === null || escalateBy < matrixNext.at) next = { level: target, at: escalateBy, why: 'unmitigated' };
      else if (escalateBy === matrixNext.at && target === matrixNext.level) next = { ...matrixNext, why: 'both' };
    } else if (target !== null && esc.current === atLimit.current) {
      overdue = true;
      next = { level: target, at: escalateBy, why: 'unmitigated' };
    }
  }
  const windowMs = next ? Math.max(MIN, next.at - start) : MIN;
  return {
    current: esc.current,
    next: next && { ...next, inMs: next.at - now },
    escalateBy,
    overdue,
    stopped,
    tone: overdue ? 'breach' : next ? tone(next.at - now, windowMs) : 'ok',
  };
}

/**
 * Every clock the command view shows, from the incident, its timeline, the policy and "now". Pure,
 * so the countdown rules are tested without a browser. The SLA and escalation count from the
 * policy's clock start (detection or declaration); stakeholder updates from declaration or the
 * last update sent, since nobody can have told stakeholders anything before the incident existed.
 */
export function computeTimers(incident: Incident, timeline: readonly TimelineEvent[], policy: SeverityPolicy, now: number): IncidentTimers {
  const t = incident.times;
  const rule = policy.rules[incident.severity];
  const ended = statusIndex(incident.status) >= statusIndex('resolved');
  const clockStart = responseClockStart(policy, t);
  const stopped = ended || t.mitigatedAt !== null;

  let lastComms: number | null = null;
  // Stakeholder updates only: a resolution notice or a handoff note marked sent does not restart the update clock.
  const isUpdate = (e: TimelineEvent): boolean => e.kind === 'comms' && (e.data.purpose === undefined || e.data.purpose === 'update');
  for (const e of timeline) if (isUpdate(e) && (lastComms === null || e.at > lastComms)) lastComms = e.at;
  const lastAt = lastComms ?? t.declaredAt;
  const cadence = rule.updateCadenceMin;
  const due = cadence === null || ended ? null : lastAt + cadence * MIN;
  const update: UpdateTimer = {
    cadenceMin: cadence,
    lastAt,
    lastWasComms: lastComms !== null,
    due,
    inMs: due === null ? null : due - now,
    tone: due === null ? 'done' : tone(due - now, (cadence ?? 0) * MIN),
  };

  return {
    clockStart,
    clockFrom: policy.responseClockFrom,
    ended,
    sla: slaTimer(incident, clockStart, rule.responseSlaMin, now),
    escalation: escalationTimer(incident, policy, clockStart, stopped, now),
    update,
  };
}
