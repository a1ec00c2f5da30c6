import { describe, expect, it } from 'vitest';
import type { Incident } from '../domain/incident';
import { testIncident } from '../domain/incident-fixtures';
import type { Severity } from '../domain/severity';
import type { Status } from '../domain/status';
import { DEFAULT_POLICY } from '../policy/severity-policy';
import { NO_FACTS, nextDue, planDue, type DueFacts, type DueItem } from './due';

const T0 = Date.UTC(2025, 10, 22, 14, 0, 0);
const MIN = 60_000;

const incident = (severity: Severity, times: Partial<Incident['times']> = {}, status: Status = 'investigating'): Incident =>
  testIncident(T0, times, { title: 'GPU OOM', severity, status });

const plan = (inc: Incident, atMin: number, facts: DueFacts = NO_FACTS): DueItem[] => planDue(inc, DEFAULT_POLICY, facts, T0 + atMin * MIN);
const byKind = (items: DueItem[], kind: DueItem['kind']): DueItem[] => items.filter((i) => i.kind === kind);

describe('planDue', () => {
  it('a SEV1 owes acknowledgement at 5 min, escalation at 15 min and an update every 15 min (lecture + runbook)', () => {
    const items = plan(incident('SEV1'), 0);
    expect(byKind(items, 'ack')[0]).toMatchObject({ dueAt: T0 + 5 * MIN, state: 'upcoming', notify: true });
    expect(byKind(items, 'escalation')[0]).toMatchObject({ dueAt: T0 + 15 * MIN, state: 'upcoming' });
    expect(byKind(items, 'update')[0]).toMatchObject({
      dueAt: T0 + 15 * MIN,
      title: 'Initial stakeholder notification',
      templateId: 'initial',
    });
    // The matrix: on-call from the start (detection, by default) is what acknowledgement answers (part of its item), team lead next at 15 min.
    expect(byKind(items, 'ack')[0]?.detail).toContain('the on-call engineer is engaged from detection');
    const steps = byKind(items, 'escalation-step');
    expect(steps.map((s) => [s.level, s.dueAt, s.notify])).toEqual([['team lead', T0 + 15 * MIN, true]]);
  });

  it('counts the SLA, escalation and matrix from detection, or from declaration when the policy says so; updates from declaration', () => {
    // Detected 20 minutes before it was declared.
    const late = incident('SEV1', { detectedAt: T0 - 20 * MIN });
    const fromDetection = plan(late, 0);
    expect(byKind(fromDetection, 'ack')[0]).toMatchObject({ dueAt: T0 - 15 * MIN, state: 'due' });
    expect(byKind(fromDetection, 'escalation')[0]).toMatchObject({ dueAt: T0 - 5 * MIN, state: 'due' });
    expect(byKind(fromDetection, 'escalation-step')[0]).toMatchObject({ level: 'team lead', dueAt: T0 - 5 * MIN });
    expect(byKind(fromDetection, 'update')[0]?.dueAt).toBe(T0 + 15 * MIN);
    const policy = { ...DEFAULT_POLICY, responseClockFrom: 'declared' as const };
    const fromDeclaration = planDue(late, policy, NO_FACTS, T0);
    expect(byKind(fromDeclaration, 'ack')[0]).toMatchObject({ dueAt: T0 + 5 * MIN, state: 'upcoming' });
    expect(byKind(fromDeclaration, 'ack')[0]?.detail).toContain('within 5 min of declaration');
  });

  it('falls due at the deadline, not before', () => {
    expect(byKind(plan(incident('SEV1'), 4.99), 'ack')[0]?.state).toBe('upcoming');
    expect(byKind(plan(incident('SEV1'), 5), 'ack')[0]?.state).toBe('due');
  });

  it('acknowledging, mitigating and sending an update answer what they answer', () => {
    const acked = plan(incident('SEV1', { acknowledgedAt: T0 + 3 * MIN }), 20);
    expect(byKind(acked, 'ack')[0]).toMatchObject({ state: 'done', answeredBy: 'acknowledged', answeredAt: T0 + 3 * MIN });
    expect(byKind(acked, 'escalation')[0]?.state).toBe('due');

    const mitigated = plan(incident('SEV1', { acknowledgedAt: T0, mitigatedAt: T0 + 20 * MIN }), 30);
    expect(byKind(mitigated, 'escalation')[0]).toMatchObject({ state: 'done', answeredBy: 'mitigated' });
    expect(byKind(mitigated, 'escalation-step').every((s) => s.state === 'done')).toBe(true);

    const sent = plan(incident('SEV1'), 16, { ...NO_FACTS, lastUpdateSentAt: T0 + 16 * MIN });
    const update = byKind(sent, 'update')[0];
    expect(update).toMatchObject({ dueAt: T0 + 31 * MIN, state: 'upcoming', title: 'Stakeholder update', templateId: 'status-update' });
    expect(update?.key).not.toBe(byKind(plan(incident('SEV1'), 16), 'update')[0]?.key);
  });

  it('a severity change re-plans: the same incident as SEV2 owes acknowledgement at 15 min, with a new key', () => {
    const sev2 = byKind(plan(incident('SEV2'), 10), 'ack')[0];
    const sev1 = byKind(plan(incident('SEV1'), 10), 'ack')[0];
    expect(sev2).toMatchObject({ dueAt: T0 + 15 * MIN, state: 'upcoming' });
    expect(sev1).toMatchObject({ dueAt: T0 + 5 * MIN, state: 'due' });
    expect(sev1?.key).not.toBe(sev2?.key);
  });

  it('SEV4 never escalates by time and has no update cadence (lecture: escalation_time None)', () => {
    const items = plan(incident('SEV4'), 600);
    expect(byKind(items, 'escalation')).toEqual([]);
    expect(byKind(items, 'update')).toEqual([]);
    expect(byKind(items, 'ack')[0]?.dueAt).toBe(T0 + 480 * MIN);
  });

  it('shows the steps reached and only the next one ahead', () => {
    const items = byKind(plan(incident('SEV1', { acknowledgedAt: T0 }), 70), 'escalation-step');
    expect(items.map((s) => [s.level, s.state])).toEqual([
      ['team lead', 'due'],
      ['management', 'due'],
      ['executive', 'upcoming'],
    ]);
  });

  it('a first level reached later (SEV3: on-call from 15 min) is its own step, answered by acknowledgement', () => {
    const steps = byKind(plan(incident('SEV3'), 20), 'escalation-step');
    expect(steps.map((s) => [s.level, s.dueAt, s.state, s.notify])).toEqual([
      ['on-call', T0 + 15 * MIN, 'due', true],
      ['team lead', T0 + 240 * MIN, 'upcoming', true],
    ]);
    expect(byKind(plan(incident('SEV3', { acknowledgedAt: T0 + 16 * MIN }), 20), 'escalation-step')[0]).toMatchObject({
      state: 'done',
      answeredBy: 'acknowledged',
    });
  });

  it('an engaged level answers its step', () => {
    const facts: DueFacts = { ...NO_FACTS, engaged: [{ level: 'team lead', at: T0 + 16 * MIN }] };
    const step = byKind(plan(incident('SEV1', { acknowledgedAt: T0 }), 20, facts), 'escalation-step').find((s) => s.level === 'team lead');
    expect(step).toMatchObject({ state: 'done', answeredBy: 'engaged' });
  });

  it('resolution makes the rest moot and owes a resolution notice until one is sent after it', () => {
    const resolved = incident('SEV1', { resolvedAt: T0 + 40 * MIN }, 'resolved');
    const items = plan(resolved, 45);
    expect(items.filter((i) => i.kind !== 'resolution-notice').every((i) => i.state === 'done' && i.answeredBy === 'resolved')).toBe(true);
    expect(byKind(items, 'update')).toEqual([]);
    expect(byKind(items, 'resolution-notice')[0]).toMatchObject({ state: 'due', notify: false, templateId: 'resolution' });
    // A resolution notice sent before this resolution (an earlier one, then reopened) does not count.
    expect(byKind(plan(resolved, 45, { ...NO_FACTS, resolutionSentAt: T0 + 10 * MIN }), 'resolution-notice')[0]?.state).toBe('due');
    expect(byKind(plan(resolved, 45, { ...NO_FACTS, resolutionSentAt: T0 + 42 * MIN }), 'resolution-notice')[0]?.state).toBe('done');
  });

  it('a closed incident owes nothing', () => {
    expect(plan(incident('SEV1', { resolvedAt: T0, closedAt: T0 }, 'closed'), 100)).toEqual([]);
  });

  it('nextDue prefers what is due over what is coming', () => {
    const items = plan(incident('SEV1'), 6);
    expect(nextDue(items)?.kind).toBe('ack');
    expect(nextDue(plan(incident('SEV1', { acknowledgedAt: T0 }), 1))?.dueAt).toBe(T0 + 15 * MIN);
  });
});
