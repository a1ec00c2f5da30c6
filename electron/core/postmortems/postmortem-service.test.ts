import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/contract/events';
import type { Incident, IncidentDetail } from '../../../shared/domain/incident';
import {
  MAX_POSTMORTEM_CHARS,
  VERSION_SPACING_MS,
  type Postmortem,
  type PostmortemVersion,
  type PostmortemVersionMeta,
  type SaveOutcome,
} from '../../../shared/domain/postmortem';
import { openCoreHarness, type CoreHarness } from '../../test-support/core-harness';

let h: CoreHarness;
let incident: Incident;
let events: EventMessage[];

beforeEach(async () => {
  h = openCoreHarness();
  events = [];
  h.core.subscribe((m) => events.push(m));
  incident = await h.call<Incident>('incident:declare', { title: 'Queue backlog on ocr', severity: 'SEV3', services: ['ocr'] });
});
afterEach(async () => h.close());

async function draft(): Promise<Postmortem> {
  return h.call<Postmortem>('postmortem:draft', { incidentId: incident.id, template: 'lecture' });
}

async function save(body: string, revision: number): Promise<SaveOutcome> {
  return h.call<SaveOutcome>('postmortem:save', { incidentId: incident.id, body, revision });
}

const versions = (): Promise<PostmortemVersionMeta[]> => h.call('postmortem:list-versions', { incidentId: incident.id });

describe('postmortem autosave and versions', () => {
  it('is null until drafted, and a second draft without replace is refused with the way out', async () => {
    expect(await h.call('postmortem:get', { incidentId: incident.id })).toBeNull();
    const pm = await draft();
    expect(pm.revision).toBe(1);
    expect(pm.createdBy).toBe('alice');
    expect(pm.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const again = await h.failure('postmortem:draft', { incidentId: incident.id, template: 'gaudi' });
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/already has a postmortem.*kept as a version/);
    expect((await h.failure('postmortem:get', { incidentId: 999 })).code).toBe('not-found');
  });

  it('never re-saves unchanged text, and keeps a version at most every few minutes', async () => {
    const pm = await draft();
    expect((await versions()).map((v) => v.reason)).toEqual(['drafted']);

    const same = await save(pm.body, pm.revision);
    expect(same).toMatchObject({ unchanged: true, revision: 1, version: null });
    events.length = 0;

    h.clock.now += 1_000;
    const first = await save(`${pm.body}\nroot cause: fragmentation`, 1);
    expect(first).toMatchObject({ unchanged: false, revision: 2, version: null });
    expect(events.filter((e) => e.event === 'postmortem:saved')).toEqual([
      { event: 'postmortem:saved', payload: { incidentId: incident.id, revision: 2 } },
    ]);

    h.clock.now += VERSION_SPACING_MS - 2_000;
    expect((await save(`${pm.body}\nroot cause: fragmentation.`, 2)).version).toBeNull();
    h.clock.now += 1_000;
    const spaced = await save(`${pm.body}\nroot cause: VRAM fragmentation.`, 3);
    expect(spaced.version).toMatchObject({ reason: 'autosave', author: 'alice', at: h.clock.now });
    expect((await versions()).map((v) => v.reason)).toEqual(['autosave', 'drafted']);

    // Autosaves are not timeline events; the draft was one.
    const { timeline } = await h.call<IncidentDetail>('incident:get', { id: incident.id });
    expect(timeline.filter((e) => e.kind === 'postmortem')).toHaveLength(1);
  });

  it('refuses a save typed on an older revision instead of overwriting it', async () => {
    const pm = await draft();
    await save(`${pm.body}\nfrom window A`, 1);
    const stale = await h.failure('postmortem:save', { incidentId: incident.id, body: `${pm.body}\nfrom window B`, revision: 1 });
    expect(stale.code).toBe('conflict');
    expect(stale.message).toMatch(/changed elsewhere \(by alice at 10:00 UTC\).*still in the editor/);
    expect((await h.call<Postmortem>('postmortem:get', { incidentId: incident.id })).body).toContain('from window A');
  });

  it('restores an old version, keeping the text it replaces, and says so on the timeline', async () => {
    const pm = await draft();
    const drafted = (await versions())[0];
    h.clock.now += VERSION_SPACING_MS;
    await save('## Root Cause\nA rewrite that went wrong', 1);

    const old = await h.call<PostmortemVersion>('postmortem:get-version', { incidentId: incident.id, versionId: drafted?.id });
    expect(old.body).toBe(pm.body);
    expect(old.chars).toBe(pm.body.length);
    expect(old.lines).toBe(pm.body.split('\n').length);

    h.clock.now += 60_000;
    const restored = await h.call<Postmortem>('postmortem:restore-version', {
      incidentId: incident.id,
      versionId: drafted?.id,
      revision: 2,
    });
    expect(restored.body).toBe(pm.body);
    expect(restored.revision).toBe(3);
    const list = await versions();
    expect(list.map((v) => v.reason)).toEqual(['restored', 'before-restore', 'autosave', 'drafted']);
    expect(list[0]?.restoredFrom).toBe(drafted?.id);
    const kept = await h.call<PostmortemVersion>('postmortem:get-version', { incidentId: incident.id, versionId: list[1]?.id });
    expect(kept.body).toBe('## Root Cause\nA rewrite that went wrong');
    const { timeline } = await h.call<IncidentDetail>('incident:get', { id: incident.id });
    expect(timeline.at(-1)?.summary).toMatch(/^Postmortem restored to the version of 2025-01-15 10:00 UTC by alice/);

    const stale = await h.failure('postmortem:restore-version', { incidentId: incident.id, versionId: drafted?.id, revision: 2 });
    expect(stale.code).toBe('conflict');
    const unknown = await h.failure('postmortem:get-version', {
      incidentId: incident.id,
      versionId: '0190a8f0-0000-7000-8000-000000000000',
    });
    expect(unknown.code).toBe('not-found');
  });

  it('keeps a manual version on demand, once per distinct text', async () => {
    await draft();
    h.clock.now += 1_000;
    await save('changed', 1);
    const v = await h.call<PostmortemVersionMeta>('postmortem:snapshot', { incidentId: incident.id });
    expect(v.reason).toBe('manual');
    const again = await h.call<PostmortemVersionMeta>('postmortem:snapshot', { incidentId: incident.id });
    expect(again.id).toBe(v.id);
  });

  it('refuses an oversized text in words and keeps what was stored; stores HTML as text', async () => {
    const pm = await draft();
    const big = await h.failure('postmortem:save', { incidentId: incident.id, body: 'x'.repeat(MAX_POSTMORTEM_CHARS + 1), revision: 1 });
    expect(big.code).toBe('bad-input');
    expect(big.message).toMatch(/longer than 80,000 characters; shorten it \(nothing was saved\)/);
    expect((await h.call<Postmortem>('postmortem:get', { incidentId: incident.id })).body).toBe(pm.body);

    const html = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await save(html, 1);
    expect((await h.call<Postmortem>('postmortem:get', { incidentId: incident.id })).body).toBe(html);
  });

  it('works on a closed incident: the postmortem is written after the fire', async () => {
    await h.call('incident:set-status', { id: incident.id, status: 'resolved' });
    await h.call('incident:set-status', { id: incident.id, status: 'closed' });
    const pm = await draft();
    expect((await save(`${pm.body}\nlate addition`, 1)).revision).toBe(2);
  });
});
