import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/contract/result';
import { createCore, type PitwallCore } from '../core/app';
import { seedOomIncident, OOM_START, type OomIncident } from '../test-support/oom-incident';
import { tempDir } from '../test-support/temp-dir';
import { SERIES_TABLE } from './tables/telemetry-tables';

const enc = new TextEncoder();
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The database file's bytes (after folding the WAL in from a second connection) and the WAL's size. */
function dbState(dir: string): string {
  const path = join(dir, 'pitwall.db');
  const raw = new Database(path);
  try {
    raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    raw.close();
  }
  const wal = `${path}-wal`;
  return `${sha(readFileSync(path).toString('base64'))}/${existsSync(wal) ? readFileSync(wal).length : 0}`;
}

type Doc = { format: string; version: number; sha256: string; body: Record<string, unknown> & { incident: Record<string, unknown> } };

/** A well-formed bundle (its checksum recomputed) whose content `mutate` broke: what a buggy tool would write. */
function rebundle(original: string, mutate: (doc: Doc) => void): Uint8Array {
  const doc = JSON.parse(original) as Doc;
  mutate(doc);
  doc.sha256 = sha(JSON.stringify(doc.body));
  return enc.encode(JSON.stringify(doc));
}

describe('a damaged, foreign or newer bundle is refused and the database stays byte-identical', () => {
  const src = tempDir();
  const dst = tempDir();
  let inc: OomIncident;
  let good: string;
  let core: PitwallCore;
  let before: string;

  beforeAll(async () => {
    inc = await seedOomIncident(src.dir);
    const exporter = createCore({ dataDir: src.dir, mode: 'browser', version: 'test', poll: false, operator: 'dana' });
    try {
      await exporter.reports.exportTo(inc.incidentId, 'bundle', join(src.dir, 'good.pitwall.json'));
    } finally {
      await exporter.close();
    }
    good = readFileSync(join(src.dir, 'good.pitwall.json'), 'utf8');
    core = createCore({
      dataDir: dst.dir,
      mode: 'browser',
      version: 'test',
      poll: false,
      operator: 'lee',
      now: () => OOM_START + 86_400_000,
    });
    const local = await core.dispatch('incident:declare', { title: 'Something already here', severity: 'SEV3', summary: 'keep me' });
    expect(local.ok).toBe(true);
    before = dbState(dst.dir);
  }, 180_000);

  // Every damaged file tried, for the closing note: a refusal that is not a clean one fails its test.
  const tally = { tried: 0, refused: 0 };
  afterAll(async () => {
    await core.close();
    src.cleanup();
    dst.cleanup();
    console.log(`[bundle corpus] tried ${tally.tried}, refused cleanly ${tally.refused}, broke ${tally.tried - tally.refused}`);
  });

  async function refusal(bytes: Uint8Array): Promise<string> {
    tally.tried++;
    try {
      await core.reports.importBytes(bytes, 'bad.pitwall.json');
    } catch (err) {
      expect(err).toBeInstanceOf(AppFailure);
      expect((err as AppFailure).code).toBe('bad-input');
      expect((err as AppFailure).message).toMatch(/Nothing was imported\.$/);
      tally.refused++;
      return (err as AppFailure).message;
    }
    throw new Error(`accepted a bad bundle of ${bytes.length} bytes`);
  }

  it('truncated at any of 64 offsets: "incomplete or damaged"', async () => {
    const bytes = enc.encode(good);
    const offsets = new Set([0, 1, 2, 10, 40, 90, 120, bytes.length - 2, bytes.length - 1]);
    for (let i = 1; i < 56; i++) offsets.add(Math.floor((bytes.length * i) / 56));
    expect(offsets.size).toBeGreaterThanOrEqual(60);
    for (const at of offsets) {
      const message = await refusal(bytes.slice(0, at));
      if (at > 40) expect(message).toMatch(/incomplete or damaged/);
    }
    expect(dbState(dst.dir)).toBe(before);
  });

  it('any single flipped byte (200 generated)', async () => {
    const bytes = enc.encode(good);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const bad = bytes.slice();
        bad[at] = (bad[at] ?? 0) ^ xor;
        await refusal(bad);
      }),
      { numRuns: 200 },
    );
    expect(dbState(dst.dir)).toBe(before);
  });

  it('a changed value with the old checksum: "changed or damaged after it was exported"', async () => {
    const edited = good.replace('"title":"GPU OOM', '"title":"CPU OOM');
    expect(edited).not.toBe(good);
    expect(await refusal(enc.encode(edited))).toMatch(/do not match its checksum/);
    expect(dbState(dst.dir)).toBe(before);
  });

  it('a newer or unknown version says which, and what to do', async () => {
    expect(await refusal(rebundle(good, (d) => (d.version = 2)))).toMatch(
      /newer Pitwall \(bundle version 2; this Pitwall reads version 1\)\. Update Pitwall/,
    );
    expect(await refusal(rebundle(good, (d) => (d.version = 0)))).toMatch(/version 0, which no Pitwall writes/);
    expect(await refusal(rebundle(good, (d) => ((d as unknown as { version: string }).version = '1')))).toMatch(/header is damaged/);
    expect(dbState(dst.dir)).toBe(before);
  });

  it('foreign files are named as such', async () => {
    const foreign = [
      '',
      'null',
      '[]',
      '{}',
      '{"format":"grafana-dashboard","version":1}',
      'INC-20260314-001,GPU OOM',
      '\u0089PNG\r\n\u001a\n',
    ];
    for (const f of foreign) expect(await refusal(enc.encode(f))).toMatch(/not a Pitwall|not JSON|not UTF-8/);
    expect(await refusal(new Uint8Array([0xff, 0xfe, 0x00, 0x7b]))).toMatch(/not UTF-8/);
    expect(dbState(dst.dir)).toBe(before);
  });

  it('missing or wrong fields, even with a matching checksum, name the field', async () => {
    const cases: [string, (d: Doc) => void, RegExp][] = [
      ['no title', (d) => delete d.body.incident.title, /incident\.title/],
      ['bad severity', (d) => (d.body.incident.severity = 'SEV9'), /incident\.severity/],
      ['bad ref', (d) => (d.body.incident.ref = 'INC-1<script>'), /incident\.ref/],
      ['no uid', (d) => delete d.body.incident.uid, /incident\.uid/],
      ['event without kind', (d) => delete (d.body.timeline as Record<string, unknown>[])[0]?.kind, /timeline\.0\.kind/],
      ['event time as text', (d) => ((d.body.timeline as Record<string, unknown>[])[3]!.at = 'yesterday'), /timeline\.3\.at/],
      ['unknown event kind', (d) => ((d.body.timeline as Record<string, unknown>[])[1]!.kind = 'rm -rf'), /timeline\.1\.kind/],
      ['role twice', (d) => (d.body.incident.roles as unknown[]).push((d.body.incident.roles as unknown[])[0]), /role appears twice/],
      ['extra field', (d) => (d.body.debug = true), /debug/],
      ['no window', (d) => delete d.body.window, /window/],
      [
        'series without points',
        (d) => delete (d.body.tables as Record<string, Record<string, unknown>[]>)[SERIES_TABLE]![0]!.points,
        /stored samples are not valid \(telemetry\.series\.0\.points/,
      ],
      [
        'points out of order',
        (d) => {
          const s = (d.body.tables as Record<string, { points: [number, number | null][] }[]>)[SERIES_TABLE]![2]!;
          s.points.reverse();
        },
        /telemetry\.series\.2\.points: points must be/,
      ],
      [
        'unknown table',
        (d) => ((d.body.tables as Record<string, unknown[]>)['checklists.items'] = [{ id: 'x' }]),
        /data this Pitwall does not know \(checklists\.items\); update Pitwall/,
      ],
    ];
    for (const [what, mutate, expected] of cases) {
      const message = await refusal(rebundle(good, mutate));
      expect(message, what).toMatch(expected);
    }
    expect(dbState(dst.dir)).toBe(before);
  });

  it('and after all of that, the good bundle still imports', async () => {
    const outcome = await core.reports.importBytes(enc.encode(good), 'good.pitwall.json');
    expect(outcome).toMatchObject({ status: 'imported', bundleRef: inc.ref });
    expect(dbState(dst.dir)).not.toBe(before);
  });
});
