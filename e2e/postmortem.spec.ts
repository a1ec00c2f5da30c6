import { startLab, type Lab } from '../electron/lab/lab';
import type { Incident, TimelineEvent } from '../shared/domain/incident';
import type { Postmortem } from '../shared/domain/postmortem';
import type { SeriesResult } from '../shared/domain/telemetry';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { PostmortemPage } from './pages/postmortem-page';

let lab: Lab | null = null;

test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

test('a postmortem drafted from a lab incident: preview with stored charts and pinned evidence, inert HTML, offline, versions restored', async ({
  page,
  pitwall,
}) => {
  test.setTimeout(180_000);
  lab = await startLab({ scenario: 'gpu-oom', seed: 7, speed: 20 });
  const app = new ConsolePage(page);
  const pm = new PostmortemPage(page);
  await app.open(pitwall.url);
  await pm.invoke('source:save', { name: 'E2E GPU exporter', kind: 'exporter-scrape', baseUrl: `${lab.url}/`, intervalMs: 1_000 });
  await pm.invoke('source:save', { name: 'E2E AsynqMon', kind: 'asynqmon', baseUrl: lab.url, intervalMs: 1_000 });
  const start = Date.now();
  // Enough polls for a curve: the chart embed draws what was stored, the draft counts what was full.
  await expect
    .poll(
      async () => {
        const r = await pm.invoke<SeriesResult>('telemetry:get-series', {
          metric: 'node.gpu.memory.share',
          fromMs: start - 60_000,
          toMs: Date.now() + 1,
        });
        return Math.min(...r.series.map((s) => s.points.length), 0) === 0 && r.series.length === 0
          ? 0
          : Math.min(...r.series.map((s) => s.points.length));
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(15);

  const incident = await pm.invoke<Incident>('incident:declare', {
    title: 'OCR workers OOMKilled on gpu-node-01',
    summary: 'Jobs fail with CUDA out of memory',
    severity: 'SEV2',
    services: ['ocr'],
    tenants: ['acme'],
    impactStartedAt: start - 30_000,
  });
  const pinnedLog = await pm.invoke<TimelineEvent>('incident:pin-evidence', {
    kind: 'log-line',
    id: incident.id,
    line: {
      tNs: `${Date.now()}000000`,
      labels: { app: 'ocr-worker' },
      line: 'error: CUDA out of memory <script>window.__pwned = 1</script>',
    },
    comment: 'the first OOM',
  });
  await pm.invoke('incident:pin-evidence', {
    kind: 'metric-window',
    id: incident.id,
    metrics: ['gpu.memory.share'],
    fromMs: start - 60_000,
    toMs: Date.now(),
  });
  await pm.invoke('incident:set-status', { id: incident.id, status: 'resolved' });

  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await app.incidentRows().filter({ hasText: incident.ref }).click();
  await page.keyboard.press('4');
  await expect(page.getByTestId('template-chooser')).toBeVisible({ timeout: 20_000 });
  await app.screenshot('70-postmortem-templates');
  await pm.draft('lecture');

  // The preview: the seed's headings, the timeline table, the stored chart and the pinned evidence.
  await expect(pm.preview.locator('h1')).toHaveText('Incident Postmortem: OCR workers OOMKilled on gpu-node-01');
  for (const h of ['Executive Summary', 'Impact', 'Timeline (all times in UTC)', 'Root Cause', 'What Went Well', 'Lessons Learned']) {
    await expect(pm.preview.locator('h2', { hasText: h })).toBeVisible();
  }
  await expect(pm.preview.locator('table').first()).toBeVisible();
  await expect(pm.preview.getByTestId('embed-chart').first().getByTestId('embed-plot')).toHaveAttribute('data-lines', /[1-9]/, {
    timeout: 20_000,
  });
  await expect(pm.preview.getByTestId('embed-pinned-chart').getByTestId('embed-plot')).toBeVisible();
  const logEmbed = pm.preview.getByTestId('embed-log');
  await expect(logEmbed).toContainText('<script>window.__pwned = 1</script>');
  await expect(pm.preview.locator('script')).toHaveCount(0);

  // HTML typed into the source shows as text and never runs.
  await pm.toEnd();
  await page.keyboard.type('\n\n## Notes\n<img src=x onerror="window.__pwned=2"> and <b>bold?</b> [link](javascript:window.__pwned=3)\n');
  await expect(pm.preview).toContainText('<img src=x onerror="window.__pwned=2"> and <b>bold?</b>');
  await expect(pm.preview.locator('img, b')).toHaveCount(0);
  expect(await pm.preview.getByRole('link', { name: 'link' }).getAttribute('href')).toBe('');
  await pm.waitSaved();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await app.screenshot('71-postmortem-editor-preview');
  await pm.preview.getByTestId('embed-chart').first().scrollIntoViewIfNeeded();
  await app.screenshot('73-postmortem-preview-embeds');

  // The platform is gone: the charts still draw from what this machine stored.
  await lab.close();
  lab = null;
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await app.incidentRows().filter({ hasText: incident.ref }).click();
  await pm.open();
  await expect(pm.preview).toContainText('## Notes'.slice(3));
  await expect(pm.preview.getByTestId('embed-chart').first().getByTestId('embed-plot')).toHaveAttribute('data-lines', /[1-9]/, {
    timeout: 20_000,
  });
  await expect(pm.preview.getByTestId('embed-log')).toContainText(`${pinnedLog.data.line as string}`.slice(0, 20));

  // A version, more typing, then back to the version through the history.
  await page.getByTestId('save-version').click();
  await pm.toEnd();
  await page.keyboard.type('A paragraph written after the version.\n');
  await pm.waitSaved();
  await page.getByTestId('show-history').click();
  await expect(pm.versionRows().first()).toHaveAttribute('data-reason', 'manual');
  await pm.versionRows().first().click();
  await expect(page.getByTestId('version-diff')).toContainText('+ A paragraph written after the version.');
  await app.screenshot('72-postmortem-history-diff');
  await page.getByTestId('version-restore').click();
  await page.getByTestId('version-restore-confirm').click();
  await expect(page.getByTestId('version-message')).toContainText('Restored the version of');
  await expect(pm.editor).not.toContainText('A paragraph written after the version.');
  await expect(pm.versionRows().first()).toHaveAttribute('data-reason', 'restored');
  const stored = await pm.invoke<Postmortem>('postmortem:get', { incidentId: incident.id });
  expect(stored.body).not.toContain('A paragraph written after the version.');
  expect(stored.body).toContain('## Notes');

  // The other seed template for the same incident; what was written is kept as a version first.
  await page.getByTestId('redraft').click();
  await page.getByTestId('redraft-template').selectOption('gaudi');
  await page.getByTestId('redraft-go').click();
  await expect(page.getByTestId('postmortem-template')).toHaveAttribute('data-template', 'gaudi');
  await page.getByTestId('show-preview').click();
  await expect(pm.preview.locator('h1')).toContainText('Incident Report:');
  for (const h of ['Summary', 'Impact', 'Root Cause', 'Timeline', 'Actions Taken', 'Lessons Learned', 'Follow-up Actions']) {
    await expect(pm.preview.locator('h2', { hasText: h }).first()).toBeVisible();
  }
  await app.screenshot('75-postmortem-gaudi');
  await page.getByTestId('show-history').click();
  await expect(pm.versionRows().nth(1)).toHaveAttribute('data-reason', 'before-redraft');
});

test('a server killed with SIGKILL while someone types loses at most the last second of typing', async ({ page, pitwall }) => {
  test.setTimeout(120_000);
  const app = new ConsolePage(page);
  const pm = new PostmortemPage(page);
  await app.open(pitwall.url);
  const incident = await pm.invoke<Incident>('incident:declare', {
    title: 'Storage saturation on NFS',
    severity: 'SEV3',
    services: ['nfs'],
  });
  const drafted = await pm.invoke<Postmortem>('postmortem:draft', { incidentId: incident.id, template: 'gaudi' });
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await app.incidentRows().filter({ hasText: incident.ref }).click();
  await pm.open();
  await pm.toEnd();

  // A fast typist: words at about 30 characters a second, each word's end time noted as it is typed.
  const words = Array.from({ length: 400 }, (_, i) => `w${i} `);
  const typed: { at: number; length: number }[] = [];
  let text = '';
  let killAt = 0;
  const typingStarted = Date.now();
  for (const w of words) {
    await page.keyboard.type(w, { delay: 30 });
    text += w;
    typed.push({ at: Date.now(), length: text.length });
    if (Date.now() - typingStarted > 5_000) {
      killAt = Date.now();
      await pitwall.crash();
      break;
    }
  }
  expect(killAt).toBeGreaterThan(0);

  await app.open(pitwall.url);
  const stored = await pm.invoke<Postmortem>('postmortem:get', { incidentId: incident.id });
  expect(stored.body.startsWith(drafted.body)).toBe(true);
  const kept = stored.body.slice(drafted.body.length);
  // What was stored is exactly the start of what was typed: nothing garbled, nothing out of order.
  expect(text.startsWith(kept)).toBe(true);
  const typedBeforeLastSecond = typed.filter((t) => t.at <= killAt - 1_000).at(-1)?.length ?? 0;
  expect(typedBeforeLastSecond).toBeGreaterThan(0);
  expect(kept.length).toBeGreaterThanOrEqual(typedBeforeLastSecond);
  const firstLost = typed.findIndex((t) => t.length > kept.length);
  const lostFrom = firstLost === -1 ? killAt : (typed[firstLost - 1]?.at ?? typingStarted);
  console.log(
    `SIGKILL after ${text.length} typed characters: ${kept.length} stored, ${text.length - kept.length} lost, typed in the last ${killAt - lostFrom} ms before the kill`,
  );

  // And the tab shows what was stored.
  await app.incidentRows().filter({ hasText: incident.ref }).click();
  await pm.open();
  // CodeMirror draws only the lines in view: go to the end first.
  await pm.toEnd();
  await expect(pm.editor).toContainText(kept.trim().split(' ').at(-1) ?? '');
});

test('an oversized postmortem is refused in words, kept in the editor, and saved once it fits', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  const pm = new PostmortemPage(page);
  await app.open(pitwall.url);
  const incident = await pm.invoke<Incident>('incident:declare', { title: 'Auth outage', severity: 'SEV2' });
  const drafted = await pm.invoke<Postmortem>('postmortem:draft', { incidentId: incident.id, template: 'lecture' });
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await app.incidentRows().filter({ hasText: incident.ref }).click();
  await pm.open();
  await pm.toEnd();
  const paste = `\n${'x'.repeat(80_000)}`;
  await page.keyboard.insertText(paste);
  await expect(pm.saveStatus).toHaveAttribute('data-state', 'refused');
  await expect(pm.saveStatus).toContainText('over the 80,000 limit');
  await expect(pm.saveStatus).toContainText('nothing typed is lost');
  expect((await pm.invoke<Postmortem>('postmortem:get', { incidentId: incident.id })).body).toBe(drafted.body);
  await app.screenshot('74-postmortem-too-long');
  // Undo the paste: the text fits again and is saved.
  await page.keyboard.press('Control+z');
  await page.keyboard.type(' fits again');
  await pm.waitSaved();
  const stored = await pm.invoke<Postmortem>('postmortem:get', { incidentId: incident.id });
  expect(stored.body.endsWith(' fits again')).toBe(true);
  expect(stored.body.length).toBeLessThan(drafted.body.length + 20);
});
