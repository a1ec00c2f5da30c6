import {
  prometheusHistoryUnavailable,
  startPrometheusWithHistory,
  type PrometheusWithHistory,
} from '../electron/test-support/prometheus-history';
import { expect, test } from './fixtures';
import { CommandPage } from './pages/command-page';
import { ConsolePage } from './pages/console-page';
import { LogsQueuesPage } from './pages/logs-queues-page';
import { PanelsPage } from './pages/panels-page';

/**
 * Issue #16 as a user meets it: Pitwall with a real Prometheus (an hour of lab history, scraping the lab
 * live) as its only source. The GPU heatmap and queue panel fill from it with PromQL's numbers and say
 * so; an incident's lead-in and a corrected impact start are fetched and said on the timeline; a pinned
 * window reads per metric; the chart marks the key times.
 */
const unavailable = prometheusHistoryUnavailable();
let prom: PrometheusWithHistory | null = null;

test.afterEach(async () => {
  await prom?.close();
  prom = null;
});

test('Prometheus alone fills the GPU and queue panels, backfills what the incident covers, and pins per metric', async ({
  page,
  pitwall,
}) => {
  test.skip(unavailable !== null, `needs a real Prometheus: ${unavailable ?? ''}`);
  test.setTimeout(180_000);
  prom = await startPrometheusWithHistory({ historyS: 3_600, scenario: 'gpu-oom', seed: 5 });
  const app = new ConsolePage(page);
  const cmd = new CommandPage(page);
  const view = new LogsQueuesPage(page);
  const panels = new PanelsPage(page);
  await app.open(pitwall.url);

  // Before any source: the panels say what is missing, not a configuration the user has.
  await expect(panels.gpuMissing).toHaveText('No source reads GPU memory: add a Prometheus or exporter-scrape source under Sources.');
  await expect(panels.queueMissing).toHaveText('No source reads asynq queues: add a Prometheus or AsynqMon source under Sources.');
  await view.shoot(page.locator('.command-side'), '40a-panels-no-source');

  await cmd.invoke('source:save', { name: 'prod', kind: 'prometheus', baseUrl: prom.url, intervalMs: 2_000 });
  await expect(cmd.gpuCells).toHaveCount(12, { timeout: 30_000 });
  await expect(view.queueRows).toHaveCount(5, { timeout: 30_000 });
  await expect(panels.gpuSource).toHaveText("from Prometheus 'prod'");
  await expect(panels.queueSource).toContainText("from Prometheus 'prod'");
  // The lab is frozen: every number shown equals PromQL's answer now.
  const shares = await prom.query('DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE + DCGM_FI_DEV_FB_RESERVED)');
  for (const s of shares) {
    await expect(panels.gpuCell(s.labels.Hostname ?? '', s.labels.gpu ?? '').first()).toHaveAttribute('data-share', s.value.toFixed(3));
  }
  for (const q of await prom.query('sum by (queue) (asynq_tasks_enqueued_total{state="pending"})')) {
    await expect(panels.queuePending(q.labels.queue ?? '')).toHaveText(q.value.toLocaleString('en-US'));
  }
  // Prometheus has no per-day counts: shown as a dash with the reason, never as zero.
  await expect(panels.unreportedStats.first()).toHaveAttribute('title', /only AsynqMon counts tasks per day/);
  await view.shoot(cmd.heatmap, '40b-heatmap-prometheus-only');
  await view.shoot(view.queuePanel, '40c-queue-panel-prometheus-only');

  // An incident whose impact started 20 minutes ago (typed with seconds): its lead-in is fetched.
  const impact = Date.now() - 20 * 60_000 + 7_000;
  const inc = await cmd.invoke<{ id: number; ref: string }>('incident:declare', {
    title: 'GPU OOM on gpu-node-01',
    severity: 'SEV2',
    impactStartedAt: impact,
  });
  await app.incidentRows().filter({ hasText: inc.ref }).click();
  await expect(panels.backfillEvents.first()).toContainText(
    /Fetched [\d,]+ points \(\d+ series\) from Prometheus 'prod' for .* lead-in before declaration/,
    { timeout: 30_000 },
  );
  // "It actually started half an hour earlier": the newly covered range is fetched and said too.
  await cmd.invoke('incident:set-time', { id: inc.id, field: 'impactStartedAt', at: impact - 30 * 60_000 });
  await expect(panels.backfillEvents).toHaveCount(2, { timeout: 30_000 });
  await expect(panels.backfillEvents.nth(1)).toContainText('impact start moved earlier');

  await cmd.range('incident').click();
  await expect(panels.keyMarker('impactStartedAt')).toBeAttached({ timeout: 20_000 });
  await expect(panels.keyMarker('detectedAt')).toBeAttached();
  await page.getByTestId('chart-pin').click();
  await expect(page.getByTestId('chart-pin-status')).toHaveText('Pinned to the timeline');
  // The chart draws GPU memory per node by default, and pins what it draws.
  await expect(panels.evidenceExtreme('node.gpu.memory.share').first()).toContainText(
    /peak \d{1,3}\.\d % at \d\d:\d\d:\d\dZ \(gpu-node-\d\d\)/,
  );
  await expect(panels.evidenceExtreme('queue.depth').first()).toContainText(/peak [\d,]+ tasks? at \d\d:\d\d:\d\dZ/);
  await page.mouse.move(0, 0);
  await view.shoot(page.getByTestId('correlation-chart'), '40d-chart-key-times');
  await view.shoot(page.getByTestId('timeline'), '40e-timeline-backfill-and-pin');
  await app.screenshot('40f-incident-prometheus-only');
});
