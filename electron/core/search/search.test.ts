import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/domain/incident';
import type { Postmortem } from '../../../shared/domain/postmortem';
import type { SearchResult } from '../../../shared/domain/search';
import type { ChecklistView } from '../../../shared/playbooks/checklist';
import { allItems } from '../../../shared/playbooks/schema';
import { openCoreHarness, type CoreHarness } from '../../test-support/core-harness';

let h: CoreHarness;
let withPostmortem: Incident;
let withLogLine: Incident;
let handedOff: Incident;

const search = (input: Record<string, unknown>): Promise<SearchResult[]> => h.call<SearchResult[]>('search:incidents', input);
const matched = (r: SearchResult, source: string): string[] =>
  r.hits.filter((x) => x.source === source).flatMap((x) => x.snippet.filter((p) => p.match).map((p) => p.text));

beforeEach(async () => {
  h = openCoreHarness();
  withPostmortem = await h.call<Incident>('incident:declare', { title: 'Training jobs stalled', severity: 'SEV2' });
  const pm = await h.call<Postmortem>('postmortem:draft', { incidentId: withPostmortem.id, template: 'lecture' });
  await h.call('postmortem:save', {
    incidentId: withPostmortem.id,
    body: pm.body.replace('[Detailed explanation of what caused the incident]', 'An Xidfault on the HPU <b>bus</b> stalled every step.'),
    revision: pm.revision,
  });
  h.clock.now += 3_600_000;
  withLogLine = await h.call<Incident>('incident:declare', { title: 'Node gpu-node-07 lost', severity: 'SEV1' });
  await h.call('incident:pin-evidence', {
    kind: 'log-line',
    id: withLogLine.id,
    line: { tNs: '1736935200000000000', labels: { app: 'dcgm' }, line: 'kernel: NVRM: xidfault 79, GPU has fallen off the bus' },
  });
  h.clock.now += 3_600_000;
  handedOff = await h.call<Incident>('incident:declare', { title: 'Auth outage', severity: 'SEV3' });
  await h.call('incident:assign-role', { id: handedOff.id, role: 'commander', person: 'Dana Ops' });
  await h.call('incident:assign-role', {
    id: handedOff.id,
    role: 'commander',
    person: 'Lee Chen',
    note: 'keep intake throttled until Keycloak answers',
  });
  await h.call('incident:set-status', { id: handedOff.id, status: 'resolved' });
});
afterEach(async () => h.close());

describe('search', () => {
  it('finds a word that appears only in a postmortem and in a pinned log line, with the match highlighted', async () => {
    const results = await search({ text: 'xidfault' });
    expect(results.map((r) => r.incident.id).sort()).toEqual([withPostmortem.id, withLogLine.id].sort());
    const pm = results.find((r) => r.incident.id === withPostmortem.id);
    const log = results.find((r) => r.incident.id === withLogLine.id);
    expect(pm && matched(pm, 'postmortem')).toEqual(['Xidfault']);
    expect(log && matched(log, 'pin-log')).toEqual(['xidfault']);
    // The snippet is text around the match: markup in it stays text for the renderer to show.
    expect(pm?.hits[0]?.snippet.map((p) => p.text).join('')).toContain('<b>bus</b>');
    // The sidebar's list search finds the pinned line too (it shares the notes index).
    expect((await h.call<{ id: number }[]>('incident:list', { search: 'xidfault' })).map((i) => i.id)).toEqual([withLogLine.id]);
  });

  it('finds role holders and handoff notes', async () => {
    const lee = await search({ text: 'Lee' });
    expect(lee.map((r) => r.incident.id)).toEqual([handedOff.id]);
    expect(lee[0]?.hits.map((x) => x.source)).toContain('handoff');
    const dana = await search({ text: 'dana' });
    expect(dana[0] && [...matched(dana[0], 'role'), ...matched(dana[0], 'handoff')]).toContain('Dana');
    const note = await search({ text: 'keycloak throttled' });
    expect(note.map((r) => r.incident.id)).toEqual([handedOff.id]);
    expect(note[0] && matched(note[0], 'handoff').sort()).toEqual(['Keycloak', 'throttled']);
  });

  it('shows a checklist note once, though both the notes index and the timeline trigger hold it', async () => {
    const [first] = await h.call<ChecklistView[]>('checklist:list', { incidentId: handedOff.id });
    const item = first ? allItems(first.playbook)[0] : undefined;
    await h.call('checklist:act', { checklistId: first?.id, itemId: item?.id, action: 'note', text: 'zorbflux seen on the auth pods' });
    const results = await search({ text: 'zorbflux' });
    expect(results.map((r) => r.incident.id)).toEqual([handedOff.id]);
    expect(results[0]?.hits.map((x) => x.eventId)).toHaveLength(1);
  });

  it('filters by severity, status and declaration date, with or without words', async () => {
    expect((await search({ text: 'xidfault', severities: ['SEV1'] })).map((r) => r.incident.id)).toEqual([withLogLine.id]);
    expect((await search({ statuses: ['resolved'] })).map((r) => r.incident.id)).toEqual([handedOff.id]);
    const t0 = withPostmortem.declaredAt;
    expect((await search({ fromMs: t0 + 1, toMs: t0 + 2 * 3_600_000 })).map((r) => r.incident.id)).toEqual([handedOff.id, withLogLine.id]);
    expect((await search({ text: 'xidfault', toMs: t0 })).map((r) => r.incident.id)).toEqual([withPostmortem.id]);
    expect(await search({ text: 'nothing-like-this' })).toEqual([]);
    // FTS syntax typed by a person is just text.
    expect(await search({ text: '"unbalanced AND ( NEAR' })).toEqual([]);
    const reversed = await h.failure('search:incidents', { fromMs: t0 + 10, toMs: t0 });
    expect(reversed.message).toMatch(/"from" date must not be after the "to" date/);
  });
});
