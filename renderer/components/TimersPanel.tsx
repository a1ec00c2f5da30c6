import type { Incident, TimelineEvent } from '../../shared/domain/incident';
import { useNow } from '../hooks/useNow';
import { formatDuration, formatUtcTime } from '../logic/format';
import { computeTimers, type TimerTone } from '../logic/timers';
import { usePolicy } from '../state/policy';

function Timer({ testId, tone, label, main, sub }: { testId: string; tone: TimerTone; label: string; main: string; sub: string }) {
  return (
    <div className={`timer tone-${tone}`} data-testid={testId} data-tone={tone}>
      <span className="label">{label}</span>
      <span className="timer-main">{main}</span>
      <span className="timer-sub">{sub}</span>
    </div>
  );
}

/** The policy's clocks for this incident: response SLA, escalation, and the next stakeholder update. */
export function TimersPanel({ incident, timeline }: { incident: Incident; timeline: readonly TimelineEvent[] }) {
  const now = useNow(1000);
  const policy = usePolicy();
  const { sla, escalation: esc, update } = computeTimers(incident, timeline, policy, now);
  const rule = policy.rules[incident.severity];

  const slaMain =
    sla.acknowledgedAfterMs !== null
      ? `acknowledged in ${formatDuration(sla.acknowledgedAfterMs)}`
      : sla.breached
        ? `breached ${formatDuration(-(sla.remainingMs ?? 0))} ago`
        : `ack within ${formatDuration(sla.remainingMs ?? 0)}`;
  const slaSub = `SLA ${rule.responseSlaMin}m · due ${formatUtcTime(sla.deadline)}${sla.breached && sla.acknowledgedAfterMs !== null ? ' · missed' : ''}`;

  const escMain = esc.stopped
    ? `stopped — ${incident.times.mitigatedAt !== null ? 'mitigated' : 'resolved'}`
    : `engaged: ${esc.current ?? 'none yet'}`;
  const escSub = esc.stopped
    ? `was ${esc.current ?? 'none'}`
    : [
        esc.next ? `next: ${esc.next.level} in ${formatDuration(esc.next.inMs)}` : 'no further level',
        esc.escalateBy === null
          ? 'no time-based escalation'
          : esc.overdue
            ? `unmitigated past ${rule.escalationMin}m — escalate`
            : `escalate if unmitigated by ${formatUtcTime(esc.escalateBy)}`,
      ].join(' · ');

  const updMain =
    update.inMs === null
      ? update.cadenceMin === null
        ? 'no scheduled updates'
        : 'not needed (resolved)'
      : update.inMs < 0
        ? `overdue by ${formatDuration(-update.inMs)}`
        : `due in ${formatDuration(update.inMs)}`;
  const updSub = `${update.cadenceMin === null ? '' : `every ${update.cadenceMin}m · `}${update.lastWasComms ? 'last update' : 'none sent since declaration'} ${formatUtcTime(update.lastAt)}`;

  return (
    <section className="timers" aria-label="Response timers">
      <Timer testId="sla-timer" tone={sla.tone} label="Response SLA" main={slaMain} sub={slaSub} />
      <Timer testId="escalation-timer" tone={esc.tone} label="Escalation" main={escMain} sub={escSub} />
      <Timer testId="update-timer" tone={update.tone} label="Stakeholder update" main={updMain} sub={updSub} />
    </section>
  );
}
