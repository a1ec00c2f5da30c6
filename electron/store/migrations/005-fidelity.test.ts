import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultQueriesFor } from '../../core/demo/demo-sources';
import { migrate } from '../migrate';
import { storedConfig } from '../sources/source-rows';
import { migration005 } from './005-fidelity';
import { MIGRATIONS } from './index';

let db: Database.Database | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

/** A database as Pitwall left it before this migration, with sources saved then. */
function before003(
  queries: Record<string, Array<{ id: string; metric: string; title: string; expr: string; enabled: boolean }>>,
): Database.Database {
  const d = new Database(':memory:');
  migrate(d, MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration005)));
  const insert = d.prepare(
    'INSERT INTO sources (name, kind, base_url, config, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 0, 0)',
  );
  for (const [name, qs] of Object.entries(queries)) {
    const kind = name.startsWith('loki') ? 'loki' : 'prometheus';
    const config = {
      auth: { kind: 'none' },
      headers: [],
      tls: { caPem: null, insecureSkipVerify: false },
      timeoutMs: 1_000,
      intervalMs: 5_000,
      queries: qs,
    };
    insert.run(name, kind, 'http://x', JSON.stringify(config));
  }
  return d;
}

const queriesOf = (d: Database.Database, name: string) =>
  storedConfig.parse(JSON.parse(d.prepare('SELECT config FROM sources WHERE name = ?').pluck().get(name) as string)).queries;

describe('migration 005 (fidelity)', () => {
  it('gives Prometheus sources saved before it the two panel queries, exactly as the defaults are today', () => {
    const old = defaultQueriesFor('prometheus').filter((q) => !q.metric.startsWith('snapshot.'));
    const custom = { id: 'mine', metric: 'snapshot.gpus', title: 'my GPU panel', expr: 'DCGM_FI_DEV_FB_USED{cluster="a"}', enabled: false };
    const full = Array.from({ length: 30 }, (_, i) => ({ id: `q${i}`, metric: `m${i}`, title: 't', expr: 'up', enabled: true }));
    db = before003({ prod: old, mine: [custom], full, loki: [] });
    migrate(db);
    const panels = defaultQueriesFor('prometheus').filter((q) => q.metric.startsWith('snapshot.'));
    expect(panels).toHaveLength(2);
    expect(queriesOf(db, 'prod')).toEqual([...old, ...panels]);
    // A panel query the user already has (even switched off) is theirs: only the missing one is added.
    expect(queriesOf(db, 'mine')).toEqual([custom, panels[1]]);
    expect(queriesOf(db, 'full')).toEqual(full);
    expect(queriesOf(db, 'loki')).toEqual([]);
  });

  it('keeps backfill jobs with a UUID, an author and a real range only', () => {
    db = before003({});
    migrate(db);
    db.prepare(
      "INSERT INTO incidents (ref, title, severity, status, declared_at, updated_at) VALUES ('INC-1', 't', 'SEV2', 'investigating', 1, 1)",
    ).run();
    const insert = db.prepare(
      "INSERT INTO backfill_jobs (id, incident_id, source_id, from_ms, to_ms, reason, author, created_at) VALUES (?, 1, 7, ?, ?, 'lead-in', 'ic', 0)",
    );
    insert.run('0190a000-0000-7000-8000-000000000001', 0, 60_000);
    expect(() => insert.run('0190a000-0000-7000-8000-000000000002', 60_000, 60_000)).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) FROM backfill_jobs').pluck().get()).toBe(1);
  });
});
