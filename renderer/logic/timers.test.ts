import { describe, expect, it } from 'vitest';
import type { Incident, TimelineEvent } from '../../shared/domain/incident';
import { testIncident } from '../../shared/domain/incident-fixtures';
import { DEFAULT_POLICY } from '../../shared/policy/severity-policy';
import { computeTimers } from './timers';

const T0 = Date.UTC(2025, 10, 22, 12, 0, 0);
const MIN = 60_000;

const incident = (over: Partial<Incident> = {}, times: Partial<Incident['times']> = {}): Incident => testIncident(T0, times, over);

function event(kind: TimelineEvent['kind'], at: number): TimelineEvent {
  return { id: at, incidentId: 1, at, kind, actor: 'ic', summary: kind, data: {} };
}

describe('computeTimers', () => {
  it('counts down the response SLA and turns to breach after it', () => {
    const early = computeTimers(incident(), [], DEFAULT_POLICY, T0 + 1 * MIN);
    expect(early.sla.remainingMs).toBe(4 * MIN);
    expect(early.sla.tone).toBe('ok');
    const close = computeTimers(incident(), [], DEFAULT_POLICY, T0 + 4.5 * MIN);
    expect(close.sla.tone).toBe('warn');
    const late = computeTimers(incident(), [], DEFAULT_POLICY, T0 + 6 * MIN);
    expect(late.sla.breached).toBe(true);
    expect(late.sla.remainingMs).toBe(-1 * MIN);
    expect(late.sla.tone).toBe('breach');
  });

  it('reports how long acknowledgement took, and whether it missed the SLA', () => {
    const inTime = computeTimers(incident({}, { acknowledgedAt: T0 + 3 * MIN }), [], DEFAULT_POLICY, T0 + 60 * MIN);
    expect(inTime.sla.acknowledgedAfterMs).toBe(3 * MIN);
    expect(inTime.sla.remainingMs).toBeNull();
    expect(inTime.sla.tone).toBe('done');
    const tooLate = computeTimers(incident({}, { acknowledgedAt: T0 + 7 * MIN }), [], DEFAULT_POLICY, T0 + 60 * MIN);
    expect(tooLate.sla.breached).toBe(true);
    expect(tooLate.sla.tone).toBe('breach');
  });

  it('gives one escalation clock: the matrix step or the unmitigated limit, whichever comes first, with its reason', () => {
    // SEV1: the matrix brings in the team lead at 15 m, the same moment as the 15 m unmitigated limit.
    const sev1 = computeTimers(incident(), [], DEFAULT_POLICY, T0 + 5 * MIN);
    expect(sev1.escalation.next).toEqual({ level: 'team lead', at: T0 + 15 * MIN, inMs: 10 * MIN, why: 'both' });
    // Past it, the matrix has engaged the team lead: nothing is overdue, management is next at 1 h.
    const later = computeTimers(incident(), [], DEFAULT_POLICY, T0 + 20 * MIN);
    expect(later.escalation.current).toBe('team lead');
    expect(later.escalation.overdue).toBe(false);
    expect(later.escalation.next).toEqual({ level: 'management', at: T0 + 60 * MIN, inMs: 40 * MIN, why: 'matrix' });
    // SEV2: the 30 m unmitigated limit brings the team lead in before the matrix would (1 h).
    const sev2 = computeTimers(incident({ severity: 'SEV2' }), [], DEFAULT_POLICY, T0 + 10 * MIN);
    expect(sev2.escalation.next).toEqual({ level: 'team lead', at: T0 + 30 * MIN, inMs: 20 * MIN, why: 'unmitigated' });
    const overdue = computeTimers(incident({ severity: 'SEV2' }), [], DEFAULT_POLICY, T0 + 40 * MIN);
    expect(overdue.escalation.overdue).toBe(true);
    expect(overdue.escalation.tone).toBe('breach');
    expect(overdue.escalation.next).toMatchObject({ level: 'team lead', inMs: -10 * MIN, why: 'unmitigated' });
    // Once the matrix engages the team lead anyway, the limit is answered.
    const answered = computeTimers(incident({ severity: 'SEV2' }), [], DEFAULT_POLICY, T0 + 70 * MIN);
    expect(answered.escalation.overdue).toBe(false);
    expect(answered.escalation.next).toMatchObject({ level: 'management', why: 'matrix' });
  });

  it('counts the SLA and escalation from detection by default, and from declaration when the policy says so', () => {
    // Declared 74 minutes after detection: a SEV2's 15 m response time ran out long ago.
    const late = incident({ severity: 'SEV2' }, { detectedAt: T0 - 74 * MIN });
    const fromDetection = computeTimers(late, [], DEFAULT_POLICY, T0 + 3 * 1000);
    expect(fromDetection.clockFrom).toBe('detected');
    expect(fromDetection.clockStart).toBe(T0 - 74 * MIN);
    expect(fromDetection.sla.breached).toBe(true);
    expect(fromDetection.sla.remainingMs).toBe(-(59 * MIN + 3000));
    expect(fromDetection.escalation.current).toBe('team lead');
    const policy = { ...DEFAULT_POLICY, responseClockFrom: 'declared' as const };
    const fromDeclaration = computeTimers(late, [], policy, T0 + 3 * 1000);
    expect(fromDeclaration.clockStart).toBe(T0);
    expect(fromDeclaration.sla.remainingMs).toBe(15 * MIN - 3000);
    expect(fromDeclaration.escalation.current).toBe('on-call');
  });

  it('stops escalation once mitigated', () => {
    const t = computeTimers(incident({}, { mitigatedAt: T0 + 10 * MIN }), [], DEFAULT_POLICY, T0 + 20 * MIN);
    expect(t.escalation.stopped).toBe(true);
    expect(t.escalation.next).toBeNull();
    expect(t.escalation.overdue).toBe(false);
  });

  it('SEV4 never escalates by time but has a next on-call step', () => {
    const t = computeTimers(incident({ severity: 'SEV4' }), [], DEFAULT_POLICY, T0 + 5 * MIN);
    expect(t.escalation.escalateBy).toBeNull();
    expect(t.escalation.current).toBeNull();
    expect(t.escalation.next?.level).toBe('on-call');
    expect(t.update.due).toBeNull();
  });

  it('schedules the next update from the last comms event, else from declaration', () => {
    const none = computeTimers(incident(), [event('note', T0 + 2 * MIN)], DEFAULT_POLICY, T0 + 5 * MIN);
    expect(none.update.due).toBe(T0 + 15 * MIN);
    expect(none.update.lastWasComms).toBe(false);
    const sent = computeTimers(incident(), [event('comms', T0 + 10 * MIN), event('comms', T0 + 12 * MIN)], DEFAULT_POLICY, T0 + 30 * MIN);
    expect(sent.update.due).toBe(T0 + 27 * MIN);
    expect(sent.update.inMs).toBe(-3 * MIN);
    expect(sent.update.tone).toBe('breach');
    // A handoff note marked sent is not a stakeholder update.
    const handoff = { ...event('comms', T0 + 14 * MIN), data: { purpose: 'handoff' } };
    expect(computeTimers(incident(), [event('comms', T0 + 10 * MIN), handoff], DEFAULT_POLICY, T0 + 30 * MIN).update.due).toBe(
      T0 + 25 * MIN,
    );
  });

  it('stops every clock at resolution', () => {
    const t = computeTimers(
      incident({ status: 'resolved' }, { acknowledgedAt: T0 + MIN, mitigatedAt: T0 + 30 * MIN, resolvedAt: T0 + 90 * MIN }),
      [],
      DEFAULT_POLICY,
      T0 + 500 * MIN,
    );
    expect(t.ended).toBe(true);
    expect(t.update.due).toBeNull();
    expect(t.escalation.stopped).toBe(true);
  });
});
