import { startLab, type Lab } from '../electron/lab/lab';
import { expect, test } from './fixtures';
import { CommandPage } from './pages/command-page';
import { ConsolePage } from './pages/console-page';

let lab: Lab | null = null;

test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

test('GPU memory climbs against the queue backlog, OOM kills are marked, a brush zooms in', async ({ page, pitwall }) => {
  test.setTimeout(150_000);
  // Twenty simulated seconds per real one: VRAM fragmentation on gpu-node-01 starts after a minute
  // of baseline and the first OOM kill follows a few simulated minutes later.
  lab = await startLab({ scenario: 'baseline', seed: 7, speed: 20 });
  lab.engine.setScenario('gpu-oom', 60);
  const gpuCount = lab.engine.world.gpus.length;

  const app = new ConsolePage(page);
  const cmd = new CommandPage(page);
  await app.open(pitwall.url);

  // Without an incident the command view shows the platform; with no source it says so.
  await expect(cmd.view).toBeVisible();
  await expect(page.getByTestId('chart-empty')).toContainText('No GPU memory samples in this window');

  const polledFrom = Date.now();
  await cmd.invoke('source:save', { name: 'E2E GPU exporter', kind: 'exporter-scrape', baseUrl: `${lab.url}/`, intervalMs: 1_000 });
  await cmd.invoke('source:save', { name: 'E2E AsynqMon', kind: 'asynqmon', baseUrl: lab.url, intervalMs: 1_000 });

  await cmd.range('15m').click();
  await expect(cmd.range('15m')).toHaveAttribute('aria-pressed', 'true');
  await expect(cmd.gpuCells).toHaveCount(gpuCount, { timeout: 20_000 });
  await expect.poll(() => cmd.number('data-points'), { timeout: 20_000 }).toBeGreaterThan(0);
  const firstPeak = await cmd.number('data-gpu-max');

  // The climb, the kill and the backlog, as drawn.
  await expect(cmd.markers('oom').first()).toBeAttached({ timeout: 90_000 });
  await expect.poll(() => cmd.number('data-gpu-max'), { timeout: 30_000 }).toBeGreaterThan(firstPeak + 0.2);
  await expect.poll(() => cmd.number('data-queue-max'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(cmd.gpuCells.filter({ has: page.locator('.gpu-pod') }).first()).toBeVisible();
  await expect(page.locator('[data-testid="gpu-cell"][data-node="gpu-node-01"]').first()).toHaveAttribute('data-share', /^\d\.\d{3}$/);
  // Hovering the newest stretch lists every line's value at that moment. That stretch is the last 13 s of
  // the window: wait until every line holds more polls than that (the OOM kill can come first).
  await expect
    .poll(async () => (await cmd.number('data-points')) / (await cmd.number('data-series')), { timeout: 60_000 })
    .toBeGreaterThan(20);
  const plot = await cmd.brushArea.boundingBox();
  await cmd.brushArea.hover({ position: { x: (plot?.width ?? 100) * 0.985, y: (plot?.height ?? 100) / 2 } });
  await expect(page.getByTestId('chart-hover-card')).toContainText('gpu-node-01');
  await expect(page.getByTestId('chart-hover-card')).toContainText(/\d+\.\d%/);
  await app.screenshot('20-command-platform');

  // A minute of polls per line, so the zoomed window holds enough to correlate.
  await expect
    .poll(async () => (await cmd.number('data-points')) / (await cmd.number('data-series')), { timeout: 90_000 })
    .toBeGreaterThan(60);

  // Brush over the polled stretch (and a little before): the window becomes that custom range, no longer following.
  const before = await cmd.window();
  await cmd.brush(polledFrom - 30_000, before.toMs);
  await expect(cmd.range('custom')).toHaveAttribute('aria-pressed', 'true');
  await expect(cmd.follow).not.toBeChecked();
  await expect.poll(async () => (await cmd.window()).fromMs, { timeout: 10_000 }).toBeGreaterThan(before.fromMs + 60_000);
  const zoomed = await cmd.window();
  expect(zoomed.toMs - zoomed.fromMs).toBeLessThan(before.toMs - before.fromMs);
  await expect(cmd.markers('oom').first()).toBeAttached();
  // Over the zoomed window there are enough points to judge how the two move together: either a
  // sentence naming both lines with a strong r, or nothing said because the relation is weak or a line
  // barely moved — never "too few points".
  const withheld = page.getByTestId('correlation-withheld');
  await expect(cmd.correlationText.or(withheld)).toBeAttached();
  if (await cmd.correlationText.isVisible()) {
    await expect(cmd.correlationText).toHaveText(
      /^(Queue depth|GPU memory) \([^)]+\) (follows|moves with|moves against) (GPU memory|queue depth) \([^)]+\)[^]*r = −?\d\.\d\d/,
    );
    expect(Math.abs(Number(await cmd.correlationText.getAttribute('data-r')))).toBeGreaterThanOrEqual(0.6);
  } else {
    await expect(withheld).toHaveAttribute('data-reason', /^(weak|GPU memory barely moved|queue depth barely moved|the best lag)/);
  }
  await page.mouse.move(0, 0);
  await app.screenshot('21-command-zoomed');

  // Inside an incident: its key times are marked (the declaration folded into "detected", written at the
  // same moment), and the window can be pinned as evidence.
  await app.declare({ title: 'OCR workers OOMKilled on gpu-node-01', severity: 'SEV2' });
  await expect(cmd.view).toBeVisible();
  await cmd.range('incident').click();
  await expect(cmd.markers('key').first()).toBeAttached({ timeout: 20_000 });
  await expect(cmd.markers('key').first()).toHaveAttribute('data-times', /detectedAt/);
  await page.getByTestId('chart-pin').click();
  await expect(page.getByTestId('chart-pin-status')).toHaveText('Pinned to the timeline');
  await expect(page.getByTestId('timeline').locator('[data-testid="timeline-event"][data-kind="pin-metric"]')).toHaveCount(1);
  await app.screenshot('22-command-incident');
});
