import { AppFailure } from '../../shared/contract/result';

/**
 * Storage failures in words a person can act on. SQLite's own text ("database or disk is full",
 * "disk I/O error") says neither which disk nor whether anything was written; a write that fails
 * this way has been rolled back whole, so "nothing was written" is true of every transaction here.
 */

/** What went wrong with the disk, or null when the error is not about storage at all. */
export function storageProblem(err: unknown): 'full' | 'read-only' | 'io' | null {
  if (typeof err !== 'object' || err === null) return null;
  const raw = (err as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  const message = err instanceof Error ? err.message : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || /database or disk is full|no space left/i.test(message))
    return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES') return 'read-only';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  return null;
}

/** `what` names the change that failed, e.g. "the note" or "incident:add-note". */
export function storageFailure(err: unknown, dataDir: string, what: string): AppFailure | null {
  const problem = storageProblem(err);
  if (problem === null) return null;
  const kept = 'Everything saved before is still here and readable.';
  const message =
    problem === 'full'
      ? `The disk holding Pitwall's data (${dataDir}) is full, so ${what} was not saved and nothing was written. Free some space on that disk, then try again. ${kept}`
      : problem === 'read-only'
        ? `Pitwall's data folder (${dataDir}) cannot be written to (read-only or no permission), so ${what} was not saved and nothing was written. Make it writable, then try again. ${kept}`
        : `The disk holding Pitwall's data (${dataDir}) reported a read/write error, so ${what} was not saved and nothing was written. Check the disk, then try again. ${kept}`;
  return new AppFailure('storage', message, { cause: err });
}
