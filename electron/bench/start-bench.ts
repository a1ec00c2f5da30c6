import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test-support/chromium';
import { stopServeProcess } from '../test-support/serve-process';
import { tempDir } from '../test-support/temp-dir';
import { seedIncidents } from './incident-seed';
import { median, result, type BenchResult } from './results';

const INCIDENTS = 10_000;

/** Run in the page. This file is type-checked for Node, without the DOM's types, hence the narrow casts. */
interface PageGlobals {
  document: { querySelectorAll(selector: string): { length: number } };
  requestAnimationFrame(fn: () => void): void;
}
const rowsShown = (): boolean =>
  (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="incident-row"]').length > 0;
const nextFrame = (): Promise<void> => new Promise((resolve) => (globalThis as unknown as PageGlobals).requestAnimationFrame(resolve));
const RUNS = 5;
const ROOT = process.cwd();

/**
 * `start.cold_ms`: from launching browser mode (`node dist/serve.cjs`, as `npm run serve` does) on
 * a data directory holding 10,000 incidents with postmortems, to the incident list painted in a
 * fresh Chromium page: the server opens and migrates SQLite, prints its URL, the page loads, the
 * list is read and its rows drawn (the next animation frame after they are in the DOM). Chromium
 * itself is already running, as a user's browser would be. Median of five launches; the notes split
 * it into "process to URL" and "URL to painted list". No baseline: nothing raw does the same work.
 */
export async function benchStart(): Promise<BenchResult[]> {
  const t = tempDir('pitwall-bench-start-');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const dir = join(t.dir, 'pitwall');
    seedIncidents(dir, INCIDENTS, Date.now());
    const total: number[] = [];
    const toUrl: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const t0 = performance.now();
      const child = spawn(
        process.execPath,
        [join(ROOT, 'dist', 'serve.cjs'), '--port', '0', '--no-lab', '--data-dir', dir, '--static', join(ROOT, 'dist', 'renderer')],
        { cwd: ROOT, env: { ...process.env, PITWALL_OPERATOR: 'bench' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          const timer = setTimeout(() => reject(new Error(`start bench: no URL within 30 s:\n${out}`)), 30_000);
          const onData = (chunk: Buffer): void => {
            out += chunk.toString();
            const m = /Open: (\S+)/.exec(out);
            if (m?.[1]) {
              clearTimeout(timer);
              resolve(m[1]);
            }
          };
          child.stdout.on('data', onData);
          child.stderr.on('data', onData);
          child.once('exit', (code) => reject(new Error(`start bench: browser mode exited with ${code}:\n${out}`)));
        });
        const t1 = performance.now();
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(url, { waitUntil: 'commit' });
        await page.waitForFunction(rowsShown, undefined, { polling: 'raf', timeout: 30_000 });
        // The frame that shows the rows.
        await page.evaluate(nextFrame);
        const t2 = performance.now();
        await context.close();
        // The first launch compiles and caches what the later ones reuse, as any second start of the app does.
        if (run > 0) {
          total.push(t2 - t0);
          toUrl.push(t1 - t0);
        }
      } finally {
        await stopServeProcess(child);
      }
    }
    const m = median(total);
    const u = median(toUrl);
    return [
      result(
        'start.cold_ms',
        m,
        'ms',
        null,
        `${INCIDENTS.toLocaleString('en-US')} incidents with postmortems stored; median of ${RUNS} launches: process to URL ${u.toFixed(0)} ms, URL to painted list ${(m - u).toFixed(0)} ms; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${availableParallelism()} cores`,
      ),
    ];
  } finally {
    await browser.close();
    t.cleanup();
  }
}
