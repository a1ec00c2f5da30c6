import { startLab, type Lab } from '../electron/lab/lab';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { LogsQueuesPage } from './pages/logs-queues-page';
import { TextPage } from './pages/text-page';

/**
 * What users and upstreams send cannot distort the console: a 19 KB summary without spaces, a 100 KB
 * log line and a 20,000-character note leave the page as wide as the window with every header control
 * in view; a direction override and ANSI colours are shown for what they are; an oversized note is
 * refused where it was typed; and the page loads without a Content-Security-Policy violation.
 */

const HISTORY_S = 10 * 60;
const LONG_SUMMARY = `summary:${'x'.repeat(19_000)}`;
const LONG_LINE = `level=error msg=LONGLINE payload=${'y'.repeat(100_000)}`;
const LONG_NOTE = 'n'.repeat(20_000);
const ANSI_LINE = '\u001b[31mERROR\u001b[0m \u001b[1;33mworker\u001b[0m lost its lease ANSILINE';
const RLO_TITLE = 'Upload of invoice\u202egnp.exe failing';

let lab: Lab | null = null;
test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

test('long text wraps or is cut, lying text is shown honestly, and nothing reports a CSP violation', async ({ page, pitwall }) => {
  lab = await startLab({ scenario: 'baseline', seed: 3, speed: 1, startMs: Date.now() - HISTORY_S * 1000 });
  lab.engine.advance(HISTORY_S);
  const stream = { job: 'ml-workers/ocr-worker', namespace: 'ml-workers', app: 'ocr-worker', pod: 'ocr-worker-e2e', node: 'gpu-node-01' };
  lab.engine.world.logs.append(lab.engine.nowMs - 2_000, { ...stream, level: 'error' }, LONG_LINE);
  lab.engine.world.logs.append(lab.engine.nowMs - 1_000, stream, ANSI_LINE);

  const app = new ConsolePage(page);
  const view = new LogsQueuesPage(page);
  const text = new TextPage(page);
  await text.recordCspViolations();
  await app.open(pitwall.url);
  expect(await text.cspViolations()).toEqual([]);

  const loki = await view.invoke<{ id: number }>('source:save', { name: 'E2E Loki', kind: 'loki', baseUrl: lab.url, intervalMs: 5_000 });
  await expect(view.healthChip(loki.id)).toHaveAttribute('data-state', /ok|degraded/, { timeout: 20_000 });

  await page.getByTestId('declare-button').click();
  await page.getByTestId('declare-title').fill(RLO_TITLE);
  await page.getByTestId('declare-summary').fill(LONG_SUMMARY);
  await page.getByTestId('declare-services-other').fill('ocr');
  await page.getByTestId('declare-severity').selectOption('SEV2');
  await page.getByTestId('declare-submit').click();
  await expect(page.getByTestId('incident-view')).toBeVisible();

  // The override is a visible mark, so the name cannot read "…exe.png"; nothing outside it is reordered.
  await expect(text.titleMarks).toHaveText('RLO');
  await expect(text.titleMarks).toHaveAttribute('title', 'U+202E RIGHT-TO-LEFT OVERRIDE');
  expect(await page.getByTestId('incident-title').innerText()).toBe('Upload of invoiceRLOgnp.exe failing');

  // The summary lives under Details (the Command tab keeps to the live picture): cut there, with all of it one click away.
  await app.openTab('details');
  await expect(text.summary.getByTestId('text-expand')).toHaveText('Show all (19,008 characters)');
  const details = await text.overflow();
  expect(details, details.offenders.join('\n')).toMatchObject({ page: 0, main: 0 });
  await view.shoot(text.summary, '60b-summary-cut');
  // The header's tooltip is a glimpse of it, not a second copy.
  expect((await page.getByTestId('incident-title').getAttribute('title'))?.length).toBeLessThan(400);
  await app.openTab('command');
  await app.addNote(LONG_NOTE);
  await expect(app.timelineEvents.filter({ hasText: 'nnnnnnnnnn' })).toHaveCount(1);

  // An oversized note is refused where it was typed, in the same words whatever its size.
  await page.getByTestId('note-input').fill('z'.repeat(300 * 1024));
  await page.getByTestId('note-submit').click();
  await expect(text.noteError()).toHaveText('Input is larger than 256 KiB.');
  await page.getByTestId('note-input').fill('');
  // Past the console's own check, Chromium's fetch sending 300 KB itself reads the server's 413 and its words.
  const direct = await page.evaluate(async () => {
    const res = await fetch('/api/invoke/incident:add-note', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 1, text: 'z'.repeat(300 * 1024) }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  });
  expect(direct).toEqual({ status: 413, body: { ok: false, error: { code: 'too-large', message: 'Input is larger than 256 KiB.' } } });

  await view.runLogQuery('{app="ocr-worker"} |~ "LONGLINE|ANSILINE"');
  await expect(view.logLines).toHaveCount(2, { timeout: 20_000 });
  const ansi = view.logLines.filter({ hasText: 'ANSILINE' });
  await expect(ansi.locator('.ansi-1')).toHaveText('ERROR');
  // The colour codes do not hide the level word from the level detection.
  await expect(ansi).toHaveAttribute('data-level', 'error');
  await expect(ansi.locator('.ansi-3.ansi-bold')).toHaveText('worker');
  expect(await ansi.innerText()).not.toContain('\u001b');
  await view.logLines.filter({ hasText: 'LONGLINE' }).click();
  await expect(page.getByTestId('log-detail-text')).toContainText('yyyyyyyyyy');

  const measured = await text.overflow();
  expect(measured, measured.offenders.join('\n')).toMatchObject({ page: 0, main: 0 });
  for (const id of ['severity-select', 'status-select', 'ack-button']) expect(await text.inView(page.getByTestId(id)), id).toBe(true);
  await app.screenshot('60-long-text-page');
  await view.shoot(page.getByTestId('incident-header'), '60a-header-rlo-title');
  await view.shoot(view.logsPanel, '60c-logs-long-and-ansi-lines');
  await view.shoot(page.getByTestId('timeline'), '60d-timeline-long-note');

  // Expanded, the 20,000-character note and the 19 KB summary wrap inside the page.
  await app.timelineEvents.filter({ hasText: 'nnnnnnnnnn' }).getByTestId('text-expand').click();
  const noteOpen = await text.overflow();
  expect(noteOpen, noteOpen.offenders.join('\n')).toMatchObject({ page: 0, main: 0 });
  for (const id of ['severity-select', 'status-select', 'ack-button']) expect(await text.inView(page.getByTestId(id)), id).toBe(true);
  await app.openTab('details');
  await text.summary.getByTestId('text-expand').click();
  await expect(text.summary.locator('.ut-expandable')).toHaveAttribute('data-expanded', 'true');
  const expanded = await text.overflow();
  expect(expanded, expanded.offenders.join('\n')).toMatchObject({ page: 0, main: 0 });
  for (const id of ['severity-select', 'status-select', 'ack-button']) expect(await text.inView(page.getByTestId(id)), id).toBe(true);
  await text.summary.scrollIntoViewIfNeeded();
  await text.shootWindow('60e-summary-expanded');

  expect(await text.cspViolations()).toEqual([]);
});

const MARKUP = '<img src=x onerror="window.__pwned=1">';

test('HTML and script in a title, a note, a role holder, a source name and a comms template show as text and never run', async ({
  page,
  pitwall,
}) => {
  const app = new ConsolePage(page);
  const view = new LogsQueuesPage(page);
  const text = new TextPage(page);
  await text.recordCspViolations();
  await app.open(pitwall.url);

  // Nothing listens on port 9: the source reads down, and its name is shown in the health bar.
  const source = await view.invoke<{ id: number }>('source:save', {
    name: `Exporter ${MARKUP}`,
    kind: 'exporter-scrape',
    baseUrl: 'http://127.0.0.1:9/metrics',
    intervalMs: 5_000,
  });
  await view.invoke('comms:save-template', {
    id: 'status-update',
    body: '<script>window.__pwned=4</script>\nIncident: {{description}}\nStatus: {{public_status}}',
  });
  await app.declare({ title: `GPU OOM ${MARKUP}`, severity: 'SEV2' });
  await app.addNote('<script>window.__pwned=2</script> restarted the worker');
  await app.assignRole('communications', '<b onmouseover="window.__pwned=3">carol</b>');

  await expect(page.getByTestId('incident-title')).toContainText(MARKUP);
  await expect(view.healthChip(source.id)).toContainText('<img src=x');
  await app.openTab('command');
  await expect(app.timelineEvents.filter({ hasText: '<script>window.__pwned=2</script> restarted the worker' })).toHaveCount(1);
  await expect(app.timelineEvents.filter({ hasText: '<b onmouseover="window.__pwned=3">carol</b>' })).toHaveCount(1);
  await app.screenshot('60e-markup-as-text', false);

  await app.openTab('actions');
  await page.getByTestId('comms-template').selectOption('status-update');
  await expect(page.getByTestId('comms-draft')).toHaveValue(
    /^<script>window\.__pwned=4<\/script>\nIncident: INC-\d{8}-\d{3} — GPU OOM <img src=x/,
  );

  // Shown, never parsed: no element came from any of it, nothing ran, no policy was violated.
  expect(await page.locator('img[src="x"], [onerror], [onmouseover], body script:not([src])').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await text.cspViolations()).toEqual([]);
});
