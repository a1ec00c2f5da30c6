import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type PitwallCore } from '../core/app';
import { tempDir } from '../test-support/temp-dir';
import { attachDemoLab, type DemoLab } from './demo-lab';

let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function core(dir: string): PitwallCore {
  const c = createCore({ dataDir: dir, mode: 'browser', version: 'test', operator: 'alice', poll: false });
  cleanups.push(() => c.close());
  return c;
}

async function sourceUrls(c: PitwallCore): Promise<string[]> {
  const r = await c.dispatch('source:list', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { baseUrl: string }[]).map((s) => s.baseUrl);
}

describe('starting the demo lab', () => {
  it('starts it on the first run and points the demo sources at it; not after they were deleted', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const first = core(t.dir);
    const lab = (await attachDemoLab(first, { disabled: false, port: '0' })) as DemoLab;
    expect(lab).not.toBeNull();
    cleanups.push(() => lab.close());
    const urls = await sourceUrls(first);
    expect(urls).toHaveLength(3);
    for (const u of urls) expect(u.startsWith(lab.url)).toBe(true);
    expect((await fetch(`${lab.url}/metrics`)).status).toBe(200);

    const list = await first.dispatch('source:list', {});
    if (!list.ok) throw new Error(list.error.message);
    for (const s of list.value as { id: number }[]) expect((await first.dispatch('source:delete', { id: s.id })).ok).toBe(true);
    expect(await attachDemoLab(first, { disabled: false, port: '0' })).toBeNull();
  });

  it('never starts it with --no-lab', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const c = core(t.dir);
    expect(await attachDemoLab(c, { disabled: true })).toBeNull();
    expect(await sourceUrls(c)).toEqual([]);
  });
});
