import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../shared/domain/response-metrics';
import { createCore, type PitwallCore } from '../core/app';
import { HOSTILE_LINE, OOM_START, seedOomIncident, type OomIncident } from '../test-support/oom-incident';
import { pdfToolsMissing } from '../test-support/pdf-tools';
import { tempDir } from '../test-support/temp-dir';
import { model, peaks } from './sections/charts';
import { percent } from './report-format';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'e2e', 'screenshots');

const missing = pdfToolsMissing(['pdftotext', 'pdftoppm']);
if (missing) console.warn(`SKIP PDF report: ${missing}`);

/** Whitespace as one space: table cells wrap, and pdftotext breaks lines where the page did. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');
/**
 * No whitespace and no hyphens: a wrap inside an unbroken run (`msg="<script>`) adds a line break
 * the text never had, and pdftotext drops a hyphen it takes for a hyphenation at a line end.
 */
const squash = (s: string): string => s.replace(/[\s-]+/g, '');

describe.skipIf(missing !== null)('PDF report of a real gpu-oom incident, printed by headless Chromium', () => {
  const t = tempDir();
  let inc: OomIncident;
  let core: PitwallCore;
  let pdf: string;
  let pages: string[];
  let pageCount: number;

  beforeAll(async () => {
    // 120 more notes than the story itself, so the timeline runs over several pages.
    inc = await seedOomIncident(t.dir, { extraEvents: 120 });
    core = createCore({
      dataDir: t.dir,
      mode: 'browser',
      version: 'test',
      poll: false,
      operator: 'dana',
      now: () => OOM_START + 7_200_000,
    });
    pdf = join(t.dir, 'report.pdf');
    await core.reports.exportTo(inc.incidentId, 'pdf', pdf);
    pages = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  }, 240_000);

  afterAll(async () => {
    await core?.close();
    t.cleanup();
  });

  it('every page has the incident id in its header and "page N of M" in its footer', () => {
    expect(pageCount).toBeGreaterThanOrEqual(6);
    expect(pages).toHaveLength(pageCount);
    pages.forEach((text, i) => {
      expect(text).toContain(inc.ref);
      expect(text).toContain(`page ${i + 1} of ${pageCount}`);
    });
  });

  it('the cover says what, how bad (with the P-level), since when, how long and who leads', () => {
    const cover = flat(pages[0] ?? '');
    expect(cover).toContain(inc.title);
    expect(cover).toContain('SEV1 · P0');
    expect(cover).toContain('resolved');
    expect(cover).toContain('Start (impact start) 2026-03-14 09:16:00 UTC');
    expect(cover).toContain(`Duration ${formatDuration(24 * 60_000)} (impact start → resolved`);
    expect(cover).toContain('Incident commander Dana Ops');
  });

  it('holds every timeline entry, the response metrics with formulas, and the chart figures', async () => {
    const all = flat(pages.join(' '));
    const detail = await core.dispatch('incident:get', { id: inc.incidentId });
    if (!detail.ok) throw new Error(detail.error.message);
    const timeline = (detail.value as { timeline: { summary: string }[] }).timeline;
    expect(timeline.length).toBe(142);
    const squashed = squash(all);
    for (const e of timeline) expect(squashed).toContain(squash(e.summary).slice(0, 60));
    expect(all).toMatch(/Time to resolve 24m 00s resolved − impact start \(or/);
    // The peak GPU memory printed is the one the chart draws from the stored samples.
    const r = core.reports.context(core.reports.reportRecord(inc.incidentId));
    const gpuPeak = peaks(model(r).lines).find((p) => p.axis === 'gpu');
    expect(gpuPeak?.value).toBeGreaterThan(0.9);
    expect(all).toContain(`GPU memory, max of 12 ${percent(gpuPeak?.value ?? 0)}`);
    expect(all).toMatch(/OOM kill: ml-workers\/ocr-worker/);
  });

  it('prints checklists, comms, mitigations with their outcomes, and says what is not written yet', () => {
    const all = flat(pages.join(' '));
    // The checklist as folded from its actions, with what the evidence read when each item was ticked.
    expect(all).toMatch(/First response v1 attached 09:21:00 by dana · 3 of \d+ done, 1 skipped/);
    expect(all).toMatch(/Check GPU memory \+ OOM\/restarts\. .*done .*Evidence then: .*gpu-node-01 GPU \d: [\d.]+% used/);
    expect(all).toMatch(/Check storage saturation .*not applicable .*Reason: NFS and MinIO unaffected/);
    // Messages as sent, word for word, with who they went to and what stakeholders were told.
    expect(all).toMatch(/09:24:30 UTC · Initial incident notification \(update\) sent by dana · to #incidents, ocr-oncall@example.com/);
    expect(all).toContain('Updates will be posted every 15 minutes.');
    expect(all).toMatch(/stakeholders told: Resolved .*INCIDENT RESOLVED/);
    // A wrapped cell's lines come out between its neighbours' lines: match in reading order, not as one run.
    expect(all).toMatch(/09:30:00 Dana Ops Pause queue batch via Lab .*done .*Queue "batch" paused\./);
    expect(all).toContain('No postmortem has been written for this incident yet.');
    expect(all).toContain('No action items have been recorded for this incident yet.');
  });

  it('a pinned log line carrying HTML and script prints as text', () => {
    const appendix = flat(pages.slice(-2).join(' '));
    expect(squash(appendix)).toContain(squash(HOSTILE_LINE));
    expect(appendix).toContain('CUDA out of memory');
  });

  it('a long timeline repeats its header row on every page it runs over', () => {
    const timelinePages = pages.filter((p) => p.includes('Observation '));
    expect(timelinePages.length).toBeGreaterThanOrEqual(3);
    for (const p of timelinePages) expect(flat(p)).toContain('Time (UTC) Kind By What happened');
  });

  it('the pages render; the first ones and the appendix are saved as screenshots', () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const prefix = join(SCREENSHOTS, 'report-page');
    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '4', pdf, prefix]);
    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', String(pageCount), '-l', String(pageCount), pdf, `${prefix}-last`]);
    // pdftoppm pads page numbers by the document's page count; keep stable names.
    for (const f of readdirSync(SCREENSHOTS).filter((n) => /^report-page(-last)?-\d+\.png$/.test(n))) {
      const n = Number(/-(\d+)\.png$/.exec(f)?.[1]);
      const name = f.startsWith('report-page-last') ? 'report-page-last.png' : `report-page-${n}.png`;
      renameSync(join(SCREENSHOTS, f), join(SCREENSHOTS, name));
    }
    for (const n of ['1', '2', '3', '4', 'last']) expect(existsSync(join(SCREENSHOTS, `report-page-${n}.png`))).toBe(true);
  });
});
