import type Database from 'better-sqlite3';
import { ESCALATION_LEVELS, type EscalationLevel } from '../../../shared/policy/severity-policy';

/** The few reads the due check makes every few seconds, kept narrow so it never loads whole timelines. */
export class DueFactsRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      open: db.prepare<[], { id: number }>("SELECT id FROM incidents WHERE status <> 'closed' ORDER BY id"),
      engaged: db.prepare<[number], { at: number; level: string | null }>(
        "SELECT at, json_extract(data, '$.level') AS level FROM timeline_events WHERE incident_id = ? AND kind = 'escalation' ORDER BY at",
      ),
    };
  }

  openIncidentIds(): number[] {
    return this.stmts.open.all().map((r) => r.id);
  }

  /** Escalation levels recorded as engaged on the timeline. */
  engaged(incidentId: number): { level: EscalationLevel; at: number }[] {
    const out: { level: EscalationLevel; at: number }[] = [];
    for (const r of this.stmts.engaged.all(incidentId)) {
      const level = ESCALATION_LEVELS.find((l) => l === r.level);
      if (level) out.push({ level, at: r.at });
    }
    return out;
  }
}
