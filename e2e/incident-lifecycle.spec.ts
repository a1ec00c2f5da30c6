import { ConsolePage } from './pages/console-page';
import { expect, test } from './fixtures';

test('declare, triage, assign, note — and it is all still there after reload and restart', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  await app.open(pitwall.url);
  await app.screenshot('01-empty');

  await app.declare({ title: 'GPU OOM on gpu-node-3', summary: 'OCR workers restarting, jobs failing', severity: 'SEV2' });
  await expect(page.getByTestId('incident-ref')).toHaveText(/^INC-\d{8}-001$/);
  const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';

  await app.setSeverity('SEV1');
  await expect(app.header).toContainText('SEV1');
  await app.assignRole('commander', 'Dana Ops');
  await expect(page.getByTestId('role-holder-commander')).toContainText('Dana Ops');
  await app.setStatus('identified');
  await expect(page.getByTestId('status-select')).toHaveValue('identified');
  await app.openTab('command');
  await app.addNote('Fragmentation on GPU 2; staggering worker restarts.');
  // Declaring also attached the first-response checklist: its own event, right after the declaration.
  await expect(app.timelineEvents).toHaveCount(7);
  await app.screenshot('02-incident-command');

  const expectedKinds = ['declared', 'checklist', 'severity', 'role', 'timestamp', 'status', 'note'];
  const kinds = async (): Promise<(string | null)[]> =>
    app.timelineEvents.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(await kinds()).toEqual(expectedKinds);

  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await app.incidentRows().filter({ hasText: ref }).click();
  await expect(app.header).toContainText('SEV1');
  await expect(page.getByTestId('status-select')).toHaveValue('identified');
  expect(await kinds()).toEqual(expectedKinds);

  await pitwall.restart();
  await app.open(pitwall.url);
  await app.incidentRows().filter({ hasText: ref }).click();
  await expect(page.getByTestId('header-ic')).toContainText('Dana Ops');
  await expect(app.timelineEvents.last()).toContainText('Fragmentation on GPU 2');
  expect(await kinds()).toEqual(expectedKinds);
  await app.openTab('details');
  await expect(page.getByTestId('role-holder-commander')).toContainText('Dana Ops');
  await app.screenshot('03-after-restart');
});

test('bad input in the declare dialog is explained and nothing is lost', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  await app.open(pitwall.url);
  await page.getByTestId('declare-button').click();
  await page.getByTestId('declare-summary').fill('Users cannot log in via Keycloak');
  await page.getByTestId('declare-submit').click();
  await expect(page.getByRole('dialog')).toContainText(/title/i);
  // The summary typed so far is still in the form.
  await expect(page.getByTestId('declare-summary')).toHaveValue('Users cannot log in via Keycloak');
  await page.getByTestId('declare-title').fill('Auth outage');
  await page.getByTestId('declare-submit').click();
  await expect(app.header).toContainText('Auth outage');
  await app.screenshot('04-declare-validation');
});
