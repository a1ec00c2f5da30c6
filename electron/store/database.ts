import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppFailure } from '../../shared/contract/result';
import { startCheckpointer } from './checkpointer';
import { lockDataDir } from './data-dir-lock';
import { assertKnownSchema, migrate } from './migrate';

export interface OpenedStore {
  db: Database.Database;
  path: string;
  /** Waits for the checkpoint worker (if any) to finish its last checkpoint; close() does not wait. */
  stopCheckpoints(): Promise<void>;
  close(): void;
}

export interface OpenStoreOptions {
  nativeBinding?: string;
  /** WAL checkpoints on a worker thread (the app) instead of inside commits (SQLite's default; tests). */
  backgroundCheckpoints?: boolean;
  /** Told if background checkpoints fail and SQLite's own take over. */
  onCheckpointError?: (message: string) => void;
}

const SQLITE_UNREADABLE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);
const SQLITE_BUSY = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

/**
 * Open (creating if needed) the Pitwall database in a data directory: take the
 * directory lock, set WAL + foreign keys, check the file is a readable SQLite
 * database, then migrate. A corrupt or foreign file is never overwritten: the
 * user gets a message naming it and decides.
 */
export function openStore(dataDir: string, options: OpenStoreOptions = {}): OpenedStore {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const path = join(dataDir, 'pitwall.db');
  const creating = `${path}.creating`;
  let db: Database.Database | undefined;
  try {
    markCreation(path, creating);
    db = new Database(path, { timeout: 2000, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    assertKnownSchema(db);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process kill; only an OS crash may lose the last ones.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    // The file now has a schema: from here on, an empty file would be somebody else's doing.
    rmSync(creating, { force: true });
  } catch (err) {
    db?.close();
    unlock();
    throw describeOpenError(err, path);
  }
  const opened = db;
  const checkpointer = options.backgroundCheckpoints
    ? startCheckpointer(opened, {
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(options.onCheckpointError ? { onError: options.onCheckpointError } : {}),
      })
    : null;
  return {
    db: opened,
    path,
    stopCheckpoints: () => checkpointer?.stop() ?? Promise.resolve(),
    close() {
      void checkpointer?.stop();
      if (opened.open) opened.close();
      unlock();
    },
  };
}

/** Bytes in a file, 0 when it does not exist. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * SQLite happily opens a zero-byte file as a new, empty database. Pitwall makes one only while it
 * creates its own (killed between creating the file and writing its schema), which the marker file
 * `pitwall.db.creating` records; any other empty file where the database should be (a copy or a
 * restore that went wrong, a disk that lost it) is refused like a damaged one and left untouched.
 */
function markCreation(path: string, creating: string): void {
  const exists = existsSync(path);
  if (exists && sizeOf(path) === 0 && sizeOf(`${path}-wal`) === 0 && !existsSync(creating)) {
    throw new AppFailure(
      'storage',
      `The database file ${path} is empty (0 bytes), and Pitwall did not just create it: a copy or restore may have gone wrong. ` +
        'It was left untouched: restore it from a backup, or move it aside to start with a fresh database.',
    );
  }
  if (!exists) writeFileSync(creating, `${process.pid}\n`);
}

function describeOpenError(err: unknown, path: string): Error {
  if (err instanceof AppFailure) return err;
  const code = (err as { code?: string }).code ?? '';
  if (SQLITE_UNREADABLE.has(code)) {
    return new AppFailure(
      'storage',
      `The database file ${path} is damaged or is not a Pitwall database (${(err as Error).message}). ` +
        'It was left untouched: move it aside to start fresh, or restore it from a backup.',
      { cause: err },
    );
  }
  if (SQLITE_BUSY.has(code)) {
    return new AppFailure('conflict', `The database file ${path} is locked by another program. Close it and try again.`, { cause: err });
  }
  return new AppFailure('storage', `Cannot open the database ${path}: ${(err as Error).message}`, { cause: err });
}
