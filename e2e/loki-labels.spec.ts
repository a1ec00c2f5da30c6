import { startLab, type Lab } from '../electron/lab/lab';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { LogsQueuesPage } from './pages/logs-queues-page';
import { LokiLabelsPage } from './pages/loki-labels-page';
import { SettingsPage } from './pages/settings-page';

/**
 * A Loki whose streams carry only app, cluster and pod (no job, namespace, service or level label),
 * as many real ones do: adding it offers the label that names services, the logs panel's default
 * queries find lines (kernel OOM kills among the errors), an empty answer names the labels there
 * are, a metric query is the query's mistake, and the list draws every line it counts.
 */

const HISTORY_S = 15 * 60;
let lab: Lab | null = null;
test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

test('logs work with the labels the Loki has', async ({ page, pitwall }) => {
  lab = await startLab({ scenario: 'gpu-oom', seed: 7, speed: 1, startMs: Date.now() - HISTORY_S * 1000, logLabels: 'app' });
  lab.engine.advance(HISTORY_S);
  const app = new ConsolePage(page);
  const settings = new SettingsPage(page);
  const logs = new LogsQueuesPage(page);
  const loki = new LokiLabelsPage(page);
  await app.open(pitwall.url);

  // Adding the source: Test finds the labels, warns that the job-based defaults would find nothing, and offers app.
  await settings.open();
  await settings.startAdd();
  await settings.fill({ name: 'Bare Loki', kind: 'loki', baseUrl: lab.url, intervalSec: '5' });
  await expect(loki.serviceLabelHint).toContainText('Test the source');
  const first = await settings.testForm();
  await expect(first).toHaveAttribute('data-result', 'warn');
  await expect(loki.testWarnings).toContainText('selects on job, which no stream has');
  await expect(loki.serviceLabel).toHaveValue('app');
  await expect(loki.serviceLabelHint).toContainText("This Loki's streams carry: app, cluster, pod.");
  await settings.screenshot('61-loki-form-labels-offered');
  await loki.shoot(page.getByTestId('source-service-label'), '61c-loki-service-label');
  // Tested again with the label chosen, the defaults select on it and nothing is left to warn about.
  await expect(await settings.testForm()).toHaveAttribute('data-result', 'ok');
  await settings.save();

  // No incident: the error lines of every app, kernel OOM kills included (they carry no level of their own).
  await settings.view.getByTestId('settings-close').click();
  await expect(loki.query).toHaveValue(/^\{app=~"\.\+"\} \|~ "\(\?i\)\(error\|.*oom-kill/, { timeout: 20_000 });
  await expect(logs.logLines.first()).toBeVisible({ timeout: 20_000 });
  const oom = logs.logLines.filter({ hasText: 'out of memory: Killed process' });
  await expect(oom.first()).toHaveAttribute('data-level', 'error');
  await logs.shoot(logs.logsPanel, '61a-logs-app-labels-errors');

  await app.declare({ title: 'OCR workers OOMKilled', severity: 'SEV2' });
  await page.getByTestId('incident-header').waitFor();
  await loki.watchDrawnRows();

  // A query on a label no stream has: nothing, and the panel says which labels there are.
  await logs.runLogQuery('{job=~".+"}');
  await expect(loki.emptyHint).toHaveText("No stream has the label job; this Loki's streams are labelled app, cluster, pod.");
  await logs.shoot(logs.logsPanel, '61b-logs-empty-names-labels');

  // Back to lines: the list mounts afresh and draws them in the same frame it counts them.
  await logs.runLogQuery('{app="ocr-worker"}');
  await expect(logs.logLines.first()).toBeVisible({ timeout: 20_000 });
  const drawn = await loki.framesWithoutRows();
  expect(drawn.frames).toBeGreaterThan(0);
  expect(drawn.undrawn).toBe(0);

  // A metric query is the query's mistake, marked on the box, not an outage.
  await logs.runLogQuery('sum(count_over_time({app="kernel"}[5m]))');
  await expect(page.getByTestId('logs-error')).toContainText('returns numbers');
  await expect(loki.query).toHaveAttribute('aria-invalid', 'true');
});
