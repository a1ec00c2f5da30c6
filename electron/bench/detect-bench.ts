import { createCore } from '../core/app';
import { FakeClock } from '../poller/clock';
import { tempDir } from '../test-support/temp-dir';
import { FLEET, startFleet } from './fleet-upstream';
import { median, result, type BenchResult } from './results';

const INTERVAL_MS = 5_000;
/** Fifteen minutes of polls first, so every rule window is full when the timing starts. */
const WARMUP_CYCLES = 180;
const RUNS = 121;

async function save(
  dispatch: (c: string, i: unknown) => Promise<{ ok: boolean; error?: { message: string } }>,
  input: unknown,
): Promise<void> {
  const r = await dispatch('source:save', input);
  if (!r.ok) throw new Error(`detect bench: could not add a source: ${r.error?.message ?? ''}`);
}

/**
 * `detect.eval_ms`: what detection adds to one poll cycle of a 64-GPU, 20-queue fleet (exporter page,
 * AsynqMon, Loki), measured in the real core on a fake clock: the cycle (HTTP, parse, SQLite) is timed
 * up to the moment its data is stored, then the evaluation that rides on it (read the rule windows
 * from the store, run every rule, keep the suggestions) is timed on its own. The baseline is the cycle.
 */
export async function benchDetect(): Promise<BenchResult[]> {
  const fleet = await startFleet();
  const dir = tempDir('pitwall-bench-detect-');
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 8));
  const core = createCore({ dataDir: dir.dir, mode: 'browser', version: 'bench', now: () => clock.now(), clock, operator: 'bench' });
  const { runtime, detection } = core.internals;
  try {
    const base = { intervalMs: INTERVAL_MS, timeoutMs: 10_000 };
    await save(core.dispatch, { name: 'Fleet exporter', kind: 'exporter-scrape', baseUrl: `${fleet.url}/`, ...base });
    await save(core.dispatch, { name: 'Fleet AsynqMon', kind: 'asynqmon', baseUrl: fleet.url, ...base });
    await save(core.dispatch, { name: 'Fleet Loki', kind: 'loki', baseUrl: fleet.url, ...base });
    const cycle = async (): Promise<{ poll: number; detect: number }> => {
      fleet.step();
      const t0 = performance.now();
      clock.advance(INTERVAL_MS);
      await runtime.poller.idle();
      const t1 = performance.now();
      detection.settle();
      return { poll: t1 - t0, detect: performance.now() - t1 };
    };
    for (let i = 0; i < WARMUP_CYCLES; i += 1) await cycle();
    const bad = runtime.poller.allHealth().filter((h) => h.state !== 'ok');
    if (bad.length > 0) throw new Error(`detect bench: sources not ok: ${bad.map((h) => h.lastError?.message ?? h.state).join('; ')}`);
    const evaluations = detection.detector.stats.evaluations;
    const polls: number[] = [];
    const detects: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const { poll, detect } = await cycle();
      polls.push(poll);
      detects.push(detect);
    }
    if (detection.detector.stats.evaluations - evaluations !== RUNS) throw new Error('detect bench: not one evaluation per cycle');
    const fired = detection.detector.lastRules.filter((r) => r.state === 'firing').map((r) => r.rule);
    if (!fired.includes('gpu-oom')) throw new Error(`detect bench: the GPU OOM rule did not fire (firing: ${fired.join(', ') || 'none'})`);
    const gpus = FLEET.nodes * FLEET.gpusPerNode;
    const withDetect = median(polls.map((p, i) => p + (detects[i] ?? 0)));
    return [
      result(
        'detect.eval_ms',
        median(detects),
        `ms per evaluation, median of ${RUNS}: ${gpus} GPUs on ${FLEET.nodes} nodes, ${FLEET.queues} queues, rule windows of 3–10 min of 5 s polls (the auth baseline 2 h); ` +
          `baseline = the poll cycle it rides on (exporter page, AsynqMon, Loki into SQLite)`,
        median(polls),
        `cycle + detection median ${withDetect.toFixed(2)} ms against ${median(polls).toFixed(2)} ms without; rules firing at the end: ${fired.join(', ')}`,
      ),
    ];
  } finally {
    await core.close();
    await fleet.close();
    dir.cleanup();
  }
}
