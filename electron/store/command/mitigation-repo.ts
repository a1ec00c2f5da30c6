import type Database from 'better-sqlite3';
import { z } from 'zod';
import { matcher } from '../../../shared/contract/command/command-schemas';
import type { Matcher } from '../../../shared/command/silence';
import type { MitigationKind, MitigationRecord } from '../../../shared/command/types';

/** A row as stored; the bundle exports these as they are. */
export interface MitigationRow {
  id: string;
  incident_id: number;
  kind: MitigationKind;
  source_id: number;
  source_name: string;
  target: string;
  outcome: 'ok' | 'failed';
  message: string;
  relates_to: string | null;
  silence_id: string | null;
  matchers: string | null;
  ends_at: number | null;
  expire_on_resolve: number;
  at: number;
  author: string;
}

const matchers = z.array(matcher);

function parseMatchers(text: string | null): Matcher[] | null {
  if (text === null) return null;
  try {
    const parsed = matchers.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function toRecord(r: MitigationRow): MitigationRecord {
  return {
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind,
    sourceId: r.source_id,
    sourceName: r.source_name,
    target: r.target,
    outcome: r.outcome,
    message: r.message,
    at: r.at,
    author: r.author,
    relatesTo: r.relates_to,
    silenceId: r.silence_id,
    matchers: parseMatchers(r.matchers),
    endsAt: r.ends_at,
    expireOnResolve: r.expire_on_resolve === 1,
  };
}

/** Mitigation attempts and their outcomes, appended in the order they happened. */
export class MitigationRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO mitigations (id, incident_id, kind, source_id, source_name, target, outcome, message,
          relates_to, silence_id, matchers, ends_at, expire_on_resolve, at, author)
        VALUES (@id, @incidentId, @kind, @sourceId, @sourceName, @target, @outcome, @message,
          @relatesTo, @silenceId, @matchers, @endsAt, @expireOnResolve, @at, @author)`),
      byIncident: db.prepare<[number], MitigationRow>('SELECT * FROM mitigations WHERE incident_id = ? ORDER BY at, id'),
      byId: db.prepare<[string], MitigationRow>('SELECT * FROM mitigations WHERE id = ?'),
      // Resolved incidents whose silences were to expire with them: the few the resolve check must look at.
      expiring: db.prepare<[], { incident_id: number }>(
        `SELECT DISTINCT m.incident_id FROM mitigations m JOIN incidents i ON i.id = m.incident_id
         WHERE m.kind = 'silence' AND m.outcome = 'ok' AND m.expire_on_resolve = 1 AND i.status IN ('resolved', 'closed')
           AND NOT EXISTS (SELECT 1 FROM mitigations x WHERE x.relates_to = m.id AND x.kind = 'silence-expire' AND x.outcome = 'ok')`,
      ),
    };
  }

  insert(r: MitigationRecord): void {
    this.stmts.insert.run({
      ...r,
      matchers: r.matchers === null ? null : JSON.stringify(r.matchers),
      expireOnResolve: r.expireOnResolve ? 1 : 0,
    });
  }

  list(incidentId: number): MitigationRecord[] {
    return this.rows(incidentId).map(toRecord);
  }

  /** The incident's rows as stored (matchers as the JSON text written), in the order they happened. */
  rows(incidentId: number): MitigationRow[] {
    return this.stmts.byIncident.all(incidentId);
  }

  get(id: string): MitigationRecord | null {
    const row = this.stmts.byId.get(id);
    return row ? toRecord(row) : null;
  }

  incidentsWithSilencesToExpire(): number[] {
    return this.stmts.expiring.all().map((r) => r.incident_id);
  }
}
