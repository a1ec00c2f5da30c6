import type Database from 'better-sqlite3';

/** A playbook an incident ran: its type, for metrics by incident type and for similar incidents. */
export interface IncidentType {
  id: string;
  label: string;
}

/** Checklists every incident gets: they say nothing about what kind of incident it was. */
const NOT_A_TYPE = new Set(['first-response', 'post-incident']);

/**
 * Which playbooks each incident ran, read from the checklist domain's timeline events (any
 * 'checklist' event whose data names a `playbookId`), so this works with whatever that domain
 * records and needs none of its tables. The one place to change if that record moves.
 */
export class IncidentTypes {
  private readonly stmts;

  constructor(db: Database.Database) {
    const select = `SELECT DISTINCT t.incident_id, json_extract(t.data, '$.playbookId') AS playbook,
        json_extract(t.data, '$.playbookTitle') AS title
      FROM timeline_events t`;
    const typed = `t.kind = 'checklist' AND json_valid(t.data) AND json_type(t.data, '$.playbookId') = 'text'`;
    this.stmts = {
      declaredBetween: db.prepare<[number, number], Row>(
        `${select} JOIN incidents i ON i.id = t.incident_id WHERE i.declared_at >= ? AND i.declared_at <= ? AND ${typed}`,
      ),
      ofIncident: db.prepare<[number], Row>(`${select} WHERE t.incident_id = ? AND ${typed}`),
    };
  }

  declaredBetween(fromMs: number, toMs: number): Map<number, IncidentType[]> {
    return collect(this.stmts.declaredBetween.all(fromMs, toMs));
  }

  of(incidentId: number): IncidentType[] {
    return collect(this.stmts.ofIncident.all(incidentId)).get(incidentId) ?? [];
  }
}

interface Row {
  incident_id: number;
  playbook: string;
  title: string | null;
}

function collect(rows: readonly Row[]): Map<number, IncidentType[]> {
  const out = new Map<number, IncidentType[]>();
  for (const r of rows) {
    if (NOT_A_TYPE.has(r.playbook)) continue;
    const list = out.get(r.incident_id) ?? [];
    if (!list.some((t) => t.id === r.playbook)) list.push({ id: r.playbook, label: r.title ?? r.playbook });
    out.set(r.incident_id, list);
  }
  return out;
}
