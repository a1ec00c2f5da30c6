import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { crashRun, type CrashRun } from '../test-support/crash-run';
import { tempDir } from '../test-support/temp-dir';

const t = tempDir('pitwall-pm-crash-');
afterAll(() => t.cleanup());

describe('a killed process loses no acknowledged postmortem autosave', () => {
  it('SIGKILL at many points while a postmortem is autosaved and versioned: every acknowledged save and version is there, in order, and the file is intact', async () => {
    const dataDir = join(t.dir, 'data');
    const runs: CrashRun[] = [];
    // Kill points over a run of 120 saves with a version after every 25th (124 acknowledgements):
    // [acknowledged writes, then µs into the next one] — after the first save, inside the version
    // after a 25th save, inside the save after a version, mid-run, right before the end.
    const killPoints: [number, number][] = [
      [1, 0],
      [25, 40],
      [26, 0],
      [60, 100],
      [87, 20],
      [123, 60],
    ];
    for (const [n, [killAfter, delayUs]] of killPoints.entries()) {
      const run = await crashRun('postmortem-crash-writer.ts', [dataDir, `k${n}`, '120'], killAfter, delayUs);
      expect(run.done).toBe(false);
      expect(run.acked.length).toBeGreaterThanOrEqual(killAfter);
      expect(run.acked.length).toBeLessThanOrEqual(killAfter + 1);
      runs.push(run);
    }
    const last = await crashRun('postmortem-crash-writer.ts', [dataDir, 'full', '120'], Infinity);
    expect(last.done).toBe(true);
    runs.push(last);

    const acked = runs.flatMap((r) => r.acked);
    const saves = acked.filter(([key]) => key.startsWith('r'));
    const versions = acked.filter(([key]) => key.startsWith('v'));
    expect(saves.length).toBeGreaterThan(200);
    expect(versions.length).toBeGreaterThan(3);

    const db = new Database(join(dataDir, 'pitwall.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const pm = db.prepare<[], { id: string; incident_id: number; body: string; revision: number }>('SELECT * FROM postmortems').get();
      if (!pm) throw new Error('no postmortem stored');
      // Every acknowledged line is in the text, in the order it was typed.
      const lines = pm.body.split('\n');
      const positions = saves.map(([, line]) => lines.indexOf(`- ${line}`));
      expect(positions.filter((p) => p < 0)).toEqual([]);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(pm.revision).toBeGreaterThanOrEqual(Math.max(...saves.map(([key]) => Number(key.slice(1)))));
      // Every acknowledged version is kept, holding the text as it was when it was taken.
      const version = db.prepare<[string, string], { body: string }>(
        'SELECT body FROM postmortem_versions WHERE id = ? AND postmortem_id = ?',
      );
      for (const [key, line] of versions) {
        const v = version.get(key.slice(1), pm.id);
        expect(v, `version ${key} (after ${line})`).toBeDefined();
        expect(v?.body.split('\n')).toContain(`- ${line}`);
      }
      // The search entry kept step with the text.
      const indexed = db.prepare<[number], { body: string }>('SELECT body FROM postmortem_search WHERE rowid = ?').get(pm.incident_id);
      expect(indexed?.body).toBe(pm.body);
    } finally {
      db.close();
    }
    console.log(
      `postmortem crash test: ${killPoints.length} SIGKILLs during autosaves (after ${killPoints.map(([k]) => k).join(', ')} of 124 acknowledged writes); ` +
        `all ${saves.length} acknowledged saves and ${versions.length} versions present, integrity ok`,
    );
  }, 240_000);
});
