import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail, TimelineEvent } from '../../../shared/domain/incident';
import type { Preferences } from '../../../shared/domain/preferences';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

let core: PitwallCore;
let dataDir: string;
let cleanup: () => void;
const saved = process.env.PITWALL_OPERATOR;

// Each read of the clock is a second later, so events written by different calls never share an instant.
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
const now = (): number => (clock += 1_000);

function open(operator?: string): PitwallCore {
  return createCore({ dataDir, mode: 'browser', version: 'test', poll: false, now, ...(operator ? { operator } : {}) });
}

const { call } = coreCalls(() => core);

beforeEach(() => {
  delete process.env.PITWALL_OPERATOR;
  const t = tempDir();
  dataDir = t.dir;
  cleanup = t.cleanup;
});
afterEach(async () => {
  await core.close();
  cleanup();
  if (saved === undefined) delete process.env.PITWALL_OPERATOR;
  else process.env.PITWALL_OPERATOR = saved;
});

describe('the operator name', () => {
  it('starts as the OS user, asks to be saved, and once saved authors every event — after a restart too', async () => {
    core = open();
    const first = await call<Preferences>('preferences:get', {});
    expect(first.operatorSource).toBe('os-user');
    expect(first.savedOperator).toBeNull();
    const inc = await call<Incident>('incident:declare', { title: 'Keycloak down', severity: 'SEV2' });
    await call<Preferences>('preferences:set', { operator: '  Dana Ops  ' });
    await call<TimelineEvent>('incident:add-note', { id: inc.id, text: 'looking at the token errors' });
    await call('incident:assign-role', { id: inc.id, role: 'commander', person: 'Sam' });

    await core.close();
    core = open();
    const after = await call<Preferences>('preferences:get', {});
    expect(after).toMatchObject({ savedOperator: 'Dana Ops', operator: 'Dana Ops', operatorSource: 'saved' });
    await call('incident:set-status', { id: inc.id, status: 'identified' });
    const { timeline } = await call<IncidentDetail>('incident:get', { id: inc.id });
    // What the declaration wrote (the declared event, and the checklist it attaches) came before a name
    // was saved; everything after carries the saved name, the IC change included (the IC is the role
    // holder, not the person typing).
    const declaredAt = timeline[0]?.at ?? 0;
    const before = timeline.filter((e) => e.at === declaredAt);
    const rest = timeline.filter((e) => !before.includes(e));
    expect(before[0]?.kind).toBe('declared');
    expect(before.every((e) => e.actor === first.operator)).toBe(true);
    expect(rest.map((e) => [e.kind, e.actor])).toEqual([
      ['note', 'Dana Ops'],
      ['role', 'Dana Ops'],
      ['timestamp', 'Dana Ops'],
      ['status', 'Dana Ops'],
    ]);
    expect((await call<{ operator: string }>('app:get-info', {})).operator).toBe('Dana Ops');
  });

  it('uses a name the shell was started with until one is saved, and a saved name wins over it', async () => {
    core = open('e2e-operator');
    expect(await call<Preferences>('preferences:get', {})).toMatchObject({ operator: 'e2e-operator', operatorSource: 'environment' });
    await call('preferences:set', { operator: 'Alex' });
    await core.close();
    core = open('e2e-operator');
    expect(await call<Preferences>('preferences:get', {})).toMatchObject({ operator: 'Alex', operatorSource: 'saved' });
  });

  it('refuses a blank or over-long name and keeps the one it had', async () => {
    core = open();
    await call('preferences:set', { operator: 'Dana' });
    for (const bad of ['   ', 'x'.repeat(121), 42]) {
      const r = await core.dispatch('preferences:set', { operator: bad });
      expect(r.ok).toBe(false);
    }
    expect((await call<Preferences>('preferences:get', {})).operator).toBe('Dana');
  });

  it('pushes preferences:changed so every open window re-reads', async () => {
    core = open();
    const seen: string[] = [];
    core.subscribe((m) => seen.push(m.event));
    await call('preferences:set', { timeDisplay: 'local' });
    expect(seen).toContain('preferences:changed');
    expect((await call<Preferences>('preferences:get', {})).timeDisplay).toBe('local');
  });
});
