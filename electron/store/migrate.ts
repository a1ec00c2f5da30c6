import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppFailure } from '../../shared/contract/result';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';

/** Refuse a database from a newer Pitwall before anything (even the WAL switch) writes to it. */
export function assertKnownSchema(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new AppFailure(
      'storage',
      `This database was written by a newer Pitwall (schema ${current}; this version knows up to ${latest}). ` +
        'It was left untouched. Update Pitwall, or point PITWALL_DATA_DIR at another folder.',
    );
  }
  return current;
}

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

/**
 * Bring the database to the latest schema. All pending migrations run in one
 * transaction, so a crash half-way leaves the old schema intact. A database
 * written by a newer Pitwall is refused rather than guessed at, and a shipped
 * migration whose text changed is refused too (its hash is on record).
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = assertKnownSchema(db, migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const applied = db.prepare('SELECT version, hash FROM schema_migrations').all() as { version: number; hash: string }[];
  for (const row of applied) {
    const m = migrations[row.version - 1];
    if (m && migrationHash(m) !== row.hash) {
      throw new AppFailure(
        'storage',
        `Migration ${m.version} (${m.name}) differs from the one applied to this database; refusing to open it.`,
      );
    }
  }
  const pending = migrations.slice(current);
  if (pending.length === 0) return;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, migrationHash(m), Date.now());
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}
