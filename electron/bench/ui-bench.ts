/**
 * `ui.input_to_paint_ms`: with 64 GPUs and 20 queues polled every 5 s and an open incident of 10,000
 * timeline events, the time from a key press to the frame that shows it, at p95: typing in the note
 * box, and ticking a checklist item (keydown to the frame showing the item's new state, round trip to
 * main included). Baseline: the same key presses in a blank page with one text box, same browser, same run.
 */
import { chromium, type Page } from '@playwright/test';
import { join } from 'node:path';
import { createCore } from '../core/app';
import { CHROMIUM_PATH } from '../test-support/chromium';
import { startServeProcess, stopServeProcess } from '../test-support/serve-process';
import { tempDir } from '../test-support/temp-dir';
import { CHART_CHROMIUM_ARGS } from './chart-bench-env';
import { FLEET, startFleet } from './fleet-upstream';
import { result, type BenchResult } from './results';

const EVENTS = 10_000;
const KEYS = 120;
const TICKS = 40;
const INTERVAL_MS = 5_000;

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}

/**
 * In the page: for each keydown (capture phase, before the app sees it), the time from the event to
 * the end of the next frame (a task queued from requestAnimationFrame runs after that frame's paint).
 */
async function recordKeyToPaint(page: Page): Promise<void> {
  // A string: it runs in the page, where the DOM is (this file is type-checked against Node only).
  await page.evaluate(`
    window.__keyPaint = [];
    window.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__keyPaint.push(performance.now() - t0), 0));
    }, { capture: true });
  `);
}

async function typed(page: Page): Promise<number[]> {
  for (let i = 0; i < KEYS; i++) await page.keyboard.press(i % 10 === 9 ? 'Space' : 'KeyA', { delay: 0 });
  await page.waitForFunction(`window.__keyPaint.length >= ${KEYS}`);
  return page.evaluate<number[]>('window.__keyPaint');
}

/** In the page: press `key` on the item, resolve with the time until the frame after it shows `want`. */
function tickScript(selector: string, want: string, key: string): string {
  return `new Promise((resolve) => {
    const sel = ${JSON.stringify(selector)};
    const el = document.querySelector(sel);
    el.focus();
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (document.querySelector(sel)?.getAttribute('data-status') !== ${JSON.stringify(want)}) return;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    });
    obs.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'], childList: true });
    el.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true, cancelable: true }));
  })`;
}

/** Seeds the incident (10,000 notes) and the fleet's sources through the real core, before browser mode starts on it. */
async function seed(dataDir: string, fleetUrl: string): Promise<number> {
  const core = createCore({ dataDir, mode: 'browser', version: 'bench', operator: 'bench', poll: false });
  try {
    const declared = await core.dispatch('incident:declare', { title: 'GPU OOM across the fleet', severity: 'SEV1' });
    if (!declared.ok) throw new Error(declared.error.message);
    const id = (declared.value as { id: number }).id;
    for (let i = 0; i < EVENTS; i++) {
      const r = await core.dispatch('incident:add-note', {
        id,
        text: `update ${i}: gpu-node-${String((i % 16) + 1).padStart(2, '0')} at ${60 + (i % 40)}%`,
      });
      if (!r.ok) throw new Error(r.error.message);
    }
    const base = { intervalMs: INTERVAL_MS, timeoutMs: 4_000 };
    for (const [name, kind, baseUrl] of [
      ['Fleet exporter', 'exporter-scrape', `${fleetUrl}/`],
      ['Fleet AsynqMon', 'asynqmon', fleetUrl],
      ['Fleet Loki', 'loki', fleetUrl],
    ] as const) {
      const r = await core.dispatch('source:save', { name, kind, baseUrl, ...base });
      if (!r.ok) throw new Error(r.error.message);
    }
    return id;
  } finally {
    await core.close();
  }
}

export async function benchUi(): Promise<BenchResult[]> {
  const fleet = await startFleet();
  const stepper = setInterval(() => fleet.step(), INTERVAL_MS);
  const dir = tempDir('pitwall-bench-ui-');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHART_CHROMIUM_ARGS });
  let server: Awaited<ReturnType<typeof startServeProcess>> | null = null;
  try {
    const dataDir = join(dir.dir, 'data');
    const id = await seed(dataDir, fleet.url);
    server = await startServeProcess(dataDir, 'bench');
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url);
    await page.locator('[data-app-state="loaded"]').waitFor({ timeout: 60_000 });
    await page.goto(`${new URL(server.url).origin}/#/incident/${id}`);
    await page.getByTestId('incident-view').waitFor({ timeout: 60_000 });
    // Polls have filled the panels: every GPU of the fleet is on screen.
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid="gpu-cell"]').length >= ${FLEET.nodes * FLEET.gpusPerNode}`,
      undefined,
      {
        timeout: 60_000,
      },
    );
    await recordKeyToPaint(page);
    await page.getByTestId('note-input').click();
    const note = await typed(page);

    // Ticks: done, then reopen, on the first open check item; each waits for the item to show its new state.
    await page.keyboard.press('Escape');
    await page.getByTestId('incident-tab-checklists').click();
    const item = page.locator('[data-testid="checklist-item"][data-status="open"]').first();
    const itemId = await item.getAttribute('data-item-id');
    const row = page.locator(`[data-testid="checklist-item"][data-item-id="${itemId}"]`);
    await row.focus();
    const ticks: number[] = [];
    for (let i = 0; i < TICKS; i++) {
      const want = i % 2 === 0 ? 'done' : 'open';
      const sel = `[data-testid="checklist-item"][data-item-id="${itemId}"]`;
      const t = await page.evaluate<number>(tickScript(sel, want, want === 'done' ? ' ' : 'u'));
      ticks.push(t);
    }

    // Baseline: a blank page with one text box.
    const blank = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await blank.setContent('<textarea autofocus style="width:600px;height:80px"></textarea>');
    await recordKeyToPaint(blank);
    await blank.locator('textarea').click();
    const raw = await typed(blank);

    const noteP95 = p95(note);
    const tickP95 = p95(ticks);
    const worst = Math.max(noteP95, tickP95);
    const notes =
      `p95 over ${KEYS} key presses in the note box: ${noteP95.toFixed(1)} ms; over ${TICKS} checklist ticks (keydown to the frame ` +
      `showing the new state, IPC round trip included): ${tickP95.toFixed(1)} ms; the figure is the worse of the two. ` +
      `${FLEET.nodes * FLEET.gpusPerNode} GPUs and ${FLEET.queues} queues polled every ${INTERVAL_MS / 1000} s, ${EVENTS} timeline events. ` +
      'Baseline: the same key presses in a blank page with one text box.';
    return [result('ui.input_to_paint_ms', worst, 'ms (p95)', p95(raw), notes)];
  } finally {
    clearInterval(stepper);
    await browser.close();
    if (server) await stopServeProcess(server.child);
    await fleet.close();
    dir.cleanup();
  }
}
