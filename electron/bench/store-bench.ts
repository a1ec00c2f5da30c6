import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../core/app';
import { migrate } from '../store/migrate';
import { tempDir } from '../test-support/temp-dir';
import { median, result, type BenchResult } from './results';

const NOTES = 2000;
const ROUNDS = 5;
const text = (round: number, i: number): string => `note ${round}-${i}: GPU 3 at 97% on gpu-node-7`;

/**
 * `store.append_ratio`: a timeline note through Pitwall (dispatch → zod → incident service → one
 * transaction holding the event row, its note_search entry and the incident's updated_at; then the
 * change is announced on the event hub) against raw better-sqlite3 writing exactly the same rows
 * into a database with the same schema (Pitwall's own migrations: same tables, indexes, FTS tables
 * and trigger) and the same pragmas (WAL, synchronous = NORMAL, foreign keys), with prepared
 * statements and one transaction per event. Both commit every event on its own. Rounds alternate
 * between the two so both see the same moments of a shared machine; each side's median round counts.
 * Pitwall checkpoints the WAL on a worker thread, the baseline inside its commits (SQLite's default);
 * with the baseline's checkpoints switched off altogether the ratio stayed between 1.0 and 1.2.
 * `store.append_per_s` is Pitwall's rate (goal ≥ 5,000 events committed singly per second), with the
 * raw rate as its baseline.
 */
export async function benchStore(): Promise<BenchResult[]> {
  const t = tempDir('pitwall-bench-');
  try {
    const core = createCore({ dataDir: join(t.dir, 'pitwall'), mode: 'browser', version: 'bench', operator: 'bench', poll: false });
    const raw = openRawBaseline(join(t.dir, 'raw.db'));
    const pitwallMs: number[] = [];
    const rawMs: number[] = [];
    try {
      const declared = await core.dispatch('incident:declare', { title: 'bench incident', severity: 'SEV3' });
      if (!declared.ok) throw new Error(declared.error.message);
      const id = (declared.value as { id: number }).id;
      // One warm-up round each (statement caches, page cache), then the measured rounds.
      for (let round = 0; round <= ROUNDS; round++) {
        let start = performance.now();
        for (let i = 0; i < NOTES; i++) {
          const r = await core.dispatch('incident:add-note', { id, text: text(round, i) });
          if (!r.ok) throw new Error(r.error.message);
        }
        if (round > 0) pitwallMs.push(performance.now() - start);
        start = performance.now();
        for (let i = 0; i < NOTES; i++) raw.append(text(round, i));
        if (round > 0) rawMs.push(performance.now() - start);
      }
      raw.check((ROUNDS + 1) * NOTES);
    } finally {
      raw.close();
      await core.close();
    }
    const p = median(pitwallMs) / NOTES;
    const r = median(rawMs) / NOTES;
    const notes =
      `median of ${ROUNDS} rounds of ${NOTES} notes each committed on its own; baseline: raw better-sqlite3, same schema and pragmas, ` +
      'same rows (timeline_events + note_search + incidents.updated_at), prepared statements, one transaction per event';
    return [
      result('store.append_ratio', p, 'ms/append', r, notes),
      result(
        'store.append_per_s',
        1000 / p,
        'appends/s',
        1000 / r,
        'Pitwall events/s committed singly (goal ≥ 5,000); baseline: raw events/s',
      ),
    ];
  } finally {
    t.cleanup();
  }
}

interface RawBaseline {
  append(text: string): void;
  /** Proves the baseline wrote what Pitwall writes: the event rows and a search entry for each. */
  check(expected: number): void;
  close(): void;
}

function openRawBaseline(path: string): RawBaseline {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const incidentId = Number(
    db
      .prepare(
        `INSERT INTO incidents (ref, title, summary, severity, status, services, tenants, declared_at, updated_at)
         VALUES ('INC-RAW-001', 'bench incident', '', 'SEV3', 'investigating', '[]', '[]', ?, ?)`,
      )
      .run(Date.now(), Date.now()).lastInsertRowid,
  );
  const insertEvent = db.prepare(
    "INSERT INTO timeline_events (incident_id, at, kind, actor, summary, data) VALUES (?, ?, 'note', 'bench', ?, '{}')",
  );
  const insertSearch = db.prepare('INSERT INTO note_search (rowid, body) VALUES (?, ?)');
  const touch = db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?');
  const append = db.transaction((body: string) => {
    const at = Date.now();
    const eventId = insertEvent.run(incidentId, at, body).lastInsertRowid;
    insertSearch.run(eventId, body);
    touch.run(at, incidentId);
  });
  return {
    append: (body) => append(body),
    check(expected) {
      const events = db.prepare("SELECT count(*) AS n FROM timeline_events WHERE kind = 'note'").get() as { n: number };
      const indexed = db.prepare("SELECT count(*) AS n FROM note_search WHERE note_search MATCH 'gpu'").get() as { n: number };
      if (events.n !== expected || indexed.n !== expected) {
        throw new Error(`store bench: the baseline wrote ${events.n} events and ${indexed.n} search entries, not ${expected}`);
      }
    },
    close: () => db.close(),
  };
}
