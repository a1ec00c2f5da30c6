import type Database from 'better-sqlite3';
import type { ImportRecord } from '../../../shared/domain/reports';

interface ImportRow {
  imported_at: number;
  imported_by: string;
  file_name: string;
  exported_at: number;
  exported_by: string;
  exported_from: string;
  original_ref: string;
  window_from_ms: number;
  window_to_ms: number;
  ref: string;
}

export interface NewImport {
  id: string;
  incidentId: number;
  uid: string;
  sha256: string;
  fileName: string;
  originalRef: string;
  exportedAt: number;
  exportedBy: string;
  exportedFrom: string;
  window: { fromMs: number; toMs: number };
  importedAt: number;
  importedBy: string;
}

/** Incident uids (who is the same incident on another machine) and the record of each import. */
export class IdentityRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      uidOf: db.prepare<[number], { uid: string; origin: 'local' | 'imported' }>(
        'SELECT uid, origin FROM incident_identity WHERE incident_id = ?',
      ),
      byUid: db.prepare<[string], { incident_id: number; ref: string }>(
        'SELECT x.incident_id, i.ref FROM incident_identity x JOIN incidents i ON i.id = x.incident_id WHERE x.uid = ?',
      ),
      byRef: db.prepare<[string], { id: number }>('SELECT id FROM incidents WHERE ref = ?'),
      insertUid: db.prepare('INSERT INTO incident_identity (incident_id, uid, origin) VALUES (?, ?, ?)'),
      insertImport: db.prepare(`INSERT INTO bundle_imports (id, incident_id, uid, sha256, file_name, original_ref, exported_at,
          exported_by, exported_from, window_from_ms, window_to_ms, imported_at, imported_by)
        VALUES (@id, @incidentId, @uid, @sha256, @fileName, @originalRef, @exportedAt, @exportedBy, @exportedFrom,
          @windowFrom, @windowTo, @importedAt, @importedBy)`),
      lastImport: db.prepare<[number], ImportRow>(
        `SELECT b.*, i.ref FROM bundle_imports b JOIN incidents i ON i.id = b.incident_id
          WHERE b.incident_id = ? ORDER BY b.imported_at DESC, b.id DESC LIMIT 1`,
      ),
    };
  }

  /** The uid an incident carries; null until it first leaves this machine. */
  uid(incidentId: number): { uid: string; origin: 'local' | 'imported' } | null {
    return this.stmts.uidOf.get(incidentId) ?? null;
  }

  /** The local incident with this ref (INC-YYYYMMDD-NNN), for the command line. */
  idByRef(ref: string): number | null {
    return this.stmts.byRef.get(ref)?.id ?? null;
  }

  findByUid(uid: string): { incidentId: number; ref: string } | null {
    const row = this.stmts.byUid.get(uid);
    return row ? { incidentId: row.incident_id, ref: row.ref } : null;
  }

  assign(incidentId: number, uid: string, origin: 'local' | 'imported'): void {
    this.stmts.insertUid.run(incidentId, uid, origin);
  }

  recordImport(r: NewImport): void {
    this.stmts.insertImport.run({ ...r, windowFrom: r.window.fromMs, windowTo: r.window.toMs });
  }

  /** How an imported incident got here (its latest import), with the window its samples cover. */
  importOf(incidentId: number): { record: ImportRecord; window: { fromMs: number; toMs: number } } | null {
    const row = this.stmts.lastImport.get(incidentId);
    if (!row) return null;
    return {
      record: {
        importedAt: row.imported_at,
        importedBy: row.imported_by,
        fileName: row.file_name,
        exportedAt: row.exported_at,
        exportedBy: row.exported_by,
        exportedFrom: row.exported_from,
        renumberedFrom: row.original_ref === row.ref ? null : row.original_ref,
      },
      window: { fromMs: row.window_from_ms, toMs: row.window_to_ms },
    };
  }
}
