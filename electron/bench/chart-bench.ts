/**
 * `chart.first_paint_ms`, `chart.naive_ratio` and `chart.limit_ratio`: from the command view's first telemetry request
 * to the painted frame of the correlation chart, for 24 h of stored samples × 16 series at a 15 s
 * step (12 GPUs' memory share + 4 queue-depth states), in headless Chromium, against rendering the
 * same series without downsampling, in the same run. Three ways of opening the same page:
 *
 * - product: as shipped — the store downsamples (LTTB) to 1,500 points a series, the chart draws
 *   SVG paths through recharts' scales (ChartPlot / SeriesPaths);
 * - naive (`?chartNaive=1`, the baseline of chart.naive_ratio): every stored point (maxPoints
 *   20,000) drawn the straightforward way, a recharts <LineChart> with one <Line> per series
 *   (NaiveLinePlot: dot and animation off);
 * - full paths (`?chartNaive=paths`, in the notes): every stored point through the product's own
 *   chart, i.e. what downsampling alone is worth;
 * - floor (the baseline of chart.limit_ratio): a static page holding the SVG a product load painted
 *   (chart-floor.ts), from navigation start to its painted frame — the floor any chart could reach.
 * The URL flag is read only by the chart (renderer/logic/chart-url.ts).
 *
 * The path is the real one: samples seeded into a temp data dir's SQLite through TelemetryStore,
 * browser mode (dist/serve.cjs) on it, `telemetry:get-series` over HTTP with the store's
 * downsampling, the renderer's chart. The page opens on the window (`?chartFrom&chartTo`, per-GPU
 * mode) and the chart itself marks its first request and, after its lines are in the DOM, the next
 * painted frame (renderer/components/command/chart/paint-mark.ts); the measure between is read.
 * Every page load is a fresh page (cold JIT, as an IC opening the view); the server stays up and
 * is warmed first, as a running Pitwall's would be (read path compiled, the window's stored columns
 * in its ColumnCache; the notes give the store's cold and cached read times); modes rotate, with a
 * pause between loads. The
 * browser switches (and why) are in chart-bench-env.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { DEFAULT_RETENTION, METRICS } from '../../shared/domain/telemetry';
import type { CollectedSample } from '../poller/types';
import { createCore } from '../core/app';
import { openStore } from '../store/database';
import { SeriesQuery } from '../store/telemetry/series-query';
import { TelemetryStore } from '../store/telemetry/telemetry-store';
import { CHART_CHROMIUM_ARGS, warmServer } from './chart-bench-env';
import { captureChart, FLOOR_MEASURE, serveFloor, type CapturedChart } from './chart-floor';
import { CHROMIUM_PATH } from '../test-support/chromium';
import { startServeProcess, stopServeProcess } from '../test-support/serve-process';
import { median, result, type BenchResult } from './results';

const STEP_MS = 15_000;
const SPAN_MS = 24 * 3_600_000;
const NODES = ['gpu-node-01', 'gpu-node-02', 'gpu-node-03'];
const GPUS_PER_NODE = 4;
const STATES = ['pending', 'active', 'retry', 'archived'] as const;
const SERIES = NODES.length * GPUS_PER_NODE + STATES.length;
const RUNS = 9;
const SETTLE_MS = 750;
const MEASURE = 'pitwall:chart-first-paint';
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
export async function seed(dataDir: string, toMs: number): Promise<number> {
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

/**
 * The store's part of answering the chart (GPU and queue lines, product resolution), read in-process
 * straight from the seeded file: a window never read before (a new SeriesQuery each time, after a
 * few rounds to compile the read path) against the same window again (from its ColumnCache).
 */
function timeStoreReads(dataDir: string, fromMs: number, toMs: number): { coldMs: number; warmMs: number } {
  const opened = openStore(dataDir);
  try {
    const readLines = (q: SeriesQuery): void => {
      for (const metric of [METRICS.gpuMemoryShare, METRICS.queueDepth]) q.get({ metric, fromMs, toMs, maxPoints: 1_500, match: {} });
    };
    const time = (q: SeriesQuery): number => {
      const t0 = performance.now();
      readLines(q);
      return performance.now() - t0;
    };
    const cold = Array.from({ length: 7 }, () => time(new SeriesQuery(opened.db))).slice(2);
    const warmQuery = new SeriesQuery(opened.db);
    readLines(warmQuery);
    const warm = Array.from({ length: 7 }, () => time(warmQuery)).slice(2);
    return { coldMs: median(cold), warmMs: median(warm) };
  } finally {
    opened.close();
  }
}

interface Paint {
  ms: number;
  points: number;
  series: number;
}

type Mode = 'product' | 'naive' | 'paths' | 'floor';
const FLAG: Record<Exclude<Mode, 'floor'>, string> = { product: '', naive: '&chartNaive=1', paths: '&chartNaive=paths' };

/**
 * Runs in the page: resolves with the named measure's duration once the chart records it. A buffered
 * PerformanceObserver rather than Playwright's waitForFunction, whose injected script (~15 ms to
 * evaluate) and per-frame polling landed inside the measured window of every load, in every mode.
 * `performance` is typed from Node here, but this runs in the page.
 */
function firstMeasure({ name, timeoutMs }: { name: string; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} measure within ${timeoutMs} ms`)), timeoutMs);
    const observer = new PerformanceObserver((list) => {
      const entry = list.getEntriesByName(name)[0];
      if (!entry) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve(entry.duration);
    });
    observer.observe({ type: 'measure', buffered: true });
  });
}

interface Target {
  origin: string;
  fromMs: number;
  toMs: number;
  /** The static page painting the product chart's SVG (chart-floor.ts), once one product load was captured. */
  floorUrl: string | null;
}

/**
 * One page load: the chart's own request-to-painted-frame measure and what it drew, or for the floor
 * page its navigation-to-painted-frame measure. `capture` copies the product chart's SVG for the floor.
 */
async function paintOnce(context: BrowserContext, target: Target, mode: Mode, capture?: (chart: CapturedChart) => void): Promise<Paint> {
  const page = await context.newPage();
  try {
    if (mode === 'floor') {
      if (!target.floorUrl) throw new Error('chart bench: the floor page is not served yet');
      await page.goto(target.floorUrl);
      const ms = await page.evaluate(firstMeasure, { name: FLOOR_MEASURE, timeoutMs: 120_000 });
      return { ms, points: 0, series: await page.locator('.series-path').count() };
    }
    await page.goto(`${target.origin}/?chartFrom=${target.fromMs}&chartTo=${target.toMs}&chartGpu=gpu${FLAG[mode]}`);
    const ms = await page.evaluate(firstMeasure, { name: MEASURE, timeoutMs: 120_000 });
    const chart = page.getByTestId('correlation-chart');
    if (capture) capture(await captureChart(page));
    return { ms, points: Number(await chart.getAttribute('data-points')), series: Number(await chart.getAttribute('data-series')) };
  } finally {
    await page.close();
    // Let the closed page's renderer wind down (a naive page holds ~100,000 recharts points) before
    // the next load, so one mode's teardown is not billed to the next mode's first paint.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
}

export async function benchChart(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pitwall-bench-chart-'));
  const toMs = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const fromMs = toMs - SPAN_MS;
  let pitwall: { child: ChildProcess; url: string } | null = null;
  let browser: Browser | null = null;
  let floor: { url: string; close: () => Promise<void> } | null = null;
  try {
    await seed(dataDir, toMs);
    const reads = timeStoreReads(dataDir, fromMs, toMs);
    pitwall = await startServeProcess(dataDir, 'bench');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHART_CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const setup = await context.newPage();
    await setup.goto(pitwall.url); // exchanges the token for the session cookie
    await setup.close();
    const origin = new URL(pitwall.url).origin;
    const target: Target = { origin, fromMs, toMs, floorUrl: null };

    // A running Pitwall reads these series on every poll, so its read path is JIT-compiled; a
    // fresh server is not, and measured runs kept getting faster for ~10 loads. So first the
    // chart's own calls, both resolutions, straight over HTTP; then one page load per mode (HTTP
    // cache, V8 code cache); then rotate the modes so drift hits all alike.
    await warmServer(context, origin, fromMs, toMs);
    let captured: CapturedChart | null = null;
    await paintOnce(context, target, 'product', (chart) => (captured = chart));
    if (!captured) throw new Error('chart bench: the product chart could not be copied for the floor page');
    floor = await serveFloor(captured);
    target.floorUrl = floor.url;
    const modes: Mode[] = ['product', 'naive', 'paths', 'floor'];
    for (const mode of modes.slice(1)) await paintOnce(context, target, mode);
    const runs: Record<Mode, Paint[]> = { product: [], naive: [], paths: [], floor: [] };
    for (let i = 0; i < RUNS; i++) for (const mode of modes) runs[mode].push(await paintOnce(context, target, mode));
    for (const p of Object.values(runs).flat()) {
      if (p.series !== SERIES) throw new Error(`chart bench: the chart drew ${p.series} series, expected ${SERIES}`);
    }
    const ms = (mode: Mode): number => median(runs[mode].map((p) => p.ms));
    const points = (mode: Mode): number => runs[mode][0]?.points ?? 0;
    const all = (mode: Mode): string => runs[mode].map((p) => p.ms.toFixed(0)).join(', ');
    const [productMs, naiveMs, pathsMs, floorMs] = [ms('product'), ms('naive'), ms('paths'), ms('floor')];
    console.log(
      `chart: ${SERIES} series × 24 h at 15 s, medians of ${RUNS} — product ${points('product')} points ${productMs.toFixed(1)} ms [${all('product')}]; ` +
        `naive recharts <Line> ${points('naive')} points ${naiveMs.toFixed(1)} ms [${all('naive')}]; ` +
        `product chart without downsampling ${points('paths')} points ${pathsMs.toFixed(1)} ms [${all('paths')}]; ` +
        `static page with the product's SVG ${floorMs.toFixed(1)} ms [${all('floor')}]`,
    );
    const notes =
      `Baseline: the same ${SERIES} series without downsampling (${points('naive')} stored points) drawn as a plain recharts ` +
      `<LineChart> with one <Line> per series, dot and animation off (?chartNaive=1, NaiveLinePlot), median ${naiveMs.toFixed(1)} ms. ` +
      `Product: LTTB to ${points('product')} points, SVG paths over recharts axes, median ${productMs.toFixed(1)} ms. ` +
      `The product's own chart without downsampling (?chartNaive=paths, ${points('paths')} points): median ${pathsMs.toFixed(1)} ms, ` +
      `${(pathsMs / productMs).toFixed(2)}x the product — the part of the ratio that downsampling alone gives. ` +
      `Medians of ${RUNS} fresh page loads per mode, modes rotated, after warming the server with the chart's calls and one load per mode. ` +
      `The warm server holds the window's stored columns in memory (ColumnCache), as a running Pitwall whose chart re-reads its ` +
      `window each poll does: the store's reads for the chart's lines took ${reads.coldMs.toFixed(1)} ms from SQLite (a window ` +
      `not read before) and ${reads.warmMs.toFixed(1)} ms from the cache (medians, in-process).`;
    return [
      result(
        'chart.first_paint_ms',
        productMs,
        'ms',
        naiveMs,
        `Request to painted frame; baseline is the naive recharts render (see chart.naive_ratio).`,
      ),
      result('chart.naive_ratio', naiveMs / productMs, 'x', null, notes),
      result(
        'chart.limit_ratio',
        productMs,
        'ms',
        floorMs,
        `Product (request to painted frame, as chart.first_paint_ms) over the floor: a static page holding the product chart's own ` +
          `SVG (${SERIES} already-downsampled paths, axes, grid; copied from a painted product chart), from navigation start ` +
          `(its one HTTP request, parse, layout) to the frame painted with the paths. Medians of ${RUNS} fresh loads each, rotated with the other modes.`,
      ),
    ];
  } finally {
    await browser?.close();
    await floor?.close();
    if (pitwall) await stopServeProcess(pitwall.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
