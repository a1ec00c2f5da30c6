import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type PitwallCore } from '../core/app';
import { seedOomIncident, OOM_START, type OomIncident } from '../test-support/oom-incident';
import { tempDir } from '../test-support/temp-dir';
import { renderReportHtml } from '../report/render-report';
import { chartsSection } from '../report/sections/charts';
import { SERIES_TABLE } from './tables/telemetry-tables';

/** Export time and the checksum that covers it are the only things a re-export may change. */
function normalised(text: string): unknown {
  const doc = JSON.parse(text) as { sha256?: string; body: { exportedAt: number } };
  delete doc.sha256;
  doc.body.exportedAt = 0;
  return doc;
}

const LATER = OOM_START + 3 * 3_600_000;

function open(dir: string, now = LATER): PitwallCore {
  return createCore({ dataDir: dir, mode: 'browser', version: 'test', poll: false, operator: 'dana', now: () => now });
}

async function listRefs(core: PitwallCore): Promise<string[]> {
  const r = await core.dispatch('incident:list', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { ref: string }[]).map((i) => i.ref).sort();
}

describe('incident bundle round trip', () => {
  const a = tempDir();
  const out = tempDir();
  let inc: OomIncident;
  let bundleA: string;

  beforeAll(async () => {
    inc = await seedOomIncident(a.dir);
    const core = open(a.dir);
    try {
      bundleA = join(out.dir, 'a.pitwall.json');
      await core.reports.exportTo(inc.incidentId, 'bundle', bundleA);
    } finally {
      await core.close();
    }
  }, 180_000);

  afterAll(() => {
    a.cleanup();
    out.cleanup();
  });

  it('is lossless: export, import into a fresh data directory, export again gives the same bundle', async () => {
    const b = tempDir();
    const core = open(b.dir, LATER + 60_000);
    try {
      const outcome = await core.reports.importBytes(readFileSync(bundleA), 'a.pitwall.json');
      expect(outcome).toMatchObject({ status: 'imported', ref: inc.ref, bundleRef: inc.ref, renumbered: false });
      const bundleB = join(out.dir, 'b.pitwall.json');
      await core.reports.exportTo(outcome.incidentId, 'bundle', bundleB);
      const textA = readFileSync(bundleA, 'utf8');
      const textB = readFileSync(bundleB, 'utf8');
      expect(textB).not.toBe(textA); // the export time differs…
      expect(normalised(textB)).toEqual(normalised(textA)); // …and nothing else.

      // What travelled is the whole story: timeline, samples of the window, alerts table.
      const body = (JSON.parse(textA) as { body: { timeline: unknown[]; tables: Record<string, { points: unknown[] }[]> } }).body;
      expect(body.timeline.length).toBe(22);
      expect(body.tables['playbooks.checklists']).toHaveLength(2);
      expect(body.tables['command.comms']).toHaveLength(2);
      expect(body.tables['command.mitigations']).toHaveLength(1);
      const series = body.tables[SERIES_TABLE] ?? [];
      expect(series.length).toBeGreaterThan(20);
      expect(series.reduce((n, s) => n + s.points.length, 0)).toBeGreaterThan(10_000);
      expect(outcome.points).toBe(series.reduce((n, s) => n + s.points.length, 0));
    } finally {
      await core.close();
      b.cleanup();
    }
  });

  it('draws the same charts from the imported samples, with no source there', async () => {
    const b = tempDir();
    const coreA = open(a.dir);
    const coreB = open(b.dir);
    try {
      const { incidentId } = await coreB.reports.importBytes(readFileSync(bundleA), 'a.pitwall.json');
      const chartsOf = (core: PitwallCore, id: number): string =>
        renderReportHtml(core.reports.context(core.reports.reportRecord(id)), [chartsSection]);
      const original = chartsOf(coreA, inc.incidentId);
      expect(original).toContain('<svg');
      expect(original.match(/<path\s+d="M/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
      expect(chartsOf(coreB, incidentId)).toBe(original);
    } finally {
      await coreA.close();
      await coreB.close();
      b.cleanup();
    }
  });

  it('importing the same bundle twice does not duplicate it', async () => {
    const b = tempDir();
    const core = open(b.dir);
    try {
      const first = await core.reports.importBytes(readFileSync(bundleA), 'a.pitwall.json');
      const second = await core.reports.importBytes(readFileSync(bundleA), 'a copy.pitwall.json');
      expect(second).toMatchObject({ status: 'already-present', incidentId: first.incidentId, ref: first.ref });
      expect(second.message).toMatch(/already here as INC-\d{8}-\d{3}/);
      expect(await listRefs(core)).toEqual([inc.ref]);
    } finally {
      await core.close();
      b.cleanup();
    }
  });

  it('importing into the Pitwall it came from finds the original, not a copy', async () => {
    const core = open(a.dir);
    try {
      const outcome = await core.reports.importBytes(readFileSync(bundleA), 'a.pitwall.json');
      expect(outcome).toMatchObject({ status: 'already-present', incidentId: inc.incidentId });
      expect(await listRefs(core)).toEqual([inc.ref]);
    } finally {
      await core.close();
    }
  });

  it('a copy edited to pass as another incident (new uid, same record ids) is refused whole', async () => {
    const doc = JSON.parse(readFileSync(bundleA, 'utf8')) as { sha256: string; body: { incident: { uid: string } } };
    doc.body.incident.uid = '01900000-0000-7000-8000-0000000000ff';
    doc.sha256 = createHash('sha256').update(JSON.stringify(doc.body)).digest('hex');
    const core = open(a.dir);
    try {
      await expect(core.reports.importBytes(new TextEncoder().encode(JSON.stringify(doc)), 'edited.json')).rejects.toThrow(
        /records that are already here under another incident .*Nothing was imported\./,
      );
      expect(await listRefs(core)).toEqual([inc.ref]);
    } finally {
      await core.close();
    }
  });

  it('renumbers an incident whose ref is taken here by another incident, says so, and numbering goes on after it', async () => {
    const c = tempDir();
    const core = open(c.dir, OOM_START + 3_600_000);
    try {
      const local = await core.dispatch('incident:declare', { title: 'Auth outage', severity: 'SEV3' });
      if (!local.ok) throw new Error(local.error.message);
      expect((local.value as { ref: string }).ref).toBe(inc.ref);
      const outcome = await core.reports.importBytes(readFileSync(bundleA), 'a.pitwall.json');
      const renumbered = inc.ref.replace(/-\d{3}$/, '-002');
      expect(outcome).toMatchObject({ status: 'imported', ref: renumbered, bundleRef: inc.ref, renumbered: true });
      expect(outcome.message).toContain(`${inc.ref} is already used here by another incident, so it was imported as ${renumbered}`);
      const next = await core.dispatch('incident:declare', { title: 'Queue backlog', severity: 'SEV4' });
      if (!next.ok) throw new Error(next.error.message);
      expect((next.value as { ref: string }).ref).toBe(inc.ref.replace(/-\d{3}$/, '-003'));
      // The renumbering is on the imported incident's report, not hidden.
      expect(core.reports.html(outcome.incidentId)).toContain(`It was ${inc.ref} there and was renumbered here.`);
    } finally {
      await core.close();
      c.cleanup();
    }
  });
});
