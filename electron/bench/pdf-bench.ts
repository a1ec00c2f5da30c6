import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createCore } from '../core/app';
import { findChromium } from '../platform/chromium-pdf-printer';
import { OOM_START, seedOomIncident } from '../test-support/oom-incident';
import { tempDir } from '../test-support/temp-dir';
import { median, result, type BenchResult } from './results';

const EVENTS = 2_000;
const RUNS = 5;

/**
 * `pdf.export_ms` and `pdf.raw_ratio`: a PDF report of an incident with 2,000 timeline events and
 * three charts (GPU memory against queue depth, the per-GPU view, a pinned metric window) from the
 * lab's gpu-oom story, exported the way the console and the command line do it — read from SQLite,
 * rendered to HTML, printed by headless Chromium (launched for the print), written to a file —
 * against headless Chromium printing the same prepared HTML directly (launch, setContent, pdf,
 * write), in the same run, alternating. Medians of five.
 */
export async function benchPdf(): Promise<BenchResult[]> {
  const t = tempDir('pitwall-bench-pdf-');
  try {
    const inc = await seedOomIncident(t.dir, { extraEvents: EVENTS - 18 });
    const core = createCore({ dataDir: t.dir, mode: 'cli', version: 'bench', poll: false, now: () => OOM_START + 7_200_000 });
    const executablePath = findChromium();
    const html = core.reports.html(inc.incidentId);
    const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    const raw = async (): Promise<number> => {
      const start = performance.now();
      const browser = await chromium.launch({ executablePath, args, headless: true });
      try {
        const page = await browser.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        writeFileSync(
          join(t.dir, 'raw.pdf'),
          await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }),
        );
      } finally {
        await browser.close();
      }
      return performance.now() - start;
    };
    const pitwall = async (): Promise<number> => {
      const start = performance.now();
      await core.reports.exportTo(inc.incidentId, 'pdf', join(t.dir, 'pitwall.pdf'));
      return performance.now() - start;
    };
    // One of each first: the disk cache, Chromium's own files and the JIT, for both sides.
    await raw();
    await pitwall();
    const pitwallMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      pitwallMs.push(await pitwall());
      rawMs.push(await raw());
    }
    await core.close();
    const timeline = (html.match(/<tr>\s*<td class="time">/g) ?? []).length;
    const notes = `${EVENTS} timeline events, 3 charts, ${Math.round(html.length / 1024)} KB of HTML (${timeline} table rows with a time); Chromium ${executablePath}`;
    return [
      result('pdf.export_ms', median(pitwallMs), 'ms', null, notes),
      result(
        'pdf.raw_ratio',
        median(pitwallMs),
        'ms',
        median(rawMs),
        'Pitwall export over headless Chromium printing the same prepared HTML',
      ),
    ];
  } finally {
    t.cleanup();
  }
}
