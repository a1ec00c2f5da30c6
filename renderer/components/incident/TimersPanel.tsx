import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { useNow } from '../../hooks/useNow';
import { formatClock, formatDuration } from '../../logic/format';
import { computeTimers, type EscalationTimer, type TimerTone } from '../../logic/timers';
import { usePolicy } from '../../state/policy';

function Timer({ testId, tone, label, main, sub }: { testId: string; tone: TimerTone; label: string; main: string; sub: string }) {
  return (
    <div className={`timer tone-${tone}`} data-testid={testId} data-tone={tone}>
      <span className="label">{label}</span>
      <span className="timer-main">{main}</span>
      <span className="timer-sub" title={sub}>
        {sub}
      </span>
    </div>
  );
}

const FROM_WORD = { detected: 'detection', declared: 'declaration' } as const;

function escalationText(esc: EscalationTimer, incident: Incident, limitMin: number | null): { main: string; sub: string } {
  if (esc.stopped) {
    return {
      main: `stopped — ${incident.times.mitigatedAt !== null ? 'mitigated' : 'resolved'}`,
      sub: `${esc.current ?? 'nobody'} was engaged`,
    };
  }
  const engaged = `${esc.current ?? 'nobody'} now`;
  if (!esc.next) return { main: 'no further level', sub: engaged };
  const why =
    esc.next.why === 'unmitigated'
      ? `if unmitigated ${limitMin ?? '?'}m`
      : esc.next.why === 'both'
        ? `matrix, unmitigated ${limitMin ?? '?'}m`
        : 'matrix';
  if (esc.overdue)
    return { main: `bring in ${esc.next.level} now`, sub: `overdue ${formatDuration(-esc.next.inMs)} · ${why} · ${engaged}` };
  return { main: `${esc.next.level} in ${formatDuration(esc.next.inMs)}`, sub: `at ${formatClock(esc.next.at)} · ${why} · ${engaged}` };
}

/**
 * The policy's clocks for this incident, one figure each, each saying what it counts from: the
 * response SLA and escalation from detection or declaration (the policy says which), stakeholder
 * updates from the last one sent.
 */
export function TimersPanel({ incident, timeline }: { incident: Incident; timeline: readonly TimelineEvent[] }) {
  const now = useNow(1000);
  const policy = usePolicy();
  const { sla, escalation: esc, update, clockFrom } = computeTimers(incident, timeline, policy, now);
  const rule = policy.rules[incident.severity];
  const from = FROM_WORD[clockFrom];

  const slaMain =
    sla.acknowledgedAfterMs !== null
      ? `acknowledged in ${formatDuration(sla.acknowledgedAfterMs)}`
      : sla.breached
        ? `breached ${formatDuration(-(sla.remainingMs ?? 0))} ago`
        : `ack within ${formatDuration(sla.remainingMs ?? 0)}`;
  const slaSub = `${rule.responseSlaMin}m SLA · due ${formatClock(sla.deadline)}${sla.breached && sla.acknowledgedAfterMs !== null ? ' · missed' : ''}`;
  const escText = escalationText(esc, incident, rule.escalationMin);

  const updMain =
    update.inMs === null
      ? update.cadenceMin === null
        ? 'no scheduled updates'
        : 'not needed (resolved)'
      : update.inMs < 0
        ? `overdue by ${formatDuration(-update.inMs)}`
        : `due in ${formatDuration(update.inMs)}`;
  const updSub = `${update.cadenceMin === null ? '' : `every ${update.cadenceMin}m · `}${update.lastWasComms ? 'last sent' : 'none sent, declared'} ${formatClock(update.lastAt)}`;

  return (
    <section className="timers" aria-label="Response timers" data-testid="timers" data-clock-from={clockFrom}>
      <Timer testId="sla-timer" tone={sla.tone} label={`Response SLA · from ${from}`} main={slaMain} sub={slaSub} />
      <Timer testId="escalation-timer" tone={esc.tone} label={`Escalation · from ${from}`} main={escText.main} sub={escText.sub} />
      <Timer
        testId="update-timer"
        tone={update.tone}
        label={`Stakeholder update · from ${update.lastWasComms ? 'last update' : 'declaration'}`}
        main={updMain}
        sub={updSub}
      />
    </section>
  );
}
