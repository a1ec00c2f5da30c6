/**
 * `logs.scroll_frame_ms`: frame time while scrolling the logs panel through 10,000 lines, in
 * headless Chromium, against the same scroll over the same lines rendered without virtualisation
 * (`?logs-virtual=off`, read only by the log list) in the same run.
 *
 * The lines come from a fake Loki on 127.0.0.1 (the lab's Loki, like a real one, refuses more than
 * 5,000 lines per query) and travel the real path: Pitwall's Loki client, `logs:query`, the panel.
 * Frame time is the interval between animation frames while the list scrolls a fixed distance per
 * frame. Chromium runs with the frame-rate limit off, so an interval is the work that frame took,
 * not the 16.7 ms of a display's vsync.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startFakeUpstream, json, type FakeUpstream } from '../sources/fake-upstream';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test-support/chromium';
import { invokeFromPage } from '../test-support/page-invoke';
import { startServeProcess, stopServeProcess } from '../test-support/serve-process';
import { result, type BenchResult } from './results';

const LINES = 10_000;
const SCROLL_PX_PER_FRAME = 240;
const WARM_UP_FRAMES = 120;
const LOGS_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Measure the work per frame, not the display's refresh rate.
  '--disable-frame-rate-limit',
  '--disable-gpu-vsync',
];

const STREAMS = ['echo-worker', 'ocr-worker', 'translation-worker', 'api-gateway', 'minio'];
const LEVELS = ['info', 'info', 'info', 'warn', 'info', 'error', 'debug'];

/** Deterministic lines, newest first, of realistic and varying length. */
function makeLines(nowMs: number): { stream: Record<string, string>; tNs: string; line: string }[] {
  const out: { stream: Record<string, string>; tNs: string; line: string }[] = [];
  for (let i = 0; i < LINES; i++) {
    const app = STREAMS[i % STREAMS.length] ?? 'app';
    const level = LEVELS[i % LEVELS.length] ?? 'info';
    const tMs = nowMs - i * 200;
    const extra = 'x'.repeat((i * 37) % 120);
    out.push({
      stream: { job: `ml-workers/${app}`, namespace: 'ml-workers', app, level },
      tNs: `${tMs}${String(i % 1_000_000).padStart(6, '0')}`,
      line: `ts=${new Date(tMs).toISOString()} level=${level} msg="task ${i} processed" task_id=${i.toString(16)} queue=${app} duration_ms=${(i * 13) % 4000} detail=${extra}`,
    });
  }
  return out;
}

async function startFakeLoki(): Promise<FakeUpstream> {
  const loki = await startFakeUpstream();
  const lines = makeLines(Date.now());
  loki.routes.set('GET /ready', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ready\n'));
  loki.routes.set('GET /loki/api/v1/status/buildinfo', (_req, res) => json(res, 200, { version: '2.8.11' }));
  loki.routes.set('GET /loki/api/v1/query_range', (req, res) => {
    const limit = Math.min(Number(req.query.get('limit') ?? 100), LINES);
    const streams = new Map<string, { stream: Record<string, string>; values: [string, string][] }>();
    for (const l of lines.slice(0, limit)) {
      const key = JSON.stringify(l.stream);
      const s = streams.get(key) ?? { stream: l.stream, values: [] };
      s.values.push([l.tNs, l.line]);
      streams.set(key, s);
    }
    json(res, 200, { status: 'success', data: { resultType: 'streams', result: [...streams.values()], stats: {} } });
  });
  return loki;
}

/**
 * Runs in the page: scrolls the list top to bottom a fixed distance per frame and returns the frame
 * intervals in ms. A string, because the main-process build has no DOM types (and must not get them).
 */
const SCROLL_SCRIPT = `async (step, maxFrames) => {
  const el = document.querySelector('[data-testid="log-list"]');
  if (!el) throw new Error('no log list on the page');
  el.scrollTop = 0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const max = el.scrollHeight - el.clientHeight;
  const deltas = [];
  return new Promise((resolve) => {
    let last = 0;
    const frame = (t) => {
      deltas.push(t - last);
      last = t;
      if (el.scrollTop >= max - 1 || deltas.length >= maxFrames) return resolve(deltas);
      el.scrollTop = Math.min(max, el.scrollTop + step);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame((t) => {
      last = t;
      el.scrollTop = step;
      requestAnimationFrame(frame);
    });
  });
}`;

async function scrollFrames(page: Page, maxFrames = 100_000): Promise<number[]> {
  const deltas: unknown = await page.evaluate(`(${SCROLL_SCRIPT})(${SCROLL_PX_PER_FRAME}, ${maxFrames})`);
  if (!Array.isArray(deltas) || deltas.length < 10 || !deltas.every((d) => typeof d === 'number')) {
    throw new Error('logs bench: the scroll produced no frame timings');
  }
  return deltas;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Opens the incident's command view with 10,000 lines in the logs panel and times a full scroll. */
async function measure(
  context: BrowserContext,
  origin: string,
  incidentId: number,
  virtual: boolean,
): Promise<{ median: number; p95: number; frames: number }> {
  const page = await context.newPage();
  try {
    // The session cookie is already in the context (the setup page exchanged the token).
    await page.goto(`${origin}/${virtual ? '' : '?logs-virtual=off'}#/incident/${incidentId}`);
    await page.locator('[data-app-state="loaded"]').waitFor();
    const panel = page.getByTestId('logs-panel');
    await panel.waitFor();
    await page.getByTestId('logs-follow').uncheck();
    await page.getByTestId('logs-limit').selectOption(String(LINES));
    await page.getByTestId('logs-query').fill('{job=~".+"}');
    await page.getByTestId('logs-run').click();
    await page
      .getByTestId('logs-status')
      .getByText(`${LINES.toLocaleString('en-US')} lines`)
      .waitFor({ timeout: 60_000 });
    const expected = virtual ? 'on' : 'off';
    const mode = await page.getByTestId('log-list').getAttribute('data-virtual');
    if (mode !== expected) throw new Error(`the log list rendered with virtualisation ${mode}, expected ${expected}`);
    await scrollFrames(page, WARM_UP_FRAMES); // JIT, fonts, first tiles
    const deltas = (await scrollFrames(page)).sort((a, b) => a - b);
    return { median: percentile(deltas, 0.5), p95: percentile(deltas, 0.95), frames: deltas.length };
  } finally {
    await page.close();
  }
}

export async function benchLogs(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pitwall-bench-logs-'));
  const loki = await startFakeLoki();
  let pitwall: { child: ChildProcess; url: string } | null = null;
  let browser: Browser | null = null;
  try {
    pitwall = await startServeProcess(dataDir, 'bench');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LOGS_CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const setup = await context.newPage();
    await setup.goto(pitwall.url);
    await invokeFromPage(setup, 'source:save', { name: 'Bench Loki', kind: 'loki', baseUrl: loki.url, queries: [] });
    const incident = await invokeFromPage<{ id: number }>(setup, 'incident:declare', { title: 'Logs scroll bench', severity: 'SEV3' });
    await setup.close();
    const origin = new URL(pitwall.url).origin;
    const virtual = await measure(context, origin, incident.id, true);
    const plain = await measure(context, origin, incident.id, false);
    console.log(
      `logs: ${LINES} lines, ${virtual.frames} frames — virtualised median ${virtual.median.toFixed(2)} ms (p95 ${virtual.p95.toFixed(2)}), ` +
        `unvirtualised median ${plain.median.toFixed(2)} ms (p95 ${plain.p95.toFixed(2)})`,
    );
    const notes = `median frame time scrolling ${LINES} lines by ${SCROLL_PX_PER_FRAME}px/frame; p95 ${virtual.p95.toFixed(2)} ms (unvirtualised p95 ${plain.p95.toFixed(2)} ms)`;
    return [result('logs.scroll_frame_ms', virtual.median, 'ms', plain.median, notes)];
  } finally {
    await browser?.close();
    if (pitwall) await stopServeProcess(pitwall.child);
    await loki.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
