import type Database from 'better-sqlite3';
import { tempDir } from '../test-support/temp-dir';
import { openStore } from './database';

/** Test-only: a migrated store in a fresh temp directory, and sources inserted without the service. */
export function openTestStore(): { db: Database.Database; close: () => void } {
  const t = tempDir();
  const store = openStore(t.dir);
  return {
    db: store.db,
    close: () => {
      store.close();
      t.cleanup();
    },
  };
}

/** A source's stored config with nothing set: no auth, no queries. */
export const BARE_SOURCE_CONFIG = JSON.stringify({
  auth: { kind: 'none' },
  headers: [],
  tls: { caPem: null, insecureSkipVerify: false },
  timeoutMs: 1_000,
  intervalMs: 5_000,
  queries: [],
});

export function addSource(db: Database.Database, name: string, enabled = true): number {
  const info = db
    .prepare(
      `INSERT INTO sources (name, kind, base_url, config, enabled, created_at, updated_at) VALUES (?, 'prometheus', 'http://x', ?, ?, 0, 0)`,
    )
    .run(name, BARE_SOURCE_CONFIG, enabled ? 1 : 0);
  return Number(info.lastInsertRowid);
}

export function addIncident(db: Database.Database, ref: string, t: { impact?: number; declared: number; resolved?: number }): void {
  db.prepare(
    `INSERT INTO incidents (ref, title, severity, status, impact_started_at, declared_at, resolved_at, updated_at)
      VALUES (?, 'test', 'SEV2', ?, ?, ?, ?, ?)`,
  ).run(ref, t.resolved === undefined ? 'investigating' : 'resolved', t.impact ?? null, t.declared, t.resolved ?? null, t.declared);
}
