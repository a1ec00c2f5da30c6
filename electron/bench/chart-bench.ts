/**
 * `chart.first_paint_ms` and `chart.naive_ratio`: from the command view's first telemetry request
 * to the painted frame of the correlation chart, for 24 h of stored samples × 16 series at a 15 s
 * step (12 GPUs' memory share + 4 queue-depth states), in headless Chromium, against the same
 * chart asking for every stored point (`?chartNaive=1`, read only by the chart) in the same run.
 *
 * The path is the real one: samples seeded into a temp data dir's SQLite through TelemetryStore,
 * browser mode (dist/serve.cjs) on it, `telemetry:get-series` over HTTP with the store's
 * downsampling, the renderer's chart. The page opens on the window (`?chartFrom&chartTo`, per-GPU
 * mode) and the chart itself marks its first request and, after its lines are in the DOM, the next
 * painted frame (renderer/components/command/chart/paint-mark.ts); the measure between is read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { DEFAULT_RETENTION, METRICS } from '../../shared/domain/telemetry';
import type { CollectedSample } from '../poller/types';
import { createCore } from '../core/app';
import { openStore } from '../store/database';
import { TelemetryStore } from '../store/telemetry-store';
import { result, type BenchResult } from './results';

const ROOT = process.cwd();
const STEP_MS = 15_000;
const SPAN_MS = 24 * 3_600_000;
const NODES = ['gpu-node-01', 'gpu-node-02', 'gpu-node-03'];
const GPUS_PER_NODE = 4;
const STATES = ['pending', 'active', 'retry', 'archived'] as const;
const SERIES = NODES.length * GPUS_PER_NODE + STATES.length;
const RUNS = 5;
const MEASURE = 'pitwall:chart-first-paint';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Deterministic wandering values, so every run seeds the same day. */
function walker(seed: number, start: number, step: number, lo: number, hi: number): () => number {
  let s = seed >>> 0;
  let v = start;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v = Math.min(hi, Math.max(lo, v + ((s / 4294967296) * 2 - 1) * step));
    return v;
  };
}

/** One source, a day of 15 s polls, raw retention long enough that none of it is rolled up. */
async function seed(dataDir: string, toMs: number): Promise<number> {
  const core = createCore({ dataDir, mode: 'browser', version: 'bench', operator: 'bench', poll: false });
  let sourceId: number;
  try {
    const retention = await core.dispatch('retention:set', { ...DEFAULT_RETENTION, rawKeepHours: 48 });
    if (!retention.ok) throw new Error(retention.error.message);
    const saved = await core.dispatch('source:save', {
      name: 'Bench exporter',
      kind: 'exporter-scrape',
      baseUrl: 'http://127.0.0.1:9/',
      enabled: false,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    sourceId = (saved.value as { id: number }).id;
  } finally {
    await core.close();
  }
  const opened = openStore(dataDir);
  try {
    const store = new TelemetryStore(opened.db);
    const gpus = NODES.flatMap((node, n) =>
      Array.from({ length: GPUS_PER_NODE }, (_, g) => ({
        labels: { node, gpu: String(g), model: 'NVIDIA H100 80GB HBM3' },
        next: walker(n * 10 + g + 1, 0.4, 0.01, 0.05, 0.99),
      })),
    );
    const queues = STATES.map((state, i) => ({ labels: { queue: 'ocr', state }, next: walker(100 + i, 20, 3, 0, 5_000) }));
    for (let t = toMs - SPAN_MS + STEP_MS; t <= toMs; t += STEP_MS) {
      const samples: CollectedSample[] = [
        ...gpus.map((g) => ({ metric: METRICS.gpuMemoryShare, labels: g.labels, tMs: t, value: g.next() })),
        ...queues.map((q) => ({ metric: METRICS.queueDepth, labels: q.labels, tMs: t, value: Math.round(q.next()) })),
      ];
      store.record(sourceId, t, { samples, partialErrors: [] });
    }
    store.flush();
  } finally {
    opened.close();
  }
  return sourceId;
}

function startPitwall(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'serve.cjs'), '--port', '0', '--no-lab', '--data-dir', dataDir, '--static', join(ROOT, 'dist', 'renderer')],
      { cwd: ROOT, env: { ...process.env, PITWALL_OPERATOR: 'bench' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Pitwall browser mode did not start within 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /Open: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Pitwall browser mode exited with ${code}:\n${out}`));
    });
  });
}

interface Paint {
  ms: number;
  points: number;
  series: number;
}

/** One page load on the window: the chart's own request-to-painted-frame measure, and what it drew. */
async function paintOnce(context: BrowserContext, origin: string, fromMs: number, toMs: number, naive: boolean): Promise<Paint> {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/?chartFrom=${fromMs}&chartTo=${toMs}&chartGpu=gpu${naive ? '&chartNaive=1' : ''}`);
    // `performance` is typed from Node here, but these run in the page. Functions, not strings: the
    // app's CSP forbids eval, which a string predicate would need.
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, MEASURE, { timeout: 120_000 });
    const ms = await page.evaluate((name) => performance.getEntriesByName(name)[0]?.duration ?? Number.NaN, MEASURE);
    const chart = page.getByTestId('correlation-chart');
    return { ms, points: Number(await chart.getAttribute('data-points')), series: Number(await chart.getAttribute('data-series')) };
  } finally {
    await page.close();
  }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchChart(): Promise<BenchResult[]> {
  if (!existsSync(join(ROOT, 'dist', 'serve.cjs')) || !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('chart bench: the app is not built (dist/serve.cjs, dist/renderer). Run `npm run build` first.');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pitwall-bench-chart-'));
  const toMs = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const fromMs = toMs - SPAN_MS;
  let pitwall: { child: ChildProcess; url: string } | null = null;
  let browser: Browser | null = null;
  try {
    await seed(dataDir, toMs);
    pitwall = await startPitwall(dataDir);
    browser = await chromium.launch({ executablePath: process.env.PITWALL_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const setup = await context.newPage();
    await setup.goto(pitwall.url); // exchanges the token for the session cookie
    await setup.close();
    const origin = new URL(pitwall.url).origin;

    // One warm-up each (HTTP cache, V8 code cache), then alternate so drift hits both alike.
    await paintOnce(context, origin, fromMs, toMs, false);
    await paintOnce(context, origin, fromMs, toMs, true);
    const fast: Paint[] = [];
    const naive: Paint[] = [];
    for (let i = 0; i < RUNS; i++) {
      fast.push(await paintOnce(context, origin, fromMs, toMs, false));
      naive.push(await paintOnce(context, origin, fromMs, toMs, true));
    }
    for (const p of [...fast, ...naive]) {
      if (p.series !== SERIES) throw new Error(`chart bench: the chart drew ${p.series} series, expected ${SERIES}`);
    }
    const fastMs = median(fast.map((p) => p.ms));
    const naiveMs = median(naive.map((p) => p.ms));
    console.log(
      `chart: ${SERIES} series × 24 h at 15 s — downsampled ${fast[0]?.points ?? 0} points, median ${fastMs.toFixed(1)} ms ` +
        `[${fast.map((p) => p.ms.toFixed(0)).join(', ')}]; naive ${naive[0]?.points ?? 0} points, median ${naiveMs.toFixed(1)} ms ` +
        `[${naive.map((p) => p.ms.toFixed(0)).join(', ')}]`,
    );
    return [result('chart.first_paint_ms', fastMs, 'ms', naiveMs), result('chart.naive_ratio', naiveMs / fastMs, 'x')];
  } finally {
    await browser?.close();
    if (pitwall) {
      const child = pitwall.child;
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
