import type Database from 'better-sqlite3';
import { toIncident, type IncidentRow } from '../incidents/incident-rows';
import type { Incident } from '../../../shared/domain/incident';

/**
 * The telemetry "shape" of an incident's impact window (electron/core/search/shape.ts): per step,
 * the hottest GPU's memory share and the pending queue depth; null where nothing was stored.
 */
export interface Shape {
  gpu: (number | null)[];
  queue: (number | null)[];
}

const SELECT_INCIDENT = `SELECT i.*, (SELECT person FROM incident_roles r WHERE r.incident_id = i.id AND r.role = 'commander') AS commander FROM incidents i`;

function numbers(json: string): (number | null)[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map((x) => (typeof x === 'number' && Number.isFinite(x) ? x : null)) : [];
}

/** Candidates for "similar past incidents" and the cached shapes of their impact windows. */
export class ShapeRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      get: db.prepare<[number, number, number], { gpu: string; queue: string }>(
        'SELECT gpu, queue FROM incident_shapes WHERE incident_id = ? AND from_ms = ? AND to_ms = ?',
      ),
      put: db.prepare(`INSERT INTO incident_shapes (incident_id, from_ms, to_ms, gpu, queue, computed_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (incident_id) DO UPDATE SET from_ms = excluded.from_ms, to_ms = excluded.to_ms, gpu = excluded.gpu,
          queue = excluded.queue, computed_at = excluded.computed_at`),
      // Ended incidents other than this one: those sharing a service first, then the most recent.
      candidates: db.prepare<{ id: number; services: string; limit: number }, IncidentRow>(
        `${SELECT_INCIDENT} WHERE i.id <> @id AND i.resolved_at IS NOT NULL
         ORDER BY EXISTS (SELECT 1 FROM json_each(i.services) s WHERE lower(s.value) IN (SELECT lower(value) FROM json_each(@services))) DESC,
           i.declared_at DESC LIMIT @limit`,
      ),
      roles: db.prepare<[number], { role: 'commander'; person: string; assigned_at: number }>(
        'SELECT role, person, assigned_at FROM incident_roles WHERE incident_id = ?',
      ),
    };
  }

  cached(incidentId: number, fromMs: number, toMs: number): Shape | null {
    const r = this.stmts.get.get(incidentId, fromMs, toMs);
    return r ? { gpu: numbers(r.gpu), queue: numbers(r.queue) } : null;
  }

  store(incidentId: number, fromMs: number, toMs: number, shape: Shape, at: number): void {
    this.stmts.put.run(incidentId, fromMs, toMs, JSON.stringify(shape.gpu), JSON.stringify(shape.queue), at);
  }

  candidates(incident: Incident, limit: number): Incident[] {
    return this.stmts.candidates
      .all({ id: incident.id, services: JSON.stringify(incident.services), limit })
      .map((r) => toIncident(r, this.stmts.roles.all(r.id)));
  }
}
