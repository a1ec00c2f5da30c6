import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startServeProcess, stopServeProcess } from '../electron/test-support/serve-process';
import { expect, SCREENSHOTS, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { SettingsPage } from './pages/settings-page';

// A zone five hours from UTC, so "local" and "UTC" write different digits.
test.use({ timezoneId: 'America/New_York', viewport: { width: 1600, height: 1000 } });

let server: { child: ChildProcess; url: string } | null = null;
let dataDir: string | null = null;

test.afterEach(async () => {
  if (server) await stopServeProcess(server.child);
  server = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

/** "2025-11-22 09:05:12" in New York, as the console writes a local time (no zone mark). */
function newYork(ms: number): string {
  const p = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string): string => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

test('first run asks who is at the console; the name authors every event, survives a restart, and is editable in settings', async ({
  page,
}) => {
  dataDir = mkdtempSync(join(tmpdir(), 'pitwall-e2e-prefs-'));
  server = await startServeProcess(dataDir, null);
  const app = new ConsolePage(page);
  await app.open(server.url);
  const prompt = page.getByTestId('operator-prompt');
  await expect(prompt).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '86-first-run-operator.png') });
  // A blank name is refused in words and the prompt stays.
  await page.getByTestId('operator-name').fill('   ');
  await page.getByTestId('operator-save').click();
  await expect(page.getByTestId('operator-error')).toContainText(/name/);
  await page.getByTestId('operator-name').fill('Dana Ops');
  await page.getByTestId('operator-save').click();
  await expect(prompt).toBeHidden();
  await expect(page.getByTestId('status-operator')).toHaveText('operator: Dana Ops');

  await app.declare({ title: 'Keycloak token validation failing', severity: 'SEV2' });
  await app.addNote('401s from echo-api since 09:02.');
  await expect(app.timelineEvents.last()).toContainText('401s from echo-api');
  // Every event carries the name: the declaration (and what it attached) and the note.
  const actors = await app.timelineEvents.locator('.tl-actor').allTextContents();
  expect(actors.length).toBeGreaterThanOrEqual(2);
  expect(new Set(actors)).toEqual(new Set(['Dana Ops']));

  await stopServeProcess(server.child);
  server = await startServeProcess(dataDir, null);
  await app.open(server.url);
  await expect(page.getByTestId('status-operator')).toHaveText('operator: Dana Ops');
  await expect(prompt).toHaveCount(0);

  const settings = new SettingsPage(page);
  await settings.open();
  await expect(page.getByTestId('pref-operator-now')).toContainText('Dana Ops — saved on this workstation');
  await page.getByTestId('pref-operator').fill('Sam Lee');
  await page.getByTestId('pref-operator-save').click();
  await expect(page.getByTestId('pref-operator-note')).toContainText('new events are attributed to Sam Lee');
  await app.incidentRows().first().click();
  await app.addNote('Handing over to the night shift.');
  await expect(app.timelineEvents.last().locator('.tl-actor')).toHaveText('Sam Lee');
  await expect(app.timelineEvents.first().locator('.tl-actor')).toHaveText('Dana Ops');
});

test('one way of writing time: switching to local time changes displays and inputs alike', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  const settings = new SettingsPage(page);
  await app.open(pitwall.url);
  await expect(page.getByTestId('status-zone')).toHaveText('times: UTC');

  await settings.open();
  await page.getByTestId('pref-time-local').click();
  await expect(page.getByTestId('status-zone')).toHaveText(/^times: local time \(UTC−0[45]:00\)$/);
  await page.screenshot({ path: join(SCREENSHOTS, '87-settings-operator-time.png') });

  // The declare dialog takes local time, 24-hour, as typed: impact ten minutes ago in New York.
  const impact = Math.floor((Date.now() - 10 * 60_000) / 1000) * 1000;
  await page.getByTestId('declare-button').click();
  await page.getByTestId('declare-title').fill('Storage filling on the artifacts share');
  await expect(page.getByTestId('declare-dialog')).toContainText('Impact started (local time (UTC−0');
  await page.getByTestId('declare-impact-start').fill(newYork(impact));
  await page.getByTestId('declare-submit').click();
  await expect(app.header).toContainText('Storage filling');

  // The header counts from that impact start; Details shows it exactly as it was typed.
  await expect(page.getByTestId('header-clock-label')).toHaveText('since impact start');
  await expect(page.getByTestId('elapsed')).toHaveText(/^1[01]m \d\ds$/);
  await app.openTab('details');
  await expect(page.getByTestId('time-impactStartedAt').locator('time')).toHaveText(newYork(impact));
  // The time editor starts from the same text, in the same zone.
  await page.getByTestId('time-edit-impactStartedAt').click();
  await expect(page.getByTestId('time-input-impactStartedAt')).toHaveValue(newYork(impact));
  await page.keyboard.press('Escape');

  // A 12-hour time is refused in words rather than misread.
  await page.getByTestId('time-edit-detectedAt').click();
  await page.getByTestId('time-input-detectedAt').fill('2025-11-22 9:05 PM');
  await page.getByTestId('time-save-detectedAt').click();
  await expect(page.getByTestId('time-detectedAt')).toContainText('YYYY-MM-DD HH:MM:SS (local time');
  await page.keyboard.press('Escape');

  // Timeline and custom-range inputs write local time too: no Z anywhere.
  await app.openTab('command');
  await expect(app.timelineEvents.first().locator('time')).toHaveText(/^\d\d:\d\d:\d\d$/);
  await page.getByTestId('range-custom').click();
  await expect(page.getByTestId('range-from')).toHaveValue(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  await expect(page.getByTestId('range-shown')).not.toContainText('Z');

  // And back: UTC with a Z.
  await settings.open();
  await page.getByTestId('pref-time-utc').click();
  await expect(page.getByTestId('status-zone')).toHaveText('times: UTC');
  await app.incidentRows().first().click();
  await expect(app.timelineEvents.first().locator('time')).toHaveText(/^\d\d:\d\d:\d\dZ$/);
});

test('title, summary, services and tenants are editable after declaring, each edit on the timeline', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  await app.open(pitwall.url);
  await app.declare({ title: 'GPU OOM', severity: 'SEV2' });
  await app.openTab('details');
  await page.getByTestId('edit-incident').click();
  await page.getByTestId('edit-title').fill('GPU OOM on gpu-node-01: OCR workers OOMKilled');
  await page.getByTestId('edit-summary').fill('VRAM fragmentation; OCR jobs failing and retrying.');
  await page.getByTestId('edit-services').fill('ocr, echo');
  await page.getByTestId('edit-tenants').fill('acme');
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('scope-title')).toHaveText('GPU OOM on gpu-node-01: OCR workers OOMKilled');
  await expect(app.header).toContainText('GPU OOM on gpu-node-01');
  await expect(page.getByTestId('header-scope')).toContainText('ocr');
  await page.screenshot({ path: join(SCREENSHOTS, '88-details-edited.png') });
  await app.openTab('command');
  const edit = app.timelineEvents
    .filter({ has: page.locator('[data-kind="edit"]') })
    .or(page.locator('[data-testid="timeline-event"][data-kind="edit"]'));
  await expect(edit).toHaveCount(1);
  await expect(edit).toContainText(
    'Title "GPU OOM" → "GPU OOM on gpu-node-01: OCR workers OOMKilled"; Summary added; Services +ocr, +echo; Tenants +acme',
  );
});
