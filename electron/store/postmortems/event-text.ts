import type Database from 'better-sqlite3';

/**
 * The searchable text other domains stored with their timeline events (appendSearchable writes it
 * to note_search under the event's id): the full message of a comms event, a checklist note. The
 * postmortem draft quotes it where the event's one-line summary does not carry it.
 */
export function eventTexts(db: Database.Database, eventIds: readonly number[]): Map<number, string> {
  if (eventIds.length === 0) return new Map();
  const rows = db
    .prepare<number[], { rowid: number; body: string }>(
      `SELECT rowid, body FROM note_search WHERE rowid IN (${eventIds.map(() => '?').join(',')})`,
    )
    .all(...eventIds);
  return new Map(rows.map((r) => [r.rowid, r.body]));
}
