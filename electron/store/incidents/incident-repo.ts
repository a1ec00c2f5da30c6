import type Database from 'better-sqlite3';
import type { EditableTime, EventKind, Incident, IncidentSummary, TimelineEvent } from '../../../shared/domain/incident';
import type { Role } from '../../../shared/domain/roles';
import type { Severity } from '../../../shared/domain/severity';
import type { Status } from '../../../shared/domain/status';
import { toEvent, toIncident, toSummary, type EventRow, type IncidentRow, type RoleRow } from './incident-rows';

const SELECT_INCIDENT = `SELECT i.*, (SELECT person FROM incident_roles r WHERE r.incident_id = i.id AND r.role = 'commander') AS commander FROM incidents i`;

/** Column for each timestamp a status change or the commander may set. */
export const TIME_COLUMN: Readonly<Record<EditableTime | 'resolvedAt' | 'closedAt', string>> = {
  impactStartedAt: 'impact_started_at',
  detectedAt: 'detected_at',
  acknowledgedAt: 'acknowledged_at',
  mitigatedAt: 'mitigated_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
};

export interface NewIncident {
  ref: string;
  title: string;
  summary: string;
  severity: Severity;
  services: string[];
  tenants: string[];
  impactStartedAt: number | null;
  detectedAt: number | null;
  declaredAt: number;
}

export interface NewEvent {
  incidentId: number;
  at: number;
  kind: EventKind;
  actor: string;
  summary: string;
  data?: Record<string, unknown>;
}

/**
 * SQL for incidents, roles and timeline. No business rules here: the incident
 * service decides what changes and wraps each change + its event in a transaction.
 */
export class IncidentRepo {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      byId: db.prepare<[number], IncidentRow>(`${SELECT_INCIDENT} WHERE i.id = ?`),
      roles: db.prepare<[number], RoleRow>('SELECT role, person, assigned_at FROM incident_roles WHERE incident_id = ? ORDER BY role'),
      events: db.prepare<[number], EventRow>('SELECT * FROM timeline_events WHERE incident_id = ? ORDER BY at, id'),
      insertEvent: db.prepare(
        'INSERT INTO timeline_events (incident_id, at, kind, actor, summary, data) VALUES (@incidentId, @at, @kind, @actor, @summary, @data)',
      ),
      lastRef: db.prepare<[number, string], { n: number | null }>(
        'SELECT max(CAST(substr(ref, ?) AS INTEGER)) AS n FROM incidents WHERE ref LIKE ?',
      ),
      insert: db.prepare(`INSERT INTO incidents (ref, title, summary, severity, status, services, tenants,
          impact_started_at, detected_at, declared_at, updated_at)
        VALUES (@ref, @title, @summary, @severity, 'investigating', @services, @tenants,
          @impactStartedAt, @detectedAt, @declaredAt, @declaredAt)`),
      upsertRole: db.prepare(`INSERT INTO incident_roles (incident_id, role, person, assigned_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (incident_id, role) DO UPDATE SET person = excluded.person, assigned_at = excluded.assigned_at`),
      deleteSearch: db.prepare('DELETE FROM incident_text_search WHERE rowid = ?'),
      insertSearch: db.prepare('INSERT INTO incident_text_search (rowid, ref, title, summary) VALUES (?, ?, ?, ?)'),
      insertNoteSearch: db.prepare('INSERT INTO note_search (rowid, body) VALUES (?, ?)'),
      head: db.prepare<[number], { id: number; ref: string; status: Status }>('SELECT id, ref, status FROM incidents WHERE id = ?'),
      touch: db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?'),
    };
  }

  get(id: number): Incident | null {
    const row = this.stmts.byId.get(id);
    return row ? toIncident(row, this.stmts.roles.all(id)) : null;
  }

  /** Just enough to check an incident exists and name it, without reading its roles. */
  head(id: number): { id: number; ref: string; status: Status } | null {
    return this.stmts.head.get(id) ?? null;
  }

  timeline(id: number): TimelineEvent[] {
    return this.stmts.events.all(id).map(toEvent);
  }

  /**
   * The highest NNN among refs with this prefix (INC-YYYYMMDD-), 0 when none: numbering goes on from
   * the highest, not the count, because an imported incident can bring a number with gaps before it.
   */
  lastRefNumber(prefix: string): number {
    return this.stmts.lastRef.get(prefix.length + 1, `${prefix}%`)?.n ?? 0;
  }

  insert(n: NewIncident): number {
    const info = this.stmts.insert.run({ ...n, services: JSON.stringify(n.services), tenants: JSON.stringify(n.tenants) });
    return Number(info.lastInsertRowid);
  }

  /** Update named columns (names come from code, never from input). */
  update(id: number, at: number, fields: Record<string, string | number | null>): void {
    const cols = Object.keys(fields);
    const sets = cols.map((c) => `${c} = @${c}`).join(', ');
    this.db
      .prepare(`UPDATE incidents SET ${sets}${cols.length ? ', ' : ''}updated_at = @__at WHERE id = @__id`)
      .run({ ...fields, __at: at, __id: id });
  }

  assignRole(id: number, role: Role, person: string, at: number): void {
    this.stmts.upsertRole.run(id, role, person, at);
  }

  appendEvent(e: NewEvent): number {
    const info = this.stmts.insertEvent.run({ ...e, data: JSON.stringify(e.data ?? {}) });
    return Number(info.lastInsertRowid);
  }

  /** Keep the incident's searchable text in step; called inside the same transaction as the change. */
  reindex(id: number): void {
    const row = this.stmts.byId.get(id);
    if (!row) return;
    this.stmts.deleteSearch.run(id);
    this.stmts.insertSearch.run(id, row.ref, row.title, row.summary);
  }

  /**
   * An event whose text people will search for later (a note, a pinned log line): the event plus
   * its search entry, and the incident's updated_at moves so lists show recent activity.
   */
  appendSearchable(e: NewEvent, searchText: string): TimelineEvent {
    const eventId = this.appendEvent(e);
    this.stmts.insertNoteSearch.run(eventId, searchText);
    this.stmts.touch.run(e.at, e.incidentId);
    return { id: eventId, incidentId: e.incidentId, at: e.at, kind: e.kind, actor: e.actor, summary: e.summary, data: e.data ?? {} };
  }

  appendNote(e: Omit<NewEvent, 'kind'>): TimelineEvent {
    return this.appendSearchable({ ...e, kind: 'note' }, e.summary);
  }

  list(opts: { search: string; includeClosed: boolean; limit: number }): IncidentSummary[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: opts.limit };
    if (!opts.includeClosed) where.push("i.status <> 'closed'");
    const match = toFtsQuery(opts.search);
    if (match) {
      where.push(`(i.id IN (SELECT rowid FROM incident_text_search WHERE incident_text_search MATCH @match)
        OR i.id IN (SELECT t.incident_id FROM note_search n JOIN timeline_events t ON t.id = n.rowid WHERE note_search MATCH @match))`);
      params.match = match;
    }
    const sql = `${SELECT_INCIDENT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY (i.status IN ('resolved','closed')), i.declared_at DESC LIMIT @limit`;
    return this.db.prepare<Record<string, string | number>, IncidentRow>(sql).all(params).map(toSummary);
  }
}

/**
 * Turn what a person typed into a safe FTS5 query: each word becomes a quoted
 * prefix term, so punctuation and FTS operators in the input are just text.
 */
export function toFtsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words
    .slice(0, 12)
    .map((w) => `"${w}"*`)
    .join(' ');
}
