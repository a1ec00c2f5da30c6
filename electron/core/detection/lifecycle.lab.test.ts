import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../shared/contract/channels';
import { startHarness, type Harness } from './scenario-harness';

const keys = (h: Harness, after: number): string[] => h.suggested.filter((s) => s.at > after).map((s) => s.event.key);

describe('a suggestion through its life, on the real poll path', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('declared: covered while its incident is open, suggested again when the incident is resolved and the condition persists', async () => {
    await h.run(300);
    h.lab.engine.setScenario('gpu-oom');
    await h.run(240);
    const first = h.suggested.find((s) => s.event.key === 'gpu-oom');
    expect(first).toBeDefined();
    const out = await h.call<ChannelOutput<'detection:declare'>>('detection:declare', { id: first?.event.id });
    const detail = await h.call<ChannelOutput<'incident:get'>>('incident:get', { id: out.incident.id });
    expect(detail.incident.times.detectedAt).toBe(first?.at);
    expect(detail.timeline.filter((e) => e.kind === 'pin-metric').length).toBeGreaterThanOrEqual(2);
    // The playbooks domain attached the first-response checklist at declaration, and the suggested one with it.
    expect(out.playbook).toEqual({ id: 'gpu-oom', attached: true, error: null });
    const checklists = await h.call<{ playbook: { id: string } }[]>('checklist:list', { incidentId: out.incident.id });
    expect(checklists.map((c) => c.playbook.id).sort()).toEqual(['first-response', 'gpu-oom']);
    const declaredAt = h.clock.now();
    await h.run(300);
    expect(keys(h, declaredAt)).toEqual([]);
    const view = await h.call<ChannelOutput<'detection:get'>>('detection:get', {});
    expect(view.suggestions.find((s) => s.id === first?.event.id)).toMatchObject({
      state: 'declared',
      action: { incident: { ref: out.incident.ref } },
    });

    await h.call('incident:set-status', { id: out.incident.id, status: 'resolved' });
    const resolvedAt = h.clock.now();
    await h.run(60);
    expect(keys(h, resolvedAt)).toEqual(['gpu-oom']);
  }, 120_000);

  it('a condition that returns while its incident is open is offered as "attach to INC-…"', async () => {
    await h.run(300);
    h.lab.engine.setScenario('auth-outage');
    await h.run(60);
    const first = h.suggested.find((s) => s.event.key === 'auth-outage');
    const out = await h.call<ChannelOutput<'detection:declare'>>('detection:declare', { id: first?.event.id });
    h.lab.engine.setScenario('baseline');
    await h.run(420);
    const back = h.clock.now();
    h.lab.engine.setScenario('auth-outage');
    await h.run(60);
    const again = h.suggested.filter((s) => s.at > back);
    expect(again.map((s) => [s.event.key, s.event.coveredBy])).toEqual([['auth-outage', out.incident.ref]]);
    const view = await h.call<ChannelOutput<'detection:get'>>('detection:get', {});
    expect(view.suggestions[0]).toMatchObject({ state: 'active', coveredBy: { ref: out.incident.ref } });
    const attached = await h.call<ChannelOutput<'detection:attach'>>('detection:attach', {
      id: again[0]?.event.id,
      incidentId: out.incident.id,
    });
    expect(attached.incident.ref).toBe(out.incident.ref);
  }, 120_000);

  it('an incident declared by hand with the playbook attached covers the condition', async () => {
    await h.run(300);
    const inc = await h.call<{ id: number; ref: string }>('incident:declare', { title: 'Translation stuck', severity: 'SEV2' });
    await h.call('checklist:attach', { incidentId: inc.id, playbookId: 'queue-backlog' });
    h.lab.engine.setScenario('queue-backlog');
    await h.run(240);
    expect(h.suggested.map((s) => [s.event.key, s.event.coveredBy])).toEqual([['queue-backlog', inc.ref]]);
  }, 120_000);

  it('dismissed: quiet for the time chosen, across a clear and a return, then suggested again', async () => {
    await h.run(300);
    h.lab.engine.setScenario('auth-outage');
    await h.run(60);
    const first = h.suggested.find((s) => s.event.key === 'auth-outage');
    const dismissed = await h.call<ChannelOutput<'detection:dismiss'>>('detection:dismiss', {
      id: first?.event.id,
      reason: 'Keycloak maintenance window',
      forMin: 15,
    });
    expect(dismissed).toMatchObject({
      state: 'dismissed',
      action: { kind: 'dismissed', reason: 'Keycloak maintenance window', author: 'harness' },
    });
    const at = h.clock.now();
    h.lab.engine.setScenario('baseline');
    await h.run(300);
    h.lab.engine.setScenario('auth-outage');
    await h.run(300);
    expect(keys(h, at)).toEqual([]);
    const view = await h.call<ChannelOutput<'detection:get'>>('detection:get', {});
    expect(view.suggestions.filter((s) => s.key === 'auth-outage').map((s) => s.state)).toEqual(['dismissed', 'dismissed']);
    await h.run(360);
    expect(keys(h, at)).toEqual(['auth-outage']);
  }, 120_000);

  it('a source going down turns its rules to "no data", never "clear"', async () => {
    await h.run(120);
    await h.lab.close();
    await h.run(180);
    const view = await h.call<ChannelOutput<'detection:get'>>('detection:get', {});
    const states = Object.fromEntries(view.rules.map((r) => [r.rule, r.state]));
    expect(states).toMatchObject({
      'gpu-oom': 'no-data',
      'queue-backlog': 'no-data',
      'storage-saturation': 'no-data',
      'auth-outage': 'no-data',
    });
    expect(view.rules.find((r) => r.rule === 'gpu-oom')?.detail).toMatch(/Lab GPU exporter is (down|degraded)/);
  }, 120_000);
});
