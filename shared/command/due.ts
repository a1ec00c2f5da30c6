import type { Incident } from '../domain/incident';
import { severityLabel } from '../domain/severity';
import { statusIndex } from '../domain/status';
import { responseClockStart, type EscalationLevel, type SeverityPolicy } from '../policy/severity-policy';
import type { TemplateId } from './templates';

const MIN = 60_000;

/**
 * What falls due on an open incident, from the severity policy: acknowledgement within the response
 * SLA, escalation if unmitigated by the escalation time, the escalation-matrix steps (who to engage
 * by elapsed time), the stakeholder-update cadence, and the resolution notice once resolved.
 */
export type DueKind = 'ack' | 'escalation' | 'escalation-step' | 'update' | 'resolution-notice';

/** upcoming: not yet due · due: due (or overdue) and not answered · done: answered (or made moot by resolution). */
export type DueState = 'upcoming' | 'due' | 'done';

export interface DueItem {
  /**
   * Identity of this occurrence: kind plus the moment it falls due. A severity change or a sent
   * update moves the moment and so makes a new item; notifications fire once per key.
   */
  key: string;
  kind: DueKind;
  title: string;
  /** Why it is due, in the policy's words. */
  detail: string;
  dueAt: number;
  state: DueState;
  /** When it was answered, and by what ("acknowledged", "mitigated", "update sent", …). */
  answeredAt: number | null;
  answeredBy: string | null;
  /** Whether falling due should notify (steps the acknowledgement already covers do not). */
  notify: boolean;
  /** The template that answers it, for a "write it" shortcut. */
  templateId: TemplateId | null;
  /** escalation-step only: who to engage. */
  level: EscalationLevel | null;
}

/** Facts from the incident's records that answer due items. */
export interface DueFacts {
  /** Last stakeholder update marked sent (initial notification, status update, declaration message). */
  lastUpdateSentAt: number | null;
  /** Last resolution notice marked sent. */
  resolutionSentAt: number | null;
  /** Escalation levels the IC recorded as engaged, with when. */
  engaged: readonly { level: EscalationLevel; at: number }[];
}

export const NO_FACTS: DueFacts = { lastUpdateSentAt: null, resolutionSentAt: null, engaged: [] };

function item(
  partial: Omit<DueItem, 'state' | 'answeredAt' | 'answeredBy' | 'notify' | 'templateId' | 'level'> & Partial<DueItem>,
): DueItem {
  return { state: 'upcoming', answeredAt: null, answeredBy: null, notify: true, templateId: null, level: null, ...partial };
}

function settle(it: DueItem, now: number): DueItem {
  if (it.answeredAt !== null) return { ...it, state: 'done' };
  return { ...it, state: now >= it.dueAt ? 'due' : 'upcoming' };
}

/**
 * Plans an incident's due items at `now`. Pure: the core (for notifications) and the tests run the
 * same rules. A closed incident has nothing due; a resolved one owes only its resolution notice.
 * The SLA, escalation and matrix steps run from the policy's response-clock start (detection or
 * declaration), like the command view's timers; stakeholder updates from declaration.
 */
export function planDue(incident: Incident, policy: SeverityPolicy, facts: DueFacts, now: number): DueItem[] {
  if (incident.status === 'closed') return [];
  const t = incident.times;
  const rule = policy.rules[incident.severity];
  const sev = severityLabel(incident.severity);
  const resolved = statusIndex(incident.status) >= statusIndex('resolved');
  const resolvedAt = t.resolvedAt ?? now;
  const items: DueItem[] = [];
  // Resolution answers whatever it makes moot; an earlier answer keeps its own name.
  const moot = (at: number | null, by: string): { answeredAt: number | null; answeredBy: string | null } =>
    at !== null
      ? { answeredAt: at, answeredBy: by }
      : resolved
        ? { answeredAt: resolvedAt, answeredBy: 'resolved' }
        : { answeredAt: null, answeredBy: null };

  const start = responseClockStart(policy, t);
  const from = policy.responseClockFrom === 'detected' ? 'detection' : 'declaration';
  const ackAt = start + rule.responseSlaMin * MIN;
  const first = policy.escalationMatrix[0];
  const paged = first?.fromMin === 0 ? first.engage[incident.severity] : null;
  items.push(
    item({
      key: `ack:${ackAt}`,
      kind: 'ack',
      title: 'Acknowledge',
      detail: `${sev} response SLA: acknowledged within ${rule.responseSlaMin} min of ${from}${paged ? ` (the ${paged} engineer is engaged from ${from})` : ''}`,
      dueAt: ackAt,
      ...moot(t.acknowledgedAt, 'acknowledged'),
    }),
  );

  if (rule.escalationMin !== null) {
    const at = start + rule.escalationMin * MIN;
    items.push(
      item({
        key: `escalation:${at}`,
        kind: 'escalation',
        title: 'Escalate if not mitigated',
        detail: `${sev} escalation time: escalate when unmitigated ${rule.escalationMin} min after ${from}`,
        dueAt: at,
        ...moot(t.mitigatedAt, 'mitigated'),
      }),
    );
  }

  items.push(...matrixSteps(incident, policy, facts, now, moot));

  if (!resolved && rule.updateCadenceMin !== null) {
    const last = facts.lastUpdateSentAt;
    const at = (last ?? t.declaredAt) + rule.updateCadenceMin * MIN;
    items.push(
      item({
        key: `update:${at}`,
        kind: 'update',
        title: last === null ? 'Initial stakeholder notification' : 'Stakeholder update',
        detail: `${sev} update cadence: every ${rule.updateCadenceMin} min${last === null ? ', the first one counted from declaration' : ''}`,
        dueAt: at,
        templateId: last === null ? 'initial' : 'status-update',
      }),
    );
  }

  if (resolved && t.resolvedAt !== null) {
    const sent = facts.resolutionSentAt !== null && facts.resolutionSentAt >= t.resolvedAt ? facts.resolutionSentAt : null;
    items.push(
      item({
        key: `resolution:${t.resolvedAt}`,
        kind: 'resolution-notice',
        title: 'Resolution notice',
        detail: 'Tell stakeholders it is resolved (runbook: resolution notification)',
        dueAt: t.resolvedAt,
        answeredAt: sent,
        answeredBy: sent === null ? null : 'resolution notice sent',
        // The IC who just resolved needs no pop-up; the close confirmation lists it if still unsent.
        notify: false,
        templateId: 'resolution',
      }),
    );
  }

  return items.map((it) => settle(it, now)).sort((a, b) => a.dueAt - b.dueAt || a.key.localeCompare(b.key));
}

/**
 * The escalation-matrix steps reached so far (each to engage, unless mitigation stopped the clock or
 * the IC recorded the level engaged) and the next one. The first level is what acknowledgement
 * answers (the on-call engineer taking it is the engagement); engaged from declaration, it is no
 * item of its own but part of the acknowledgement's.
 */
function matrixSteps(
  incident: Incident,
  policy: SeverityPolicy,
  facts: DueFacts,
  now: number,
  moot: (at: number | null, by: string) => { answeredAt: number | null; answeredBy: string | null },
): DueItem[] {
  const t = incident.times;
  const sev = severityLabel(incident.severity);
  const start = responseClockStart(policy, t);
  const elapsedMin = (now - start) / MIN;
  const out: DueItem[] = [];
  let previous: EscalationLevel | null = null;
  let firstLevel = true;
  for (const step of policy.escalationMatrix) {
    const level = step.engage[incident.severity];
    if (level === null || level === previous) continue;
    previous = level;
    const first = firstLevel;
    firstLevel = false;
    if (first && step.fromMin === 0) continue;
    const at = start + step.fromMin * MIN;
    const engaged = facts.engaged.find((e) => e.level === level) ?? null;
    const answer = first
      ? moot(engaged?.at ?? t.acknowledgedAt, engaged ? 'engaged' : 'acknowledged')
      : moot(engaged?.at ?? t.mitigatedAt, engaged ? 'engaged' : 'mitigated');
    out.push(
      item({
        key: `step:${level}:${at}`,
        kind: 'escalation-step',
        title: `Engage ${level}`,
        detail: `${sev} escalation matrix: ${level} from ${formatMinutes(step.fromMin)}`,
        dueAt: at,
        level,
        ...answer,
      }),
    );
    // Only the next step ahead is shown; the ones after it are not due for a while.
    if (step.fromMin > elapsedMin) break;
  }
  return out;
}

/** "15 min", "1 h", "4 h", "90 min" — how the seeds' matrix names its columns. */
export function formatMinutes(min: number): string {
  if (min === 0) return 'declaration';
  return min % 60 === 0 ? `${min / 60} h` : `${min} min`;
}

/**
 * What the header shows: the earliest item that is due, else the soonest coming. Items that notify
 * come first; the ones they cover (the first matrix step, which acknowledgement answers) only when
 * nothing else is open.
 */
export function nextDue(items: readonly DueItem[]): DueItem | null {
  const open = items.filter((i) => i.state !== 'done');
  const pick = (list: DueItem[]): DueItem | null => list.find((i) => i.state === 'due') ?? list[0] ?? null;
  return pick(open.filter((i) => i.notify)) ?? pick(open);
}
