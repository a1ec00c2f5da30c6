import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/contract/result';
import { tempDir } from '../test-support/temp-dir';
import { openStore } from './database';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('openStore', () => {
  it('creates the schema from empty with WAL, foreign keys and STRICT tables', () => {
    const store = openStore(dir());
    cleanups.push(() => store.close());
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const ddl = store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'incidents'").pluck().get() as string;
    expect(ddl).toMatch(/\) STRICT$/);
    expect(() =>
      store.db.prepare("INSERT INTO incident_roles (incident_id, role, person, assigned_at) VALUES (999, 'scribe', 'x', 1)").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('reopens an existing database without re-running migrations', () => {
    const d = dir();
    const first = openStore(d);
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    first.close();
    const second = openStore(d);
    cleanups.push(() => second.close());
    expect(second.db.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('1');
    expect(second.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
  });

  it('refuses a database written by a newer Pitwall and leaves it untouched', () => {
    const d = dir();
    const raw = new Database(join(d, 'pitwall.db'));
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    const before = readFileSync(join(d, 'pitwall.db'));
    expect(() => openStore(d)).toThrow(/newer Pitwall/);
    expect(readFileSync(join(d, 'pitwall.db')).equals(before)).toBe(true);
    // The lock was released: a correct version can open the directory afterwards.
    expect(() => openStore(d)).toThrow(/newer Pitwall/);
  });

  it('refuses a corrupt file with a clear message and does not overwrite it', () => {
    const d = dir();
    const garbage = Buffer.from('this is not sqlite at all '.repeat(200));
    writeFileSync(join(d, 'pitwall.db'), garbage);
    expect(() => openStore(d)).toThrow(/damaged or is not a Pitwall database/);
    expect(readFileSync(join(d, 'pitwall.db')).equals(garbage)).toBe(true);
  });

  it('refuses a zero-byte database file it did not just create, and leaves it untouched', () => {
    const d = dir();
    writeFileSync(join(d, 'pitwall.db'), '');
    expect(() => openStore(d)).toThrow(/is empty \(0 bytes\), and Pitwall did not just create it.*left untouched/);
    expect(statSync(join(d, 'pitwall.db')).size).toBe(0);
    // The lock was released with the refusal.
    expect(() => openStore(d)).toThrow(/is empty/);
  });

  it('finishes creating its own database after being stopped between creating the file and its schema', () => {
    const d = dir();
    writeFileSync(join(d, 'pitwall.db'), '');
    writeFileSync(join(d, 'pitwall.db.creating'), '12345\n');
    const store = openStore(d);
    cleanups.push(() => store.close());
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(existsSync(join(d, 'pitwall.db.creating'))).toBe(false);
  });

  it('leaves no creation marker behind after creating a database', () => {
    const d = dir();
    openStore(d).close();
    expect(existsSync(join(d, 'pitwall.db.creating'))).toBe(false);
    expect(statSync(join(d, 'pitwall.db')).size).toBeGreaterThan(0);
  });

  it('refuses a second instance on the same data directory while the first is alive', () => {
    const d = dir();
    const first = openStore(d);
    cleanups.push(() => first.close());
    // Same process, so fake another live owner: the parent of this test process is alive.
    first.close();
    writeFileSync(join(d, 'pitwall.lock'), String(process.ppid));
    expect(() => openStore(d)).toThrow(/Another Pitwall \(pid \d+\) is already using/);
  });

  it('takes over a lock left behind by a dead process', async () => {
    const d = dir();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid ?? 0;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(d, 'pitwall.lock'), String(deadPid));
    const store = openStore(d);
    cleanups.push(() => store.close());
    expect(readFileSync(join(d, 'pitwall.lock'), 'utf8')).toBe(String(process.pid));
  });

  it('reports a database locked by another program instead of hanging or crashing', () => {
    const d = dir();
    const other = new Database(join(d, 'pitwall.db'));
    other.exec('CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    try {
      expect(() => openStore(d)).toThrow(/locked by another program/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // Once the other program lets go, Pitwall opens it.
    const store = openStore(d);
    cleanups.push(() => store.close());
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });
});

describe('migrate', () => {
  it('refuses when a shipped migration was edited after being applied', () => {
    const db = new Database(':memory:');
    migrate(db);
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => migrate(db, edited)).toThrow(AppFailure);
    expect(() => migrate(db, edited)).toThrow(/differs from the one applied/);
  });

  it('runs all pending migrations in one transaction: a failing one rolls back the others', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'ok', sql: 'CREATE TABLE extra (x INTEGER) STRICT;' },
      { version: MIGRATIONS.length + 2, name: 'bad', sql: 'CREATE TABLE oops (' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('incidents', 'extra')").pluck().get()).toBe(0);
  });
});
