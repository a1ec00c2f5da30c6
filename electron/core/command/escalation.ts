import type { TimelineEvent } from '../../../shared/domain/incident';
import type { EscalationLevel } from '../../../shared/policy/severity-policy';
import { AppFailure } from '../../../shared/contract/result';
import type { CoreContext } from '../context';
import type { CommandRecords } from './command-records';

/** Records on the timeline that an escalation level was engaged; that answers its matrix step. */
export function markEngaged(ctx: CoreContext, records: CommandRecords, id: number, level: EscalationLevel): TimelineEvent {
  const { event, incident } = records.db.transaction(() => {
    const inc = records.requireOpen(id, 'recording an escalation');
    if (records.facts.engaged(inc.id).some((e) => e.level === level)) {
      throw new AppFailure('invalid-transition', `${inc.ref} already has ${level} recorded as engaged.`);
    }
    const at = ctx.now();
    const actor = ctx.operator();
    const summary = `Escalated: ${level} engaged`;
    const eventId = records.incidents.appendEvent({ incidentId: inc.id, at, kind: 'escalation', actor, summary, data: { level } });
    const ev: TimelineEvent = { id: eventId, incidentId: inc.id, at, kind: 'escalation', actor, summary, data: { level } };
    return { event: ev, incident: inc };
  })();
  records.changed(incident);
  return event;
}
