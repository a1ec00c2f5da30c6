import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail, IncidentSummary, TimelineEvent } from '../../../shared/domain/incident';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
let clock = T0;
let core: PitwallCore;
let cleanup: () => void;
let dataDir: string;

function open(): PitwallCore {
  return createCore({ dataDir, mode: 'browser', version: 'test', now: () => clock, operator: 'alice' });
}

beforeEach(() => {
  clock = T0;
  const t = tempDir();
  dataDir = t.dir;
  cleanup = t.cleanup;
  core = open();
});
afterEach(async () => {
  await core.close();
  cleanup();
});

const { call, failure: error } = coreCalls(() => core);
const declare = (title = 'GPU OOM on gpu-node-3', severity = 'SEV2') =>
  call<Incident>('incident:declare', { title, severity, services: ['workers', 'OCR'] });
const detail = (id: number) => call<IncidentDetail>('incident:get', { id });

describe('declaring', () => {
  it('numbers incidents INC-YYYYMMDD-NNN per UTC day and records the declaration on the timeline', async () => {
    const a = await declare();
    const b = await declare('Queue backlog on ocr');
    clock = Date.UTC(2026, 10, 23, 0, 0, 1);
    const c = await declare('Auth outage');
    expect([a.ref, b.ref, c.ref]).toEqual(['INC-20261122-001', 'INC-20261122-002', 'INC-20261123-001']);
    expect(a.status).toBe('investigating');
    expect(a.services).toEqual(['workers', 'OCR']);
    expect(a.times.declaredAt).toBe(T0);
    expect(a.times.detectedAt).toBe(T0);
    const d = await detail(a.id);
    // The first-response checklist is attached in the same transaction, at the same moment.
    expect(d.timeline.map((e) => e.kind)).toEqual(['declared', 'checklist']);
    expect(d.timeline[1]?.at).toBe(T0);
    expect(d.timeline[0]?.summary).toContain('SEV2 · P1');
    expect(d.timeline[0]?.actor).toBe('alice');
  });

  it('refuses impact times in the future', async () => {
    const e = await error('incident:declare', { title: 'x', severity: 'SEV3', impactStartedAt: T0 + 3_600_000 });
    expect(e.code).toBe('bad-input');
    expect(e.message).toMatch(/in the future/);
  });
});

describe('severity, status and the times behind MTTx', () => {
  it('sets acknowledged, mitigated, resolved and closed as the status moves, each with an event', async () => {
    const inc = await declare();
    clock += 60_000;
    await call('incident:set-severity', { id: inc.id, severity: 'SEV1', reason: 'all OCR workers down' });
    clock += 60_000;
    await call('incident:set-status', { id: inc.id, status: 'identified' });
    clock += 60_000;
    const mon = await call<Incident>('incident:set-status', { id: inc.id, status: 'monitoring' });
    expect(mon.times.acknowledgedAt).toBe(T0 + 120_000);
    expect(mon.times.mitigatedAt).toBe(T0 + 180_000);
    clock += 60_000;
    const res = await call<Incident>('incident:set-status', { id: inc.id, status: 'resolved' });
    expect(res.times.resolvedAt).toBe(T0 + 240_000);
    clock += 60_000;
    const closed = await call<Incident>('incident:set-status', { id: inc.id, status: 'closed' });
    expect(closed.times.closedAt).toBe(T0 + 300_000);
    expect(closed.severity).toBe('SEV1');
    const kinds = (await detail(inc.id)).timeline.map((e) => e.kind);
    // Checklists: first response at declaration, post-incident at resolution.
    expect(kinds).toEqual(['declared', 'checklist', 'severity', 'status', 'status', 'status', 'checklist', 'status']);
  });

  it('reopening clears the resolved time and keeps the first mitigation', async () => {
    const inc = await declare();
    clock += 1000;
    await call('incident:set-status', { id: inc.id, status: 'resolved' });
    clock += 1000;
    const reopened = await call<Incident>('incident:set-status', { id: inc.id, status: 'investigating', reason: 'OOMs are back' });
    expect(reopened.times.resolvedAt).toBeNull();
    expect(reopened.times.mitigatedAt).toBe(T0 + 1000);
    const last = (await detail(inc.id)).timeline.at(-1);
    expect(last?.summary).toContain('(reopened)');
    expect(last?.summary).toContain('OOMs are back');
  });

  it('rejects impossible transitions and no-op changes with a reason', async () => {
    const inc = await declare();
    expect((await error('incident:set-status', { id: inc.id, status: 'closed' })).code).toBe('invalid-transition');
    expect((await error('incident:set-status', { id: inc.id, status: 'investigating' })).code).toBe('invalid-transition');
    expect((await error('incident:set-severity', { id: inc.id, severity: 'SEV2' })).message).toMatch(/already SEV2/);
    await call('incident:set-status', { id: inc.id, status: 'resolved' });
    await call('incident:set-status', { id: inc.id, status: 'closed' });
    expect((await error('incident:set-severity', { id: inc.id, severity: 'SEV1' })).message).toMatch(/closed/);
    // Notes are still welcome on a closed incident (postmortem work).
    const note = await call<TimelineEvent>('incident:add-note', { id: inc.id, text: 'postmortem scheduled' });
    expect(note.kind).toBe('note');
    expect((await detail(inc.id)).timeline.at(-1)?.id).toBe(note.id);
  });

  it('lets the commander correct impact start and detection times', async () => {
    const inc = await declare();
    const updated = await call<Incident>('incident:set-time', { id: inc.id, field: 'impactStartedAt', at: T0 - 600_000 });
    expect(updated.times.impactStartedAt).toBe(T0 - 600_000);
    const [ev, history] = (await detail(inc.id)).timeline.slice(-2);
    expect(ev?.kind).toBe('timestamp');
    expect(ev?.data).toMatchObject({ field: 'impactStartedAt', from: null, to: T0 - 600_000 });
    // No Prometheus or Loki here: the timeline says why the ten minutes it now covers hold no history.
    expect(history?.kind).toBe('backfill');
    expect(history?.summary).toBe(
      'Nothing fetched for 07:50–08:00 UTC (impact start moved earlier): no Prometheus or Loki source with metric queries is switched on, so the chart holds only what Pitwall polled itself.',
    );
  });

  it('refuses an impact start or detection after resolution, as it refuses one in the future', async () => {
    const inc = await declare();
    clock += 60_000;
    await call<Incident>('incident:set-status', { id: inc.id, status: 'resolved' });
    clock += 60_000;
    const late = await error('incident:set-time', { id: inc.id, field: 'detectedAt', at: clock - 30_000 });
    expect(late.code).toBe('bad-input');
    expect(late.message).toBe(`The detected time 2026-11-22T09:01:30.000Z is after ${inc.ref} was resolved (2026-11-22T09:01:00.000Z).`);
    expect((await error('incident:set-time', { id: inc.id, field: 'impactStartedAt', at: clock + 3_600_000 })).message).toMatch(
      /in the future/,
    );
    expect((await detail(inc.id)).incident.times.detectedAt).toBe(T0);
  });
});

describe('roles', () => {
  it('logs a first assignment, then a handoff naming both people; taking command acknowledges', async () => {
    const inc = await declare();
    clock += 30_000;
    const a = await call<Incident>('incident:assign-role', { id: inc.id, role: 'commander', person: 'alice' });
    expect(a.commander).toBe('alice');
    expect(a.times.acknowledgedAt).toBe(T0 + 30_000);
    clock += 30_000;
    const b = await call<Incident>('incident:assign-role', { id: inc.id, role: 'commander', person: 'bob', note: 'shift change' });
    expect(b.commander).toBe('bob');
    expect(b.times.acknowledgedAt).toBe(T0 + 30_000);
    const tl = (await detail(inc.id)).timeline;
    const handoff = tl.find((e) => e.kind === 'handoff');
    expect(handoff?.summary).toBe('Incident commander handed off from alice to bob — shift change');
    expect(handoff?.data).toMatchObject({ from: 'alice', to: 'bob', role: 'commander' });
    expect((await error('incident:assign-role', { id: inc.id, role: 'commander', person: 'bob' })).code).toBe('invalid-transition');
  });
});

describe('notes, list and search', () => {
  it('keeps the timeline in order and finds incidents by title, ref and note text', async () => {
    const a = await declare('GPU OOM on gpu-node-3');
    const b = await declare('Keycloak token validation failing', 'SEV1');
    for (const text of ['restarted ocr-worker-2', 'fragmentation suspected']) {
      clock += 1000;
      await call('incident:add-note', { id: a.id, text });
    }
    const tl = (await detail(a.id)).timeline;
    expect(tl.map((e) => e.summary).slice(2)).toEqual(['restarted ocr-worker-2', 'fragmentation suspected']);
    const search = (s: string) => call<IncidentSummary[]>('incident:list', { search: s }).then((l) => l.map((i) => i.id));
    expect(await search('keycloak')).toEqual([b.id]);
    expect(await search('fragment')).toEqual([a.id]);
    expect(await search(a.ref)).toEqual([a.id]);
    expect(await search('"); DROP TABLE incidents; --')).toEqual([]);
    expect((await search('')).sort()).toEqual([a.id, b.id].sort());
  });

  it('keeps everything across a restart of the core on the same data directory', async () => {
    const a = await declare();
    await call('incident:add-note', { id: a.id, text: 'still here?' });
    await core.close();
    core = open();
    const d = await detail(a.id);
    expect(d.incident.ref).toBe(a.ref);
    expect(d.timeline.map((e) => e.summary)).toContain('still here?');
  });
});

describe('atomicity', () => {
  it('writes no change when its timeline event cannot be written', async () => {
    const inc = await declare();
    // Sabotage the timeline table from outside: the change must roll back with its event.
    const { default: Database } = await import('better-sqlite3');
    await core.close();
    const raw = new Database(`${dataDir}/pitwall.db`);
    raw.exec(`CREATE TRIGGER no_events BEFORE INSERT ON timeline_events BEGIN SELECT RAISE(ABORT, 'disk says no'); END;`);
    raw.close();
    core = open();
    const e = await error('incident:set-severity', { id: inc.id, severity: 'SEV1' });
    expect(e.code).toBe('internal');
    expect(e.message).toMatch(/disk says no/);
    expect((await detail(inc.id)).incident.severity).toBe('SEV2');
  });
});
