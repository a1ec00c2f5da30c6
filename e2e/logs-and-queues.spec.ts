import { startLab, type Lab } from '../electron/lab/lab';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { LogsQueuesPage } from './pages/logs-queues-page';

// Fifteen simulated minutes of history before "now", so the incident window already holds log lines.
const HISTORY_S = 15 * 60;
const HOSTILE = '<img src=x onerror="window.__pwned=1"> level=error msg="payload echoed by ocr"';

interface SourceView {
  id: number;
  kind: string;
}

let lab: Lab | null = null;

test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

test('queues sort, logs show levels, a pinned line survives the lab going away and a restart', async ({ page, pitwall }) => {
  lab = await startLab({ scenario: 'gpu-oom', seed: 7, speed: 1, startMs: Date.now() - HISTORY_S * 1000 });
  lab.engine.advance(HISTORY_S);
  const ocr = { job: 'ml-workers/ocr-worker', namespace: 'ml-workers', app: 'ocr-worker', pod: 'ocr-worker-e2e', node: 'gpu-node-01' };
  lab.engine.world.logs.append(lab.engine.nowMs, { ...ocr, level: 'error' }, HOSTILE);

  const app = new ConsolePage(page);
  const view = new LogsQueuesPage(page);
  await app.open(pitwall.url);

  // Browser mode runs here without its demo lab, so these are the only sources.
  const asynq = await view.invoke<SourceView>('source:save', {
    name: 'E2E AsynqMon',
    kind: 'asynqmon',
    baseUrl: lab.url,
    intervalMs: 2_000,
  });
  const loki = await view.invoke<SourceView>('source:save', { name: 'E2E Loki', kind: 'loki', baseUrl: lab.url, intervalMs: 2_000 });
  await expect(view.healthChip(asynq.id)).toHaveAttribute('data-state', 'ok', { timeout: 20_000 });
  await expect(view.healthChip(loki.id)).toHaveAttribute('data-stale', 'false');

  await page.getByTestId('declare-button').click();
  await page.getByTestId('declare-title').fill('OCR workers OOMKilled');
  await page.getByTestId('declare-services-other').fill('ocr, echo');
  await page.getByTestId('declare-severity').selectOption('SEV2');
  await page.getByTestId('declare-submit').click();
  await expect(app.header).toContainText('OCR workers OOMKilled');

  // Queues: every lab queue, busiest first; sorting by name goes A–Z, then Z–A.
  await expect(view.queueRows).toHaveCount(5, { timeout: 20_000 });
  await view.sortQueuesBy('queue');
  expect(await view.queueOrder()).toEqual(['batch', 'default', 'echo', 'ocr', 'translation']);
  await view.sortQueuesBy('queue');
  expect(await view.queueOrder()).toEqual(['translation', 'ocr', 'echo', 'default', 'batch']);

  // Logs: scoped to the affected services by default, coloured by level.
  await expect(page.getByTestId('logs-query')).toHaveValue('{app=~"(?i).*(ocr|echo).*"}');
  await expect(view.logLines.first()).toBeVisible({ timeout: 20_000 });
  // Errors first by default (a few errors among many lines are what the IC looks for); newest first on request.
  await expect(view.logLines.first()).toHaveAttribute('data-level', 'error');
  await page.getByTestId('logs-order').click();
  await expect(page.getByTestId('logs-order')).toHaveAttribute('data-order', 'newest');
  await expect(view.logsPanel.locator('[data-testid="log-line"][data-level="info"]').first()).toBeVisible();
  await app.screenshot('10-command-queues-logs');

  // The keyboard: arrows move the selection (and the detail with it), Escape closes it.
  await page.getByTestId('log-list').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = view.logLines.nth(1);
  await expect(second).toHaveClass(/selected/);
  await expect(second).toBeFocused();
  await expect(page.getByTestId('log-detail')).toContainText((await second.locator('.log-text').textContent()) ?? '');
  await page.keyboard.press('ArrowUp');
  await expect(view.logLines.first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('log-detail')).toHaveCount(0);
  await expect(page.getByTestId('log-list')).toBeFocused();
  // The pending trend needs two stored polls since the incident began.
  await expect(view.queuePanel.locator('.trend path').first()).toBeAttached({ timeout: 20_000 });
  await view.shoot(view.queuePanel, '10a-queue-panel');
  await view.shoot(view.logsPanel, '10b-logs-panel');

  // A LogQL mistake is explained in Loki's words and the query stays in the box.
  await view.runLogQuery('{app="ocr-worker"');
  await expect(page.getByTestId('logs-error')).toContainText(/parse error/i);
  await expect(page.getByTestId('logs-query')).toHaveValue('{app="ocr-worker"');
  await expect(page.getByTestId('logs-query')).toHaveAttribute('aria-invalid', 'true');

  // An HTML-looking line is shown as text: no element is created, no handler runs.
  await view.runLogQuery('{app="ocr-worker"} |= "onerror"');
  await expect(page.getByTestId('logs-error')).toHaveCount(0);
  const hostile = view.logLines.filter({ hasText: '<img src=x onerror=' });
  await expect(hostile).toHaveCount(1);
  await expect(hostile).toHaveAttribute('data-level', 'error');
  expect(await view.logsPanel.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // Pin it from the keyboard: the line, its labels and time land on the timeline.
  await hostile.click();
  await expect(hostile).toHaveClass(/selected/);
  await hostile.press('p');
  await expect(view.timelineEvidence).toHaveCount(1);
  // The row's own Pin button follows: a line is pinned once.
  await expect(hostile.getByTestId('log-pin')).toHaveText('Pinned');
  await expect(hostile.getByTestId('log-pin')).toBeDisabled();
  await expect(view.timelineEvidence).toContainText(HOSTILE);
  await expect(view.timelineEvidence).toContainText('app="ocr-worker"');
  // The timeline sits beside the logs, so the pinned line is in view where it was pinned from.
  const [logsBox, timelineBox] = [await view.logsPanel.boundingBox(), await page.getByTestId('timeline').boundingBox()];
  expect(timelineBox && logsBox && timelineBox.x > logsBox.x + logsBox.width / 2).toBe(true);
  expect(timelineBox && logsBox && timelineBox.y < logsBox.y + logsBox.height).toBe(true);
  await view.shoot(page.getByTestId('command-evidence'), '11c-logs-beside-timeline');
  await view.shoot(view.logsPanel, '11a-logs-html-line-as-text');
  await view.shoot(page.getByTestId('timeline'), '11b-timeline-pinned-line');
  const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';

  // The platform goes away, Pitwall restarts: the evidence is in SQLite, not in Loki.
  await lab.close();
  lab = null;
  await pitwall.restart();
  await app.open(pitwall.url);
  await app.incidentRows().filter({ hasText: ref }).click();
  await expect(view.timelineEvidence).toContainText(HOSTILE);
  expect(await page.getByTestId('timeline').locator('img').count()).toBe(0);
  // The sources now fail: their chips say so and grey their stale data.
  await expect(view.healthChip(loki.id)).toHaveAttribute('data-state', /degraded|down/, { timeout: 20_000 });
  await expect(page.getByTestId('logs-error')).toBeVisible({ timeout: 20_000 });
  await view.shoot(view.healthBar, '12a-health-bar-lab-down');
  await view.shoot(page.getByTestId('timeline'), '12b-timeline-after-restart');
  await view.shoot(view.logsPanel, '12c-logs-lab-down');
});
