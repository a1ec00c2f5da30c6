import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppFailure } from '../../../shared/contract/result';
import { MIGRATIONS } from '../migrations/index';

/** Where the app keeps its backups, and the file a staged restore waits in until the next start. */
export const BACKUP_DIR = 'backups';
export const PENDING_RESTORE = 'restore-pending.db';

export interface BackupInfo {
  file: string;
  path: string;
  bytes: number;
  /** When the backup was taken (file time), epoch ms. */
  at: number;
}

export interface CheckedBackup {
  path: string;
  schema: number;
  incidents: number;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/**
 * A consistent copy of the live database with SQLite's online backup API: pages are copied in steps
 * while polling goes on, and a page written meanwhile is copied again, so the copy is one moment's
 * state, never a torn mix. Written under a temporary name and renamed when checked.
 */
export async function backupDatabase(
  db: Database.Database,
  dataDir: string,
  nowMs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupInfo> {
  const dir = join(dataDir, BACKUP_DIR);
  mkdirSync(dir, { recursive: true });
  const file = `pitwall-${stamp(nowMs)}.db`;
  const path = join(dir, file);
  const partial = `${path}.partial`;
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        // Pages per step: small enough that the app keeps answering while a large database copies.
        return 256;
      },
    });
    checkBackup(partial);
    renameSync(partial, path);
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof AppFailure) throw err;
    throw new AppFailure('storage', `The backup could not be written to ${dir}: ${(err as Error).message}`, { cause: err });
  }
  return { file, path, bytes: statSync(path).size, at: nowMs };
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^pitwall-.*\.db$/.test(f))
    .map((file) => {
      const path = join(dir, file);
      const st = statSync(path);
      return { file, path, bytes: st.size, at: st.mtimeMs };
    })
    .sort((a, b) => b.at - a.at);
}

/**
 * Refuses anything that is not a whole, intact Pitwall database this version can open: not SQLite,
 * damaged, from a newer Pitwall, or some other program's database.
 */
export function checkBackup(path: string): CheckedBackup {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new AppFailure('bad-input', `${basename(path)} is damaged (${String(integrity)}); it cannot be restored.`);
    const schema = db.pragma('user_version', { simple: true }) as number;
    if (schema > MIGRATIONS.length) {
      throw new AppFailure(
        'bad-input',
        `${basename(path)} was written by a newer Pitwall (schema ${schema}); update Pitwall to restore it.`,
      );
    }
    const hasIncidents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incidents'").get() !== undefined;
    if (schema < 1 || !hasIncidents) throw new AppFailure('bad-input', `${basename(path)} is not a Pitwall database.`);
    const incidents = (db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n;
    return { path, schema, incidents };
  } catch (err) {
    if (err instanceof AppFailure) throw err;
    throw new AppFailure('bad-input', `${basename(path)} cannot be restored: ${(err as Error).message}`, { cause: err });
  } finally {
    db?.close();
  }
}

/**
 * Stages a restore: the checked copy waits in the data directory and replaces the database at the next
 * start, before anything opens it (a live connection, its caches and the poller cannot be swapped under).
 */
export async function stageRestore(dataDir: string, backupPath: string): Promise<CheckedBackup> {
  const checked = checkBackup(backupPath);
  const source = new Database(backupPath, { readonly: true, fileMustExist: true });
  const pending = join(dataDir, PENDING_RESTORE);
  try {
    await source.backup(`${pending}.partial`);
    renameSync(`${pending}.partial`, pending);
  } finally {
    source.close();
    rmSync(`${pending}.partial`, { force: true });
  }
  return checked;
}

/**
 * Called by openStore with the data directory locked and nothing open: a staged restore becomes the
 * database; the one it replaces is kept beside it, never deleted. Returns the kept file's name.
 */
export function applyPendingRestore(dataDir: string, nowMs: number): string | null {
  const pending = join(dataDir, PENDING_RESTORE);
  if (!existsSync(pending)) return null;
  const live = join(dataDir, 'pitwall.db');
  const kept = `pitwall.before-restore-${stamp(nowMs)}.db`;
  if (existsSync(live)) {
    renameSync(live, join(dataDir, kept));
    for (const side of ['-wal', '-shm']) if (existsSync(live + side)) renameSync(live + side, join(dataDir, kept + side));
  }
  renameSync(pending, live);
  return existsSync(join(dataDir, kept)) ? kept : null;
}
