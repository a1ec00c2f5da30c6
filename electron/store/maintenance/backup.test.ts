import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type PitwallCore } from '../../core/app';
import { tempDir } from '../../test-support/temp-dir';
import { backupDatabase, checkBackup, listBackups, stageRestore } from './backup';
import { openStore } from '../database';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function fresh(): string {
  const t = tempDir('pitwall-backup-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function declare(core: PitwallCore, title: string): Promise<void> {
  const r = await core.dispatch('incident:declare', { title, severity: 'SEV3' });
  if (!r.ok) throw new Error(r.error.message);
}

describe('backup', () => {
  it('is consistent while writes go on: every incident in the copy has its declaration event, and the file is intact', async () => {
    const dir = fresh();
    const store = openStore(join(dir, 'data'));
    // Enough pages that the copy takes many steps, so writes land in the middle of it.
    store.db.exec('CREATE TABLE ballast (x BLOB)');
    const ins = store.db.prepare('INSERT INTO ballast VALUES (randomblob(4000))');
    store.db.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run();
    })();
    const addIncident = store.db.transaction((i: number) => {
      const id = Number(
        store.db
          .prepare(
            "INSERT INTO incidents (ref, title, severity, status, declared_at, updated_at) VALUES (?, 'x', 'SEV3', 'investigating', 1, 1)",
          )
          .run(`INC-B-${i}`).lastInsertRowid,
      );
      store.db.prepare("INSERT INTO timeline_events (incident_id, at, kind, actor, summary) VALUES (?, 1, 'declared', 't', 'x')").run(id);
    });
    let i = 0;
    let steps = 0;
    const writer = setInterval(() => addIncident(i++), 0);
    const info = await backupDatabase(store.db, join(dir, 'data'), Date.UTC(2026, 11, 4), () => steps++);
    clearInterval(writer);
    store.close();
    expect(steps).toBeGreaterThan(5);
    expect(i).toBeGreaterThan(0);
    const copy = new Database(info.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const orphans = copy
      .prepare(
        "SELECT count(*) AS n FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM timeline_events e WHERE e.incident_id = i.id AND e.kind = 'declared')",
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    copy.close();
    expect(listBackups(join(dir, 'data')).map((b) => b.file)).toEqual([info.file]);
  });

  it('restores on the next start, keeping the database it replaces', async () => {
    const dir = fresh();
    const dataDir = join(dir, 'data');
    let core = createCore({ dataDir, mode: 'browser', version: 't', operator: 't', poll: false });
    await declare(core, 'before the backup');
    const made = await core.dispatch('maintenance:backup', {});
    expect(made.ok).toBe(true);
    await declare(core, 'after the backup');
    const file = (made as { ok: true; value: { file: string } }).value.file;
    const staged = await core.dispatch('maintenance:restore', { file });
    expect(staged).toMatchObject({ ok: true, value: { incidents: 1 } });
    await core.close();
    core = createCore({ dataDir, mode: 'browser', version: 't', operator: 't', poll: false });
    const list = (await core.dispatch('incident:list', {})) as { ok: true; value: { title: string }[] };
    expect(list.value.map((x) => x.title)).toEqual(['before the backup']);
    await core.close();
    expect(readdirSync(dataDir).some((f) => /^pitwall\.before-restore-.*\.db$/.test(f))).toBe(true);
    expect(existsSync(join(dataDir, 'restore-pending.db'))).toBe(false);
  });

  it('refuses files that are not an intact Pitwall database, and stages nothing', async () => {
    const dir = fresh();
    const dataDir = join(dir, 'data');
    const store = openStore(dataDir);
    const good = await backupDatabase(store.db, dataDir, Date.UTC(2026, 0, 1));
    store.close();
    const bad = (name: string, make: (p: string) => void): string => {
      const p = join(dir, name);
      make(p);
      return p;
    };
    const cases = [
      bad('noise.db', (p) => writeFileSync(p, 'not a database at all'.repeat(100))),
      bad('truncated.db', (p) => {
        copyFileSync(good.path, p);
        truncateSync(p, Math.floor(readFileSync(p).length / 3));
      }),
      bad('future.db', (p) => {
        copyFileSync(good.path, p);
        const d = new Database(p);
        d.pragma('user_version = 999');
        d.close();
      }),
      bad('foreign.db', (p) => {
        const d = new Database(p);
        d.exec('CREATE TABLE notes (x TEXT)');
        d.close();
      }),
    ];
    for (const p of cases) {
      expect(() => checkBackup(p)).toThrow(/cannot be restored|damaged|newer Pitwall|not a Pitwall database/);
      await expect(stageRestore(dataDir, p)).rejects.toThrow();
    }
    expect(existsSync(join(dataDir, 'restore-pending.db'))).toBe(false);
  });
});
