import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../core/app';
import { tempDir } from '../test-support/temp-dir';
import { result, type BenchResult } from './results';

const NOTES = 2000;

/**
 * Timeline appends through Pitwall (dispatch → zod → transaction with the
 * incident touch + event + search reindex) against raw better-sqlite3 inserting
 * the same event rows one transaction each, in the same run on the same disk. (Search is measured
 * over 10,000 incidents with postmortems in search-bench.ts.)
 */
export async function benchStore(): Promise<BenchResult[]> {
  const t = tempDir('pitwall-bench-');
  try {
    const core = createCore({ dataDir: join(t.dir, 'pitwall'), mode: 'browser', version: 'bench', operator: 'bench' });
    const declared = await core.dispatch('incident:declare', { title: 'bench incident', severity: 'SEV3' });
    if (!declared.ok) throw new Error(declared.error.message);
    const id = (declared.value as { id: number }).id;
    let pitwallMs = Infinity;
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      for (let i = 0; i < NOTES; i++) {
        const r = await core.dispatch('incident:add-note', { id, text: `note ${round}-${i}: GPU 3 at 97% on gpu-node-7` });
        if (!r.ok) throw new Error(r.error.message);
      }
      pitwallMs = Math.min(pitwallMs, performance.now() - start);
    }

    await core.close();

    const raw = new Database(join(t.dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec(
      'CREATE TABLE ev (id INTEGER PRIMARY KEY, incident_id INTEGER, at INTEGER, kind TEXT, actor TEXT, summary TEXT, data TEXT) STRICT',
    );
    const insert = raw.prepare('INSERT INTO ev (incident_id, at, kind, actor, summary, data) VALUES (?, ?, ?, ?, ?, ?)');
    const tx = raw.transaction((i: number, round: number) =>
      insert.run(1, Date.now(), 'note', 'bench', `note ${round}-${i}: GPU 3 at 97% on gpu-node-7`, '{}'),
    );
    let rawMs = Infinity;
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      for (let i = 0; i < NOTES; i++) tx(i, round);
      rawMs = Math.min(rawMs, performance.now() - start);
    }
    raw.close();

    return [
      result('store.append_ratio', pitwallMs / NOTES, 'ms/append', rawMs / NOTES),
      result('store.append_per_s', (NOTES / pitwallMs) * 1000, 'appends/s'),
    ];
  } finally {
    t.cleanup();
  }
}
