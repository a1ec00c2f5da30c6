import { describe, expect, it } from 'vitest';
import { groundTruth } from '../control/state.js';
import { Engine } from '../scenarios/engine.js';
import type { ScenarioName } from '../scenarios/catalog.js';
import { LogStore } from './logs.js';

const START = Date.UTC(2026, 10, 22, 12, 0, 0);

function run(scenario: ScenarioName, seconds: number, seed = 42): Engine {
  const e = new Engine({ seed, scenario, speed: 0, startMs: START });
  e.advance(seconds);
  return e;
}

function countLogs(e: Engine, pred: (line: string, stream: Record<string, string>) => boolean): number {
  let n = 0;
  for (const entry of e.world.logs.entries()) if (pred(entry.line, entry.stream)) n += 1;
  return n;
}

describe('simulation', () => {
  it('is deterministic under a seed and differs across seeds', () => {
    const a = groundTruth(run('gpu-oom', 600, 7));
    const b = groundTruth(run('gpu-oom', 600, 7));
    const c = groundTruth(run('gpu-oom', 600, 8));
    expect(b).toEqual(a);
    expect(c.gpus.map((g) => g.uuid)).not.toEqual(a.gpus.map((g) => g.uuid));
  });

  it('starts a scheduled scenario at the requested simulated time', () => {
    const e = new Engine({ seed: 1, scenario: 'baseline', speed: 0, startMs: START });
    e.setScenario('auth-outage', 120);
    e.advance(119);
    expect(e.scenario).toBe('baseline');
    expect(e.world.auth.providerUp.keycloak).toBe(true);
    e.advance(2);
    expect(e.scenario).toBe('auth-outage');
    expect(e.scenarioStartedMs).toBe(START + 120_000);
    expect(e.world.auth.providerUp.keycloak).toBe(false);
  });

  it('baseline stays healthy', () => {
    const t = groundTruth(run('baseline', 1200));
    expect(t.pods.every((p) => p.restarts === 0 && p.phase === 'Running')).toBe(true);
    expect(Math.max(...t.queues.map((q) => q.latencySeconds))).toBeLessThan(120);
    expect(t.gpus.every((g) => g.present && g.xid === 0)).toBe(true);
    expect(t.filesystems.every((f) => f.deviceError === '')).toBe(true);
  });

  it('gpu-oom: workers are OOMKilled, and every failed task has its log line', () => {
    const before = groundTruth(run('baseline', 1, 42));
    const e = run('gpu-oom', 1500, 42);
    const t = groundTruth(e);
    const killed = t.pods.filter((p) => p.lastTerminatedReason === 'OOMKilled');
    expect(killed.length).toBeGreaterThan(0);
    expect(killed.every((p) => p.node === 'gpu-node-01' && p.restarts > 0)).toBe(true);
    for (const name of ['ocr', 'translation']) {
      const failed =
        (t.queues.find((q) => q.queue === name)?.failedTotal ?? 0) - (before.queues.find((q) => q.queue === name)?.failedTotal ?? 0);
      const lines = countLogs(e, (l, s) => s.app === `${name}-worker` && l.includes('msg="task failed"'));
      expect(failed).toBeGreaterThan(0);
      expect(lines).toBe(failed);
    }
    expect(countLogs(e, (l) => l.includes('CUDA out of memory'))).toBeGreaterThan(0);
  });

  it('gpu-contention: slow but not failing', () => {
    const base = groundTruth(run('baseline', 1200));
    const slow = groundTruth(run('gpu-contention', 1200));
    const latency = (t: typeof base) => Math.max(...t.queues.map((q) => q.latencySeconds));
    const fails = (t: typeof base) => t.queues.reduce((n, q) => n + q.failedTotal, 0);
    expect(latency(slow)).toBeGreaterThan(300);
    expect(fails(slow) - fails(base)).toBeLessThan(20);
    expect(slow.pods.every((p) => p.restarts === 0)).toBe(true);
  });

  it('queue-backlog: pending grows, active stays flat, tasks retry', () => {
    const e = run('queue-backlog', 600);
    const early = groundTruth(e).queues.find((q) => q.queue === 'translation');
    e.advance(900);
    const late = groundTruth(e).queues.find((q) => q.queue === 'translation');
    expect(late?.pending).toBeGreaterThan(early?.pending ?? 0);
    expect(late?.active).toBe(early?.active);
    expect(late?.active).toBe(8);
    const retried = e.world.queue('translation')?.pending.filter((t) => t.retried > 0).length ?? 0;
    expect(retried + (late?.retry ?? 0)).toBeGreaterThan(0);
  });

  it('storage-saturation: volumes fill, then the NFS mount hangs', () => {
    const e = run('storage-saturation', 700);
    const t1 = groundTruth(e);
    const nfs1 = t1.filesystems.find((f) => f.fstype === 'nfs4');
    expect(nfs1?.deviceError).toBe('');
    expect(1 - (nfs1?.availBytes ?? 0) / (nfs1?.sizeBytes ?? 1)).toBeGreaterThan(0.9);
    e.advance(60);
    const nfs2 = groundTruth(e).filesystems.filter((f) => f.fstype === 'nfs4');
    expect(nfs2.every((f) => f.deviceError === 'mountpoint timeout' && f.sizeBytes === null)).toBe(true);
    expect(e.world.auth.requests['minio|507'] ?? 0).toBeGreaterThan(0);
  });

  it('auth-outage: keycloak users get 401 while local auth keeps working', () => {
    const t = groundTruth(run('auth-outage', 300));
    expect(t.auth.validationFailures.keycloak).toBeGreaterThan(5000);
    expect(t.auth.validationFailures.local).toBeLessThan(50);
    expect(t.auth.requests['echo-api|401'] ?? 0).toBeGreaterThan((t.auth.requests['echo-api|200'] ?? 0) / 2);
  });

  it('jupyter-vram: notebooks and echo workers collide on shared GPUs', () => {
    const e = run('jupyter-vram', 900);
    expect(countLogs(e, (l, s) => s.app === 'echo-worker' && l.includes('CUDA out of memory'))).toBeGreaterThan(0);
    const shared = groundTruth(e).gpus.find((g) => g.node === 'gpu-node-03' && g.gpu === 0);
    expect((shared?.fbUsedMiB ?? 0) / 23034).toBeGreaterThan(0.85);
  });

  it('gpu-node-failure: XID 79, then the node GPUs vanish and its pods go Pending', () => {
    const e = run('gpu-node-failure', 30);
    expect(groundTruth(e).gpus.find((g) => g.node === 'gpu-node-02' && g.gpu === 0)?.xid).toBe(79);
    expect(countLogs(e, (l) => l.includes('Xid') && l.includes(': 79,'))).toBe(1);
    e.advance(60);
    const t = groundTruth(e);
    expect(t.gpus.filter((g) => g.node === 'gpu-node-02').every((g) => !g.present)).toBe(true);
    expect(t.pods.filter((p) => p.node === 'gpu-node-02' && p.gpu >= 0).every((p) => p.phase === 'Pending')).toBe(true);
    expect(t.nodes.find((n) => n.node === 'gpu-node-02')?.gpuAllocatable).toBe(0);
  });
});

describe('log store', () => {
  it('keeps at most its capacity, newest entries win, timestamps stay ordered', () => {
    const store = new LogStore(100);
    for (let i = 0; i < 250; i += 1) store.append(1000 + Math.floor(i / 3), { app: 'x' }, `line ${i}`);
    const entries = [...store.entries()];
    expect(entries).toHaveLength(100);
    expect(entries[0]?.line).toBe('line 150');
    expect(entries[99]?.line).toBe('line 249');
    expect(store.totalWritten).toBe(250);
  });
});
