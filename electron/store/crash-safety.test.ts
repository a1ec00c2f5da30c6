import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir';

const WRITER = join(import.meta.dirname, '..', 'test-support', 'crash-writer.ts');
const TSX = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

interface Run {
  acked: Map<number, string>;
  done: boolean;
}

/**
 * Runs the writer for a burst of `count` notes and SIGKILLs it once `killAfter` writes were
 * acknowledged (or lets it finish when killAfter >= count). Every ACK line means a committed write.
 */
function burst(dataDir: string, label: string, count: number, killAfter: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [WRITER, dataDir, label, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<number, string>();
    let done = false;
    let buffer = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ACK (\d+) (\S+)$/.exec(line);
        if (m) {
          acked.set(Number(m[1]), m[2] as string);
          if (acked.size === killAfter) child.kill('SIGKILL');
        } else if (line === 'DONE') done = true;
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ acked, done });
      else reject(new Error(`writer exited with ${code}: ${err}`));
    });
  });
}

const t = tempDir('pitwall-crash-');
afterAll(() => t.cleanup());

describe('a killed process loses no acknowledged write', () => {
  it('SIGKILL at many points during bursts of 1,000 timeline writes: every acknowledged note is there and the file is intact', async () => {
    const dataDir = join(t.dir, 'data');
    const all = new Map<number, string>();
    // Kill points spread over a burst, including the very first write and right before the end.
    const killPoints = [1, 7, 150, 333, 500, 777, 999];
    for (const [n, killAfter] of killPoints.entries()) {
      const run = await burst(dataDir, `k${n}`, 1000, killAfter);
      expect(run.done).toBe(false);
      expect(run.acked.size).toBeGreaterThanOrEqual(killAfter);
      for (const [id, text] of run.acked) all.set(id, text);
    }
    // One burst allowed to finish, on the same file after all those kills.
    const last = await burst(dataDir, 'full', 1000, Infinity);
    expect(last.done).toBe(true);
    for (const [id, text] of last.acked) all.set(id, text);

    const db = new Database(join(dataDir, 'pitwall.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare<[], { id: number; summary: string }>("SELECT id, summary FROM timeline_events WHERE kind = 'note'").all();
      const stored = new Map(rows.map((r) => [r.id, r.summary]));
      const missing = [...all].filter(([id, text]) => stored.get(id) !== text);
      expect(missing).toEqual([]);
      // The search index kept step with the events it indexes.
      const indexed = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM note_search').get()?.n;
      expect(indexed).toBe(rows.length);
    } finally {
      db.close();
    }
  }, 180_000);
});
