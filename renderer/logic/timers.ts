import type { Incident, TimelineEvent } from '../../shared/domain/incident';
import { escalationAt, type EscalationLevel, type SeverityPolicy } from '../../shared/policy/severity-policy';
import { statusIndex } from '../../shared/domain/status';

const MIN = 60_000;

/** How a timer should look: calm, close to its deadline, past it, or no longer running. */
export type TimerTone = 'ok' | 'warn' | 'breach' | 'done';

export interface SlaTimer {
  deadline: number;
  /** Set once acknowledged: how long acknowledgement took. */
  acknowledgedAfterMs: number | null;
  /** Until the deadline (negative once breached); null once acknowledged. */
  remainingMs: number | null;
  breached: boolean;
  tone: TimerTone;
}

export interface EscalationTimer {
  current: EscalationLevel | null;
  next: { level: EscalationLevel; at: number; inMs: number } | null;
  /** The severity's "escalate if not mitigated by" moment; null if it never escalates by time. */
  escalateBy: number | null;
  /** Not mitigated and past escalateBy. */
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
  elapsedMs: number;
  /** True once resolved/closed: the elapsed clock has stopped. */
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

/**
 * Every clock the incident header shows, from the incident, its timeline, the
 * policy and "now". Pure, so the countdown rules are tested without a browser.
 */
export function computeTimers(incident: Incident, timeline: readonly TimelineEvent[], policy: SeverityPolicy, now: number): IncidentTimers {
  const t = incident.times;
  const rule = policy.rules[incident.severity];
  const ended = statusIndex(incident.status) >= statusIndex('resolved');
  const endAt = ended ? (t.resolvedAt ?? t.closedAt ?? now) : now;
  const elapsedMs = Math.max(0, endAt - t.declaredAt);

  const deadline = t.declaredAt + rule.responseSlaMin * MIN;
  const sla: SlaTimer =
    t.acknowledgedAt !== null
      ? {
          deadline,
          acknowledgedAfterMs: Math.max(0, t.acknowledgedAt - t.declaredAt),
          remainingMs: null,
          breached: t.acknowledgedAt > deadline,
          tone: t.acknowledgedAt > deadline ? 'breach' : 'done',
        }
      : {
          deadline,
          acknowledgedAfterMs: null,
          remainingMs: deadline - now,
          breached: now > deadline,
          tone: tone(deadline - now, rule.responseSlaMin * MIN),
        };

  const stopped = ended || t.mitigatedAt !== null;
  const esc = escalationAt(policy, incident.severity, elapsedMs / MIN);
  const escalateBy = rule.escalationMin === null ? null : t.declaredAt + rule.escalationMin * MIN;
  const overdue = !stopped && escalateBy !== null && now > escalateBy;
  const next =
    stopped || esc.next === null
      ? null
      : { level: esc.next.level, at: t.declaredAt + esc.next.atMin * MIN, inMs: t.declaredAt + esc.next.atMin * MIN - now };
  const escalation: EscalationTimer = {
    current: esc.current,
    next,
    escalateBy,
    overdue,
    stopped,
    tone: stopped ? 'done' : overdue ? 'breach' : escalateBy !== null ? tone(escalateBy - now, (rule.escalationMin ?? 0) * MIN) : 'ok',
  };

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

  return { elapsedMs, ended, sla, escalation, update };
}
