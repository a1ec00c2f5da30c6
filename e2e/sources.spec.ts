import { startLab, type Lab } from '../electron/lab/lab';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { SettingsPage } from './pages/settings-page';
import { freePort } from '../electron/test-support/serve-process';

const PASSWORD = 'lab-s3cret-never-shown';

test.describe('with the lab running', () => {
  let lab: Lab;
  test.beforeEach(async () => {
    lab = await startLab({ port: 0, seed: 7 });
  });
  test.afterEach(async () => {
    await lab.close();
  });

  test('sources: add, test, watch health, edit without secrets, disable, delete — and it survives a restart', async ({ page, pitwall }) => {
    // Whatever the API answers, a stored secret must never come back to the renderer.
    const bodies: Promise<string>[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/')) bodies.push(r.text().catch(() => ''));
    });
    const app = new ConsolePage(page);
    const settings = new SettingsPage(page);
    await app.open(pitwall.url);
    await settings.open();
    await expect(page).toHaveURL(/#\/settings$/);
    await settings.screenshot('sources-01-list');

    // A Prometheus where nothing listens: refused bad input first, and nothing typed is lost.
    await settings.startAdd();
    await settings.fill({ baseUrl: 'prometheus:9090' });
    await settings.save(false);
    await expect(settings.fieldError('name')).toBeVisible();
    await expect(settings.fieldError('baseUrl')).toContainText('http://');
    await expect(settings.field('baseUrl')).toHaveValue('prometheus:9090');
    await settings.screenshot('sources-02-form-validation');

    const port = await freePort();
    await settings.fill({ name: 'Prometheus (nothing there)', baseUrl: `http://127.0.0.1:${port}`, intervalSec: '1', timeoutSec: '2' });
    const refused = await settings.testForm();
    await expect(refused).toHaveAttribute('data-result', 'failed');
    await expect(refused).toContainText('refused');
    await settings.screenshot('sources-03-test-refused');
    await settings.save();
    const prometheus = settings.row('Prometheus (nothing there)');
    await expect(prometheus).toHaveAttribute('data-kind', 'prometheus');
    await expect(prometheus).toHaveAttribute('data-state', 'down', { timeout: 30_000 });
    await expect(prometheus.getByTestId('source-health')).toContainText(/^down · refused/);

    // The lab's AsynqMon API, behind basic auth as a real one would be.
    await settings.startAdd();
    await settings.fill({
      name: 'Lab AsynqMon',
      kind: 'asynqmon',
      baseUrl: lab.url,
      basic: { username: 'ops', password: PASSWORD },
      intervalSec: '2',
    });
    const answered = await settings.testForm();
    await expect(answered).toHaveAttribute('data-result', 'ok');
    await expect(answered).toContainText(/\d+ queues?/i);
    await settings.screenshot('sources-04-test-lab');
    await settings.save();
    const asynqmon = settings.row('Lab AsynqMon');
    await expect(asynqmon).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
    await expect(asynqmon.getByTestId('source-health')).toContainText(/^ok · polled \d+s ago/);
    await settings.screenshot('sources-05-health');

    // Editing shows that a password is stored, never the password.
    await settings.edit('Lab AsynqMon');
    await expect(settings.field('username')).toHaveValue('ops');
    await expect(settings.field('password')).toHaveValue('');
    await expect(settings.field('password')).toHaveAttribute('placeholder', /stored/);
    await settings.screenshot('sources-06-edit');
    await page.keyboard.press('Escape');
    await expect(settings.form).toBeHidden();

    const id = await settings.sourceId('Lab AsynqMon');
    await settings.enabledToggle(id).uncheck();
    await expect(asynqmon).toHaveAttribute('data-state', 'disabled');

    await settings.delete('Prometheus (nothing there)');
    await expect(prometheus).toHaveCount(0);

    // Retention: a bad value is explained in place; a good one is kept.
    await settings.retentionField('leadInMin').fill('-5');
    await settings.saveRetention();
    await expect(settings.view.getByTestId('retention-error-leadInMin')).toContainText('from 0 to 1440');
    await settings.retentionField('leadInMin').fill('90');
    await settings.saveRetention();
    await expect(settings.view.getByTestId('retention-saved')).toBeVisible();

    await pitwall.restart();
    await app.open(pitwall.url);
    await settings.open();
    await expect(asynqmon).toHaveAttribute('data-state', 'disabled');
    await expect(settings.enabledToggle(id)).not.toBeChecked();
    await expect(prometheus).toHaveCount(0);
    await expect(settings.retentionField('leadInMin')).toHaveValue('90');
    await settings.edit('Lab AsynqMon');
    await expect(settings.field('password')).toHaveAttribute('placeholder', /stored/);
    await page.keyboard.press('Escape');
    await settings.screenshot('sources-07-after-restart');

    expect((await Promise.all(bodies)).join('\n')).not.toContain(PASSWORD);
  });

  test('a Loki source starts with the default queries, which can be edited; a secret header is never shown', async ({ page, pitwall }) => {
    // A Loki without a single stream fails its Test (nothing usable came back): give the lab two minutes of logs.
    lab.engine.advance(120);
    const app = new ConsolePage(page);
    const settings = new SettingsPage(page);
    await app.open(pitwall.url);
    await settings.open();
    await settings.startAdd();
    await settings.fill({ name: 'Lab Loki', kind: 'loki', baseUrl: lab.url });
    await expect(settings.form.getByTestId('source-queries-defaults')).toBeVisible();
    await settings.form.getByTestId('source-header-add').click();
    await settings.form.getByTestId('source-header-name').fill('X-Scope-OrgID');
    await settings.form.getByTestId('source-header-value').fill('tenant-a');
    await settings.form.getByTestId('source-header-add').click();
    await settings.form.getByTestId('source-header-name').nth(1).fill('X-Api-Key');
    await settings.form.getByTestId('source-header-secret').nth(1).check();
    await settings.form.getByTestId('source-header-value').nth(1).fill(PASSWORD);
    const answered = await settings.testForm();
    await expect(answered).toHaveAttribute('data-result', 'ok');
    await settings.save();

    await settings.edit('Lab Loki');
    const queries = settings.form.getByTestId('source-query-row');
    await expect(queries.first()).toBeVisible();
    const count = await queries.count();
    await expect(settings.form.getByTestId('source-header-value').nth(0)).toHaveValue('tenant-a');
    await expect(settings.form.getByTestId('source-header-value').nth(1)).toHaveValue('');
    await expect(settings.form.getByTestId('source-header-value').nth(1)).toHaveAttribute('placeholder', /stored/);
    await queries.first().getByTestId('source-query-title').fill('Errors, renamed by the IC');
    await settings.form.getByTestId('source-query-add').click();
    await queries.last().getByTestId('source-query-title').fill('Timeouts');
    await queries.last().getByTestId('source-query-metric').fill('logs.timeouts');
    await settings.save(false);
    // The new query has no LogQL yet: refused next to the field, nothing typed is lost.
    await expect(queries.last().getByTestId('source-query-expr')).toHaveAttribute('aria-invalid', 'true');
    await expect(queries.first().getByTestId('source-query-title')).toHaveValue('Errors, renamed by the IC');
    await queries.last().getByTestId('source-query-expr').fill('sum(count_over_time({service=~".+"} |= "timeout" [1m]))');
    await settings.screenshot('sources-08-loki-queries');
    await settings.save();

    await settings.edit('Lab Loki');
    await expect(queries).toHaveCount(count + 1);
    await expect(queries.first().getByTestId('source-query-title')).toHaveValue('Errors, renamed by the IC');
    await expect(queries.last().getByTestId('source-query-metric')).toHaveValue('logs.timeouts');

    // Reset to Pitwall's defaults: main's default queries come back into the form, to be saved.
    await settings.form.getByTestId('source-query-reset').click();
    await expect(queries).toHaveCount(count);
    await expect(queries.first().getByTestId('source-query-title')).not.toHaveValue('Errors, renamed by the IC');
    await settings.save();
    await settings.edit('Lab Loki');
    await expect(queries).toHaveCount(count);
    await expect(queries.last().getByTestId('source-query-metric')).not.toHaveValue('logs.timeouts');
    await page.keyboard.press('Escape');
    await expect(settings.form).toBeHidden();
  });
});

test('settings live in the URL and give way to an incident', async ({ page, pitwall }) => {
  const app = new ConsolePage(page);
  const settings = new SettingsPage(page);
  await app.open(pitwall.url);
  await app.declare({ title: 'Queue backlog on ocr', severity: 'SEV3' });
  await settings.open();
  await expect(app.header).toBeHidden();

  await page.reload();
  await expect(settings.view).toBeVisible();
  // Browser mode keeps the key in a 0600 file in the data directory, and says so.
  await expect(settings.view.getByTestId('secrets-at-rest')).toContainText(`key file ${pitwall.dataDir}/secret.key (0600)`);

  await app.incidentRows().first().click();
  await expect(app.header).toContainText('Queue backlog on ocr');
  await expect(settings.view).toBeHidden();
  await expect(page).toHaveURL(/#\/incident\/\d+$/);
});
