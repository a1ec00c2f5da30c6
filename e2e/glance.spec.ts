import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { startLab, type Lab } from '../electron/lab/lab';
import type { ScenarioName } from '../electron/lab/scenarios/catalog';
import { expect, SCREENSHOTS, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { GlancePage } from './pages/glance-page';

// The screen: what an incident commander needs fits 1600×1000 without scrolling.
test.use({ viewport: { width: 1600, height: 1000 } });

let lab: Lab | null = null;

test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

/**
 * A lab at real speed whose simulated clock reaches "now" with `scenario` running for `inScenarioS`
 * seconds (after some baseline), so Loki already holds the incident's lines and the panels show the
 * scenario's state as soon as the sources are polled.
 */
async function labIn(scenario: ScenarioName, inScenarioS: number): Promise<Lab> {
  const baselineS = 5 * 60;
  const l = await startLab({ scenario: 'baseline', seed: 7, speed: 1, startMs: Date.now() - (baselineS + inScenarioS) * 1000 });
  l.engine.advance(baselineS);
  l.engine.setScenario(scenario);
  l.engine.advance(inScenarioS);
  return l;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

test('the platform view: chart, GPUs, queues, storage, auth and error lines on one screen; Esc and the logo come back to it', async ({
  page,
  pitwall,
}) => {
  test.setTimeout(120_000);
  lab = await labIn('gpu-oom', 10 * 60);
  const app = new ConsolePage(page);
  const glance = new GlancePage(page);
  await app.open(pitwall.url);
  await glance.addLabSources(lab.url);
  await expect(page.getByTestId('gpu-cell')).toHaveCount(12, { timeout: 20_000 });
  await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 20_000 });
  await expect(glance.storageRows.first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('auth-provider').first()).toBeVisible({ timeout: 20_000 });
  await glance.expectAllInView(glance.platformEssentials());
  await shoot(page, '80-glance-platform');

  // Into an incident and back: Escape, then the logo.
  await app.declare({ title: 'OCR workers OOMKilled on gpu-node-01', severity: 'SEV2' });
  await expect(glance.platformView).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(glance.platformView).toBeVisible();
  await app.incidentRows().first().click();
  await expect(app.header).toBeVisible();
  await glance.brand.click();
  await expect(glance.platformView).toBeVisible();
});

test('gpu-oom: the incident on one screen, errors first in the logs, per-node colours', async ({ page, pitwall }) => {
  test.setTimeout(120_000);
  lab = await labIn('gpu-oom', 15 * 60);
  const app = new ConsolePage(page);
  const glance = new GlancePage(page);
  await app.open(pitwall.url);
  await glance.addLabSources(lab.url);
  await page.getByTestId('declare-button').click();
  await page.getByTestId('declare-title').fill('OCR workers OOMKilled on gpu-node-01');
  await page.getByTestId('declare-services-other').fill('ocr, translation');
  await page.getByTestId('declare-severity').selectOption('SEV2');
  await page.getByTestId('declare-submit').click();
  await expect(app.header).toContainText('OCR workers OOMKilled');
  await expect(page.getByTestId('gpu-cell')).toHaveCount(12, { timeout: 20_000 });
  await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('auth-provider').first()).toBeVisible({ timeout: 20_000 });
  await app.addNote('Fragmentation on gpu-node-01; staggering worker restarts.');
  await expect(app.timelineEvents.last()).toContainText('staggering worker restarts');

  // The incident's own window, and the log lines that matter first.
  await expect(page.getByTestId('range-incident')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('logs-order')).toHaveAttribute('data-order', 'errors-first');
  await expect(page.getByTestId('log-line').first()).toHaveAttribute('data-level', 'error');
  // Newest first would mix them: below the first line that is not an error, no error follows.
  const levels = await page.getByTestId('log-line').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')));
  const firstOther = levels.findIndex((l) => l !== 'error');
  if (firstOther >= 0) expect(levels.slice(firstOther)).not.toContain('error');
  await page.getByTestId('logs-order').click();
  await expect(page.getByTestId('logs-order')).toHaveAttribute('data-order', 'newest');
  await page.getByTestId('logs-order').click();

  await glance.expectAllInView(glance.incidentEssentials());
  // The header says what its clock counts: no impact start was given, so detection (= declaration here).
  await expect(page.getByTestId('header-clock-label')).toHaveText('since declaration');
  await expect(page.getByTestId('sla-timer')).toContainText('from detection');
  await shoot(page, '81-glance-gpu-oom');

  // The rest is one key away: Details (scope, key times with their formulas, roles), then back with 1.
  await page.keyboard.press('6');
  await expect(page.getByTestId('details-tab')).toBeVisible();
  await expect(page.getByTestId('metric-formula-ttr')).toHaveText('= resolved − impact start (or detected, or declared)');
  await shoot(page, '82-glance-details');
  await page.keyboard.press('1');
  await expect(page.getByTestId('command-view')).toBeVisible();
});

test('storage-saturation: the hung NFS mount and MinIO refusing writes are on the first screen', async ({ page, pitwall }) => {
  test.setTimeout(150_000);
  // The NFS mount hangs 720 s into the scenario: start 700 s in, so the sizes are read before they vanish.
  lab = await labIn('storage-saturation', 700);
  const app = new ConsolePage(page);
  const glance = new GlancePage(page);
  await app.open(pitwall.url);
  await glance.addLabSources(lab.url);
  await app.declare({ title: 'Uploads failing: NFS and MinIO full', severity: 'SEV2' });
  await expect(page.getByTestId('storage-used').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('storage-hung').first()).toContainText('HUNG since', { timeout: 60_000 });
  await expect(glance.storageRows.first()).toHaveAttribute('data-mount', '/mnt/nfs/artifacts');
  await expect(
    glance.storageRows.filter({ has: page.locator('[data-mount="/data"]') }).or(page.locator('[data-mount="/data"]')),
  ).toHaveAttribute('data-tone', 'full');
  await expect(page.getByTestId('storage-full-rate')).toContainText('writes refused (507)', { timeout: 20_000 });
  await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 20_000 });
  await glance.expectAllInView(glance.incidentEssentials());
  await shoot(page, '83-glance-storage-saturation');
});

test('gpu-node-failure: a node that stops reporting stays on the GPU panel as missing, with when it was last seen', async ({
  page,
  pitwall,
}) => {
  test.setTimeout(150_000);
  // gpu-node-02 falls off the bus 60 s into the scenario: start 45 s in, so its GPUs are polled first.
  lab = await labIn('gpu-node-failure', 45);
  const app = new ConsolePage(page);
  const glance = new GlancePage(page);
  await app.open(pitwall.url);
  await glance.addLabSources(lab.url);
  await expect(page.getByTestId('gpu-cell')).toHaveCount(12, { timeout: 20_000 });
  await app.declare({ title: 'gpu-node-02 XID 79, GPUs fell off the bus', severity: 'SEV1' });
  await expect(glance.missingNode).toContainText(/not reporting since \d\d:\d\d:\d\dZ/, { timeout: 60_000 });
  const missing = page.locator('[data-testid="gpu-cell"][data-missing="true"]');
  await expect(missing).toHaveCount(4);
  await expect(page.locator('[data-testid="gpu-node"][data-node="gpu-node-02"]')).toHaveAttribute('data-missing', 'true');
  const lastSeen = Number(await missing.first().getAttribute('data-last-seen'));
  expect(lastSeen).toBeGreaterThan(Date.now() - 120_000);
  expect(lastSeen).toBeLessThan(Date.now());
  await expect(page.getByTestId('gpu-missing-count')).toHaveText('4 not reporting');
  await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 20_000 });
  await glance.expectAllInView(glance.incidentEssentials());
  await shoot(page, '84-glance-gpu-node-failure');
});

test('auth-outage: the auth panel names the provider that is down and how many requests are refused', async ({ page, pitwall }) => {
  test.setTimeout(120_000);
  lab = await labIn('auth-outage', 5 * 60);
  const app = new ConsolePage(page);
  const glance = new GlancePage(page);
  await app.open(pitwall.url);
  await glance.addLabSources(lab.url);
  await app.declare({ title: 'Logins failing: Keycloak unreachable', severity: 'SEV1' });
  const keycloak = page.locator('[data-testid="auth-provider"]', { hasText: 'keycloak' });
  await expect(keycloak).toHaveAttribute('data-up', 'false', { timeout: 20_000 });
  await expect(keycloak).toContainText('DOWN');
  await expect(page.locator('[data-testid="auth-provider"]', { hasText: 'local' })).toHaveAttribute('data-up', 'true');
  // Two polls at least, so the counters have a rate: most keycloak-backed requests are refused.
  await expect(page.getByTestId('auth-panel')).toHaveAttribute('data-tone', 'breach', { timeout: 30_000 });
  await expect(page.getByTestId('auth-401-share')).toHaveText(/^\d+% of requests$/, { timeout: 30_000 });
  const share = Number((await page.getByTestId('auth-401-share').textContent())?.replace(/%.*/, ''));
  expect(share).toBeGreaterThan(30);
  await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 20_000 });
  await shoot(page, '85-glance-auth-outage');
  await glance.expectAllInView(glance.incidentEssentials());
});
