import type Database from 'better-sqlite3';
import { planDue, type DueFacts } from '../../../shared/command/due';
import { activeSilences, stillPaused } from '../../../shared/command/open-items';
import type { CommandState, CommsRecord } from '../../../shared/command/types';
import { AppFailure } from '../../../shared/contract/result';
import type { Incident } from '../../../shared/domain/incident';
import type { SeverityPolicy } from '../../../shared/policy/severity-policy';
import { CommsRepo } from '../../store/command/comms-repo';
import { DueFactsRepo } from '../../store/command/due-facts-repo';
import { MitigationRepo } from '../../store/command/mitigation-repo';
import { NoticeRepo } from '../../store/command/notice-repo';
import { IncidentRepo } from '../../store/incidents/incident-repo';
import type { EventHub } from '../event-hub';

/** The command domain's repositories, and the reads its services share. */
export class CommandRecords {
  readonly incidents: IncidentRepo;
  readonly comms: CommsRepo;
  readonly mitigations: MitigationRepo;
  readonly notices: NoticeRepo;
  readonly facts: DueFactsRepo;

  constructor(
    readonly db: Database.Database,
    private readonly hub: EventHub,
  ) {
    this.incidents = new IncidentRepo(db);
    this.comms = new CommsRepo(db);
    this.mitigations = new MitigationRepo(db);
    this.notices = new NoticeRepo(db);
    this.facts = new DueFactsRepo(db);
  }

  require(id: number): Incident {
    const inc = this.incidents.get(id);
    if (!inc) throw new AppFailure('not-found', `No incident with id ${id}.`);
    return inc;
  }

  /** An incident that may still be acted on: a closed one is a record, not a live incident. */
  requireOpen(id: number, doing: string): Incident {
    const inc = this.require(id);
    if (inc.status === 'closed') throw new AppFailure('invalid-transition', `${inc.ref} is closed; ${doing} is no longer possible.`);
    return inc;
  }

  dueFacts(incidentId: number, comms: readonly CommsRecord[] = this.comms.list(incidentId)): DueFacts {
    const last = (purpose: CommsRecord['purpose']): number | null =>
      comms.filter((c) => c.purpose === purpose).reduce<number | null>((m, c) => (m === null || c.sentAt > m ? c.sentAt : m), null);
    return { lastUpdateSentAt: last('update'), resolutionSentAt: last('resolution'), engaged: this.facts.engaged(incidentId) };
  }

  state(id: number, policy: SeverityPolicy, now: number, openChecklist: string[] | null): CommandState {
    const incident = this.require(id);
    const comms = this.comms.list(id);
    const mitigations = this.mitigations.list(id);
    const facts = this.dueFacts(id, comms);
    const due = planDue(incident, policy, facts, now);
    const told = [...comms].reverse().find((c) => c.purpose !== 'handoff') ?? null;
    return {
      incidentId: id,
      due,
      snoozes: this.notices.snoozes(id),
      comms,
      mitigations,
      open: {
        silences: activeSilences(mitigations, now),
        pausedQueues: stillPaused(mitigations),
        resolutionNoticeUnsent: due.some((d) => d.kind === 'resolution-notice' && d.state !== 'done'),
      },
      lastFields: told?.fields ?? null,
      lastUpdateSentAt: facts.lastUpdateSentAt,
      openChecklist,
    };
  }

  /** After a commit: tell every window the incident changed (timeline, due items, records). */
  changed(incident: { id: number; ref: string }): void {
    this.hub.emit('incident:changed', { id: incident.id, ref: incident.ref });
  }
}
