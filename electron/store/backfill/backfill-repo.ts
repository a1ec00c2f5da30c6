import type Database from 'better-sqlite3';

/** A range of history one incident needs from one Prometheus or Loki source (migration 005-fidelity). */
export interface BackfillJob {
  id: string;
  incidentId: number;
  sourceId: number;
  fromMs: number;
  toMs: number;
  /** Why it is needed, in words for the timeline: "lead-in before declaration", "impact start moved earlier". */
  reason: string;
  author: string;
  createdAt: number;
  attempts: number;
  lastAttemptAt: number | null;
  lastError: string | null;
}

interface JobRow {
  id: string;
  incident_id: number;
  source_id: number;
  from_ms: number;
  to_ms: number;
  reason: string;
  author: string;
  created_at: number;
  attempts: number;
  last_attempt_at: number | null;
  last_error: string | null;
}

function toJob(r: JobRow): BackfillJob {
  return {
    id: r.id,
    incidentId: r.incident_id,
    sourceId: r.source_id,
    fromMs: r.from_ms,
    toMs: r.to_ms,
    reason: r.reason,
    author: r.author,
    createdAt: r.created_at,
    attempts: r.attempts,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
  };
}

/** SQL for pending backfills. A job exists while its range is not stored yet; rules live in the service. */
export class BackfillRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO backfill_jobs (id, incident_id, source_id, from_ms, to_ms, reason, author, created_at)
        VALUES (@id, @incidentId, @sourceId, @fromMs, @toMs, @reason, @author, @createdAt)`),
      all: db.prepare<[], JobRow>('SELECT * FROM backfill_jobs ORDER BY created_at, id'),
      bySource: db.prepare<[number], JobRow>('SELECT * FROM backfill_jobs WHERE source_id = ? ORDER BY created_at, id'),
      byIncident: db.prepare<[number], JobRow>('SELECT * FROM backfill_jobs WHERE incident_id = ? ORDER BY created_at, id'),
      get: db.prepare<[string], JobRow>('SELECT * FROM backfill_jobs WHERE id = ?'),
      attempt: db.prepare<[number, string | null, string]>(
        'UPDATE backfill_jobs SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ?',
      ),
      remove: db.prepare<[string]>('DELETE FROM backfill_jobs WHERE id = ?'),
    };
  }

  insert(job: Pick<BackfillJob, 'id' | 'incidentId' | 'sourceId' | 'fromMs' | 'toMs' | 'reason' | 'author' | 'createdAt'>): void {
    this.stmts.insert.run(job);
  }

  /** Pending jobs, oldest first: all of them, or one source's. */
  pending(sourceId?: number): BackfillJob[] {
    return (sourceId === undefined ? this.stmts.all.all() : this.stmts.bySource.all(sourceId)).map(toJob);
  }

  forIncident(incidentId: number): BackfillJob[] {
    return this.stmts.byIncident.all(incidentId).map(toJob);
  }

  get(id: string): BackfillJob | null {
    const row = this.stmts.get.get(id);
    return row ? toJob(row) : null;
  }

  /** One more try, and how it ended (null: it fetched everything, which removes the job instead). */
  recordAttempt(id: string, at: number, error: string | null): void {
    this.stmts.attempt.run(at, error, id);
  }

  remove(id: string): void {
    this.stmts.remove.run(id);
  }
}
