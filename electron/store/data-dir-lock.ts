import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../shared/contract/result';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means it exists but belongs to someone else: still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live Pitwall holding this data directory, or null when none does (no lock, or a dead one's). */
export function lockHolder(dir: string): number | null {
  let text: string;
  try {
    text = readFileSync(join(dir, 'pitwall.lock'), 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/**
 * One Pitwall per data directory. Two writers on one SQLite file would each keep
 * their own idea of what is current and the timeline would interleave, so the
 * second one is refused with the pid of the first. A lock left by a crashed
 * process (its pid no longer alive) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'pitwall.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppFailure('storage', `Cannot create the lock file in ${dir}: ${(err as Error).message}`, { cause: err });
      }
      const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new AppFailure(
          'conflict',
          `Another Pitwall (pid ${pid}) is already using the data directory ${dir}. ` +
            'Close it first, or start this one with a different PITWALL_DATA_DIR.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppFailure('storage', `Could not take the lock in ${dir}`);
}
