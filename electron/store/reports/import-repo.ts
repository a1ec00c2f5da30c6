import type Database from 'better-sqlite3';
import type { EventKind, Incident } from '../../../shared/domain/incident';
import type { Role } from '../../../shared/domain/roles';
import { IncidentRepo } from '../incidents/incident-repo';

export interface ImportedIncident {
  ref: string;
  title: string;
  summary: string;
  severity: Incident['severity'];
  status: Incident['status'];
  services: readonly string[];
  tenants: readonly string[];
  times: Incident['times'];
  updatedAt: number;
  roles: readonly { role: Role; person: string; assignedAt: number }[];
}

export interface ImportedEvent {
  at: number;
  kind: EventKind;
  actor: string;
  summary: string;
  data: Record<string, unknown>;
}

/** Event kinds whose text the incident list's search finds (as when they were first written). */
function searchText(e: ImportedEvent): string | null {
  if (e.kind === 'note') return e.summary;
  if (e.kind === 'pin-log')
    return `${typeof e.data.line === 'string' ? e.data.line : ''} ${typeof e.data.comment === 'string' ? e.data.comment : ''}`;
  if (e.kind === 'pin-metric') return e.summary;
  return null;
}

/**
 * Writes an incident from a bundle as it was: every column, every role, every event in order,
 * with the search entries the original writes made. Callers run it inside one transaction.
 */
export class ImportRepo {
  private readonly incidents: IncidentRepo;
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.incidents = new IncidentRepo(db);
    this.stmts = {
      insert: db.prepare(`INSERT INTO incidents (ref, title, summary, severity, status, services, tenants, impact_started_at,
          detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at, closed_at, updated_at)
        VALUES (@ref, @title, @summary, @severity, @status, @services, @tenants, @impactStartedAt, @detectedAt, @declaredAt,
          @acknowledgedAt, @mitigatedAt, @resolvedAt, @closedAt, @updatedAt)`),
      refTaken: db.prepare<[string], { id: number }>('SELECT id FROM incidents WHERE ref = ?'),
      setUpdated: db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?'),
    };
  }

  refTaken(ref: string): boolean {
    return this.stmts.refTaken.get(ref) !== undefined;
  }

  /** The next free INC-YYYYMMDD-NNN for this date prefix. */
  nextFreeRef(prefix: string): string {
    return `${prefix}${String(this.incidents.lastRefNumber(prefix) + 1).padStart(3, '0')}`;
  }

  write(inc: ImportedIncident, timeline: readonly ImportedEvent[]): number {
    const info = this.stmts.insert.run({
      ref: inc.ref,
      title: inc.title,
      summary: inc.summary,
      severity: inc.severity,
      status: inc.status,
      services: JSON.stringify(inc.services),
      tenants: JSON.stringify(inc.tenants),
      ...inc.times,
      updatedAt: inc.updatedAt,
    });
    const id = Number(info.lastInsertRowid);
    for (const r of inc.roles) this.incidents.assignRole(id, r.role, r.person, r.assignedAt);
    for (const e of timeline) {
      const event = { incidentId: id, at: e.at, kind: e.kind, actor: e.actor, summary: e.summary, data: e.data };
      const text = searchText(e);
      if (text === null) this.incidents.appendEvent(event);
      else this.incidents.appendSearchable(event, text);
    }
    this.incidents.reindex(id);
    // Searchable events move updated_at as they are appended; the incident was last changed when the bundle says.
    this.stmts.setUpdated.run(inc.updatedAt, id);
    return id;
  }
}
