import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail } from '../../../shared/domain/incident';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

let core: PitwallCore;
let cleanup: () => void;

function open(operator?: string): PitwallCore {
  const t = tempDir();
  cleanup = t.cleanup;
  return createCore({ dataDir: t.dir, mode: 'browser', version: 'test', poll: false, ...(operator ? { operator } : {}) });
}

const { call } = coreCalls(() => core);

beforeEach(() => {
  core = open('alice');
});
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('editing an incident after declaring', () => {
  it('writes one timeline event that says what changed, and refuses an edit that changes nothing', async () => {
    const inc = await call<Incident>('incident:declare', {
      title: 'GPU OOM',
      severity: 'SEV2',
      services: ['ocr', 'echo'],
      tenants: ['acme'],
    });
    const edited = await call<Incident>('incident:edit', {
      id: inc.id,
      title: 'GPU OOM on gpu-node-01',
      summary: 'OCR workers OOMKilled',
      services: ['ocr', 'translation'],
      tenants: ['acme'],
    });
    expect(edited).toMatchObject({ title: 'GPU OOM on gpu-node-01', summary: 'OCR workers OOMKilled', services: ['ocr', 'translation'] });
    const { timeline } = await call<IncidentDetail>('incident:get', { id: inc.id });
    const edit = timeline.filter((e) => e.kind === 'edit');
    expect(edit).toHaveLength(1);
    expect(edit[0]?.summary).toBe('Title "GPU OOM" → "GPU OOM on gpu-node-01"; Summary added; Services +translation −echo');
    expect(edit[0]?.data).toMatchObject({ changed: ['title', 'summary', 'services'], before: { services: ['ocr', 'echo'] } });

    const same = await core.dispatch('incident:edit', { id: inc.id, tenants: ['acme'], title: 'GPU OOM on gpu-node-01' });
    expect(!same.ok && same.error.message).toMatch(/Nothing to change/);
    // The search index follows the new title.
    const found = await call<{ id: number }[]>('incident:list', { search: 'gpu-node-01' });
    expect(found.map((i) => i.id)).toEqual([inc.id]);
  });
});
