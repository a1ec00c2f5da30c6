import type { Incident } from '../shared/domain/incident';
import type { Postmortem } from '../shared/domain/postmortem';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { InsightsPage } from './pages/insights-page';
import { PostmortemPage } from './pages/postmortem-page';

const MIN = 60_000;

test('metrics: an empty window says so, then figures with formulas, the incidents behind them and the excluded ones', async ({
  page,
  pitwall,
}) => {
  const app = new ConsolePage(page);
  const pm = new PostmortemPage(page);
  const ui = new InsightsPage(page);
  await app.open(pitwall.url);
  await page.getByTestId('metrics-button').click();
  await expect(page.getByTestId('metrics-empty')).toContainText('No incident was declared in the last 90 days');
  await expect(page.getByTestId('metrics-page')).not.toContainText('NaN');

  // Time to detect is detected − impact start, both given here: 10, 20 and 30 minutes; the fourth has no impact start.
  const now = Date.now();
  const made: Incident[] = [];
  for (const [i, ttd] of [10, 20, 30].entries()) {
    const inc = await pm.invoke<Incident>('incident:declare', {
      title: `GPU OOM ${i + 1}`,
      severity: i === 0 ? 'SEV1' : 'SEV2',
      impactStartedAt: now - (ttd + 40) * MIN,
      detectedAt: now - 40 * MIN,
    });
    await pm.invoke('incident:set-status', { id: inc.id, status: 'resolved' });
    made.push(inc);
  }
  const open = await pm.invoke<Incident>('incident:declare', { title: 'Auth outage, still open', severity: 'SEV3' });

  await page.getByTestId('metrics-window-30').click();
  const mttd = ui.figure('all', 'mttd');
  await expect(mttd).toHaveAttribute('data-n', '3');
  await expect(mttd).toContainText('20m 00s');
  await expect(mttd).toContainText('p90 28m 00s');
  await expect(mttd).toContainText('detected − impact start');
  await expect(mttd).toContainText('1 excluded');
  await expect(ui.figure('all', 'mttr')).toContainText('1 excluded');
  await expect(ui.figure('SEV4', 'mttd')).toHaveText(/no data/);
  await mttd.click();
  await expect(ui.figureDetail.getByTestId('figure-samples').locator('tr')).toHaveCount(3);
  for (const inc of made) await expect(ui.figureDetail).toContainText(inc.ref);
  await expect(ui.figureDetail.getByTestId('figure-excluded')).toContainText(`${open.ref}`);
  await expect(ui.figureDetail.getByTestId('figure-excluded')).toContainText('no impact start recorded');
  await expect(page.getByTestId('metrics-page')).not.toContainText('NaN');
  await expect(page.getByTestId('counts-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await app.screenshot('76-metrics');

  // One click away: the incident itself.
  await ui.figureDetail.getByRole('button', { name: made[0]?.ref ?? '' }).click();
  await expect(app.header).toContainText('GPU OOM 1');
});

test('action items: added from the postmortem tab, refused in words, overdue marked across incidents', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  const pm = new PostmortemPage(page);
  const ui = new InsightsPage(page);
  await app.open(pitwall.url);
  await app.declare({ title: 'Queue backlog on translation', severity: 'SEV2' });
  await pm.open();

  await ui.addAction({ title: 'Pause intake when pending > 5k', owner: '@sre', ticket: 'OPS-12', due: '2025-02-30' });
  await expect(page.getByTestId('new-action-error')).toContainText('due date must be a calendar date written YYYY-MM-DD');
  await expect(page.getByTestId('new-action-title')).toHaveValue('Pause intake when pending > 5k');
  await page.getByTestId('new-action-due').fill('2025-02-28');
  await page.getByTestId('new-action-submit').click();
  await expect(ui.incidentActionRows).toHaveCount(1);
  await expect(ui.incidentActionRows.first()).toHaveAttribute('data-overdue', 'true');
  await ui.addAction({ title: 'Restart a subset of workers, not all', owner: '@ml-platform', due: '2099-01-31' });
  await expect(ui.incidentActionRows).toHaveCount(2);

  await page.getByTestId('actions-button').click();
  await expect(ui.actionRows).toHaveCount(2);
  await expect(ui.actionRows.filter({ has: page.getByTestId('overdue-badge') })).toHaveCount(1);
  await app.screenshot('77-action-items-overdue');
  await page.getByTestId('action-filter-overdue').check();
  await expect(ui.actionRows).toHaveCount(1);
  await expect(ui.actionRows.first().getByTestId('action-title')).toHaveValue('Pause intake when pending > 5k');
  await page.getByTestId('action-filter-overdue').uncheck();
  // Done is no longer overdue, and leaves the default (open and in progress) view.
  await ui.actionRows.first().getByTestId('action-status').selectOption('done');
  await expect(ui.actionRows).toHaveCount(1);
  await page.getByTestId('action-filter-done').check();
  await expect(ui.actionRows).toHaveCount(2);
  await expect(page.getByTestId('overdue-badge')).toHaveCount(0);
  // A bad edit in place is refused in words and what was typed stays.
  const due = ui.actionRows.last().getByTestId('action-due');
  await due.fill('31/01/2099');
  await due.press('Enter');
  await expect(page.getByTestId('action-error')).toContainText('YYYY-MM-DD');
  await expect(due).toHaveValue('31/01/2099');
  await app.screenshot('77b-action-items-refused-edit');
});

test('search finds a word only in a postmortem and a pinned log line, with the snippet, and filters by severity and status', async ({
  page,
  pitwall,
}) => {
  const app = new ConsolePage(page);
  const pm = new PostmortemPage(page);
  const ui = new InsightsPage(page);
  await app.open(pitwall.url);
  const a = await pm.invoke<Incident>('incident:declare', { title: 'Training stalled', severity: 'SEV2' });
  const draft = await pm.invoke<Postmortem>('postmortem:draft', { incidentId: a.id, template: 'lecture' });
  await pm.invoke('postmortem:save', {
    incidentId: a.id,
    revision: draft.revision,
    body: `${draft.body}\nThe xidfault storm began on gpu-node-07.`,
  });
  const b = await pm.invoke<Incident>('incident:declare', { title: 'Node lost', severity: 'SEV1' });
  await pm.invoke('incident:pin-evidence', {
    kind: 'log-line',
    id: b.id,
    line: { tNs: `${Date.now()}000000`, labels: { app: 'dcgm' }, line: 'NVRM: Xid 79 xidfault, GPU has fallen off the bus <b>!</b>' },
  });
  const c = await pm.invoke<Incident>('incident:declare', { title: 'Auth outage', severity: 'SEV3' });
  await pm.invoke('incident:assign-role', { id: c.id, role: 'commander', person: 'Dana Ops' });
  await pm.invoke('incident:assign-role', { id: c.id, role: 'commander', person: 'Lee Chen', note: 'Keycloak still flapping' });
  await pm.invoke('incident:set-status', { id: c.id, status: 'resolved' });
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();

  await ui.search('xidfault');
  await expect(ui.searchResults).toHaveCount(2);
  const hitA = ui.searchResults.filter({ hasText: a.ref }).getByTestId('search-hit');
  await expect(hitA).toHaveAttribute('data-source', 'postmortem');
  await expect(hitA.locator('mark')).toHaveText('xidfault');
  const hitB = ui.searchResults.filter({ hasText: b.ref }).getByTestId('search-hit');
  await expect(hitB).toHaveAttribute('data-source', 'pin-log');
  await expect(hitB).toContainText('<b>!</b>');
  await expect(hitB.locator('b')).toHaveCount(0);

  await page.getByTestId('search-filters-toggle').click();
  await page.getByTestId('search-sev-SEV1').check();
  await expect(ui.searchResults).toHaveCount(1);
  await expect(ui.searchResults.first()).toContainText(b.ref);
  await page.getByTestId('search-sev-SEV1').uncheck();

  await ui.search('keycloak');
  await expect(ui.searchResults).toHaveCount(1);
  await expect(ui.searchResults.first().getByTestId('search-hit')).toHaveAttribute('data-source', 'handoff');
  await ui.search('');
  await page.getByTestId('search-status-resolved').check();
  await expect(ui.searchResults).toHaveCount(1);
  await expect(ui.searchResults.first()).toContainText(c.ref);
  await page.getByTestId('search-from').fill('tomorrow');
  await expect(page.getByTestId('search-error')).toContainText('write a day as YYYY-MM-DD');
  await page.getByTestId('search-from').fill('');
  await page.getByTestId('search-status-resolved').uncheck();
  await ui.search('xidfault');
  await expect(ui.searchResults).toHaveCount(2);
  await app.screenshot('78-search');
});

test('an open incident names similar past incidents in its header, with why', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  const pm = new PostmortemPage(page);
  await app.open(pitwall.url);
  const past = await pm.invoke<Incident>('incident:declare', {
    title: 'OCR OOM last week',
    severity: 'SEV2',
    services: ['ocr', 'translation'],
  });
  await pm.invoke('incident:set-status', { id: past.id, status: 'resolved' });
  const other = await pm.invoke<Incident>('incident:declare', { title: 'Keycloak down', severity: 'SEV2', services: ['auth'] });
  await pm.invoke('incident:set-status', { id: other.id, status: 'resolved' });
  await app.declare({ title: 'OCR workers failing again', severity: 'SEV2' });
  await expect(page.getByTestId('similar-chip')).toHaveCount(0);
  const now = await pm.invoke<Incident[]>('incident:list', {});
  const current = now.find((i) => i.title === 'OCR workers failing again');
  await pm.invoke('incident:edit', { id: current?.id, services: ['ocr'] });
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await app.incidentRows().filter({ hasText: 'OCR workers failing again' }).click();
  await page.getByTestId('similar-chip').click();
  const rows = page.getByTestId('similar-incidents').getByTestId('similar-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(past.ref);
  await expect(rows.first()).toContainText('same services: ocr');
  await expect(rows.first()).toContainText('GPU memory: too little stored to compare');
  await app.screenshot('79-similar-incidents');
});
