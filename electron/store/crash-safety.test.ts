import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { crashRun } from '../test-support/crash-run';
import { tempDir } from '../test-support/temp-dir';

/** A burst of `count` notes through the real dispatch, SIGKILLed after `killAfter` acknowledged writes. */
async function burst(
  dataDir: string,
  label: string,
  count: number,
  killAfter: number,
  killDelayUs = 0,
): Promise<{ acked: Map<number, string>; done: boolean }> {
  const run = await crashRun('crash-writer.ts', [dataDir, label, String(count)], killAfter, killDelayUs);
  return { acked: new Map(run.acked.map(([id, text]) => [Number(id), text])), done: run.done };
}

const t = tempDir('pitwall-crash-');
afterAll(() => t.cleanup());

describe('a killed process loses no acknowledged write', () => {
  it('SIGKILL at many points during bursts of 1,000 timeline writes: every acknowledged note is there and the file is intact', async () => {
    const dataDir = join(t.dir, 'data');
    const all = new Map<number, string>();
    // Kill points spread over a burst, including the very first write and right before the end.
    // [acknowledged writes, then µs into the next write] — the delays move the kill through that write.
    const killPoints: [number, number][] = [
      [1, 0],
      [7, 25],
      [150, 50],
      [333, 0],
      [500, 100],
      [777, 10],
      [999, 200],
    ];
    for (const [n, [killAfter, delayUs]] of killPoints.entries()) {
      const run = await burst(dataDir, `k${n}`, 1000, killAfter, delayUs);
      expect(run.done).toBe(false);
      // Killed right there: the write let go after the Nth may have been acknowledged, no other.
      expect(run.acked.size).toBeGreaterThanOrEqual(killAfter);
      expect(run.acked.size).toBeLessThanOrEqual(killAfter + 1);
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
      // Each burst stopped where it was killed: the write in flight either committed whole or not at all.
      const perBurst = killPoints.map(([killAfter], n) => {
        const stored = rows.filter((r) => r.summary.startsWith(`k${n}-`)).length;
        expect(stored === killAfter || stored === killAfter + 1).toBe(true);
        return stored - killAfter;
      });
      console.log(
        `crash test: ${killPoints.length} SIGKILLs inside 1,000-note bursts (after ${killPoints.map(([k]) => k).join(', ')} acknowledged); ` +
          `the write in flight was rolled back ${perBurst.filter((d) => d === 0).length} times and committed whole ${perBurst.filter((d) => d === 1).length} times; ` +
          `all ${all.size} acknowledged notes present, integrity ok`,
      );
    } finally {
      db.close();
    }
  }, 180_000);
});
