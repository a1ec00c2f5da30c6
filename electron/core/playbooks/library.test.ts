import Database from 'better-sqlite3';
import { join } from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/domain/incident';
import type { ChecklistView } from '../../../shared/playbooks/checklist';
import type { PlaybookDetail, PlaybookSummary } from '../../../shared/playbooks/library';
import type { Playbook } from '../../../shared/playbooks/schema';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

let core: PitwallCore;
let dir: string;
let cleanup: () => void;

const { call, failure } = coreCalls(() => core);

function open(): PitwallCore {
  return createCore({ dataDir: dir, mode: 'browser', version: 'test', operator: 'bob', poll: false });
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  core = open();
});
afterEach(async () => {
  await core.close();
  cleanup();
});

function storedRows(): number {
  const raw = new Database(join(dir, 'pitwall.db'), { readonly: true });
  try {
    return (raw.prepare('SELECT count(*) AS n FROM playbook_versions').get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

const exportText = async (id: string, format: 'yaml' | 'json', version?: number): Promise<string> =>
  (await call<{ text: string }>('playbook:export', { id, format, ...(version ? { version } : {}) })).text;

describe('the playbook library', () => {
  it('lists the 21 built-ins, read-only: editing or deleting one is refused; duplicating makes an editable copy', async () => {
    const list = await call<PlaybookSummary[]>('playbook:list');
    expect(list.filter((p) => p.builtin)).toHaveLength(21);
    const text = await exportText('gpu-oom', 'yaml');
    expect((await failure('playbook:save', { id: 'gpu-oom', text, format: 'yaml' })).message).toMatch(/read-only; duplicate it/);
    expect((await failure('playbook:delete', { id: 'gpu-oom' })).message).toMatch(/cannot be deleted/);
    const copy = await call<PlaybookSummary>('playbook:duplicate', { id: 'gpu-oom' });
    expect(copy).toMatchObject({ id: 'gpu-oom-copy', version: 1, builtin: false, basedOn: { id: 'gpu-oom', version: 1 }, author: 'bob' });
    expect((await call<PlaybookSummary>('playbook:duplicate', { id: 'gpu-oom' })).id).toBe('gpu-oom-copy-2');
  });

  it('saves every edit as a new version; an incident keeps the version it ran with', async () => {
    await call('playbook:duplicate', { id: 'queue-backlog', newId: 'ours' });
    const inc = await call<Incident>('incident:declare', { title: 'Backlog', severity: 'SEV3' });
    const attached = await call<ChecklistView>('checklist:attach', { incidentId: inc.id, playbookId: 'ours' });
    expect(attached.playbook.version).toBe(1);

    const doc = parseYaml(await exportText('ours', 'yaml')) as Playbook;
    doc.title = 'Our backlog playbook';
    doc.sections[0]?.items.push({ id: 'ask-team', kind: 'action', text: 'Ask the translation team' });
    const saved = await call<PlaybookSummary>('playbook:save', { id: 'ours', text: toYaml(doc), format: 'yaml' });
    expect(saved).toMatchObject({ version: 2, title: 'Our backlog playbook', items: attached.progress.total + 1 });

    const [, kept] = await call<ChecklistView[]>('checklist:list', { incidentId: inc.id });
    expect(kept?.playbook.version).toBe(1);
    expect(kept?.playbook.title).toBe('Queue backlog / stuck jobs (copy)');
    expect(kept?.newerVersion).toBe(2);
    const detail = await call<PlaybookDetail>('playbook:get', { id: 'ours' });
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await call<PlaybookDetail>('playbook:get', { id: 'ours', version: 1 })).latest).toBe(false);
    // The id cannot change while editing: checklists refer to it.
    const renamed = toYaml({ ...doc, id: 'other' });
    expect((await failure('playbook:save', { id: 'ours', text: renamed, format: 'yaml' })).message).toMatch(
      /id changed from "ours" to "other"/,
    );
  });

  it('round-trips a user playbook through export and import, in YAML and JSON, into another data directory', async () => {
    await call('playbook:duplicate', { id: 'model-performance-degradation', newId: 'model-ours' });
    const original = (await call<PlaybookDetail>('playbook:get', { id: 'model-ours' })).playbook;
    const yamlText = await exportText('model-ours', 'yaml');
    const jsonText = await exportText('model-ours', 'json');
    await core.close();
    cleanup();
    ({ dir, cleanup } = tempDir());
    core = open();
    const viaYaml = await call<PlaybookSummary>('playbook:import', { text: yamlText, fileName: 'model-ours.v1.playbook.yaml' });
    expect(viaYaml.version).toBe(1);
    expect((await call<PlaybookDetail>('playbook:get', { id: 'model-ours' })).playbook).toEqual(original);
    // The same id again is a conflict unless asked to replace; replacing makes the next version.
    expect((await failure('playbook:import', { text: jsonText, fileName: 'x.json' })).code).toBe('conflict');
    const replaced = await call<PlaybookSummary>('playbook:import', { text: jsonText, fileName: 'x.json', replace: true });
    expect(replaced.version).toBe(2);
    expect({ ...(await call<PlaybookDetail>('playbook:get', { id: 'model-ours' })).playbook, version: 1 }).toEqual(original);
  });

  it('refuses bad files naming the field and line, and writes nothing', async () => {
    await call('playbook:duplicate', { id: 'auth-outage', newId: 'auth-ours' });
    const rows = storedRows();
    const good = await exportText('auth-ours', 'yaml');
    const cases: [string, RegExp][] = [
      [
        good.replace('kind: firing-alerts', 'kind: keycloak-pings'),
        /^The playbook was not saved: line \d+: sections\[0\]\.items\[0\]\.evidence\[0\]\.kind: unknown evidence query "keycloak-pings"/,
      ],
      [good.replace('id: token-failures', 'id: cannot-login'), /line \d+: sections\[0\]\.items\[1\]\.id: duplicate id "cannot-login"/],
      [good.replace('id: auth-ours', 'id: auth-outage'), /"auth-outage" is the id of a built-in playbook/],
      ['schema: 1\nid: x\n  bad: indent\n', /line \d+: not valid YAML/],
      [`${good}\n# ${'x'.repeat(101 * 1024)}`, /at most 100 KiB/],
    ];
    for (const [text, message] of cases) {
      const err = await failure('playbook:import', { text, fileName: 'auth.yaml', replace: true });
      expect(err.message).toMatch(message);
    }
    expect(storedRows()).toBe(rows);
    expect((await call<PlaybookDetail>('playbook:get', { id: 'auth-ours' })).playbook.version).toBe(1);
  });

  it('deletes a user playbook as a recorded version; a later import of the id continues the count', async () => {
    await call('playbook:duplicate', { id: 'gpu-contention', newId: 'slow' });
    const text = await exportText('slow', 'json');
    await call('playbook:delete', { id: 'slow' });
    expect((await call<PlaybookSummary[]>('playbook:list')).some((p) => p.id === 'slow')).toBe(false);
    expect((await failure('playbook:get', { id: 'slow' })).code).toBe('not-found');
    expect((await call<PlaybookSummary>('playbook:import', { text, fileName: 'slow.json' })).version).toBe(3);
  });
});
