import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir';
import { startCheckpointer } from './checkpointer';
import { openStore } from './database';

let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Rows in a copy of the database file without its WAL: only what a checkpoint has put there. */
function rowsInFileAlone(path: string): number {
  const copy = `${path}.copy-${Math.random().toString(36).slice(2)}`;
  copyFileSync(path, copy);
  const reader = new Database(copy, { readonly: true });
  try {
    // Before the first checkpoint even the schema is only in the WAL.
    const hasTable = reader.prepare("SELECT 1 FROM sqlite_master WHERE name = 'settings'").get() !== undefined;
    return hasTable ? (reader.prepare("SELECT count(*) FROM settings WHERE key LIKE 'k%'").pluck().get() as number) : 0;
  } finally {
    reader.close();
    rmSync(copy, { force: true });
  }
}

/** Writes enough settings rows, one transaction each, to fill many WAL frames. */
function writeRows(db: Database.Database, n: number, from = 0): void {
  const put = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  for (let i = from; i < from + n; i += 1) put.run(`k${i}`, 'x'.repeat(400));
}

describe('background checkpoints', () => {
  it('takes checkpoints off the writing connection and folds the WAL back from the worker', async () => {
    const store = openStore(dir(), { backgroundCheckpoints: true });
    cleanups.push(async () => {
      await store.stopCheckpoints();
      store.close();
    });
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // 1,500 commits would have crossed SQLite's 1,000-page mark: with it off, every frame is still in the WAL.
    writeRows(store.db, 1500);
    const walPath = `${store.path}-wal`;
    const framesBefore = statSync(walPath).size / 4120;
    expect(framesBefore).toBeGreaterThan(1000);
    const checkpointer = startCheckpointer(store.db, { everyMs: 50 });
    cleanups.push(() => checkpointer.stop());
    const [busy, log, checkpointed] = await checkpointer.checkpointNow();
    expect(busy).toBe(0);
    expect(log).toBeGreaterThan(1000);
    expect(checkpointed).toBe(log);
    // The database file itself now holds the rows: a copy of it without the WAL reads them all.
    expect(rowsInFileAlone(store.path)).toBe(1500);
  });

  it('checkpoints on its own timer, without being asked', async () => {
    const store = openStore(dir());
    cleanups.push(() => store.close());
    const checkpointer = startCheckpointer(store.db, { everyMs: 50 });
    cleanups.push(() => checkpointer.stop());
    writeRows(store.db, 200);
    const deadline = Date.now() + 5_000;
    while (rowsInFileAlone(store.path) < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(rowsInFileAlone(store.path)).toBe(200);
  });

  it('a clean close leaves no WAL behind', async () => {
    const d = dir();
    const store = openStore(d, { backgroundCheckpoints: true });
    writeRows(store.db, 300);
    // stop() runs a last checkpoint in the worker before it closes its connection.
    await store.stopCheckpoints();
    store.close();
    expect(existsSync(`${store.path}-wal`)).toBe(false);
    const again = openStore(d);
    cleanups.push(() => again.close());
    expect(again.db.prepare("SELECT count(*) FROM settings WHERE key LIKE 'k%'").pluck().get()).toBe(300);
  });

  it('hands checkpoints back to SQLite and says so when the worker cannot run', async () => {
    const store = openStore(dir());
    cleanups.push(() => store.close());
    const errors: string[] = [];
    const failed = new Promise<void>((resolve) => {
      const checkpointer = startCheckpointer(store.db, {
        nativeBinding: '/nonexistent/better_sqlite3.node',
        onError: (m) => {
          errors.push(m);
          resolve();
        },
      });
      cleanups.push(() => checkpointer.stop());
    });
    await failed;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Background checkpoints stopped .*SQLite checkpoints on commit again/);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
