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

describe('the demo opens on an hour of history', () => {
  it('polls the lab’s own past into the store before going live, and a restart only fills the gap', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const first = core(t.dir);
    const before = Date.now();
    const lab = (await attachDemoLab(first, { disabled: false, port: '0' })) as DemoLab;
    cleanups.push(() => lab.close());
    expect(lab.describe).toMatch(/scenario baseline, then gpu-oom in 2 min; 60 min of its past recorded in [\d.]+ s/);
    const series = async (c: PitwallCore, metric: string): Promise<{ points: [number, number | null][] }[]> => {
      const r = await c.dispatch('telemetry:get-series', { metric, fromMs: before - 2 * 3_600_000, toMs: Date.now(), maxPoints: 20_000 });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { series: { points: [number, number | null][] }[] }).series;
    };
    for (const metric of ['gpu.memory.share', 'queue.depth', 'queue.latency_s', 'fs.used_share']) {
      const got = await series(first, metric);
      expect(got.length, metric).toBeGreaterThan(0);
      const times = got.flatMap((s) => s.points.map((p) => p[0]));
      // An hour at 15 s steps: 241 instants, the first an hour before the lab went live.
      expect(Math.min(...times), metric).toBeLessThanOrEqual(before - 59 * 60_000);
      expect(new Set(times).size, metric).toBeGreaterThanOrEqual(240);
    }
    // The lab then runs on the wall clock, healthy, with the scenario two minutes out.
    const state = (await (await fetch(`${lab.url}/lab/state`)).json()) as { nowMs: number; speed: number; schedule: { name: string }[] };
    expect(Math.abs(state.nowMs - Date.now())).toBeLessThan(5_000);
    expect(state.speed).toBe(1);
    expect(state.schedule.map((s) => s.name)).toEqual(['gpu-oom']);
    await lab.close();
    await first.close();

    // A restart on the same data: only the time since the last stored sample is recorded, never two worlds interleaved.
    const again = core(t.dir);
    const lab2 = (await attachDemoLab(again, { disabled: false, port: '0' })) as DemoLab;
    cleanups.push(() => lab2.close());
    expect(lab2.describe).not.toContain('60 min of its past');
    const gpu = await series(again, 'gpu.memory.share');
    const times = gpu[0]?.points.map((p) => p[0]) ?? [];
    expect(times.length).toBeGreaterThanOrEqual(241);
    expect(times.every((x, i) => i === 0 || x > (times[i - 1] ?? 0))).toBe(true);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
  }, 120_000);
});
