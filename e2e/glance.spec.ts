import { startLab, type Lab } from '../electron/lab/lab';
import type { ScenarioName } from '../electron/lab/scenarios/catalog';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';

const HISTORY_S = 15 * 60;
let lab: Lab | null = null;

test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

async function withLab(scenario: ScenarioName): Promise<Lab> {
  const l = await startLab({ scenario, seed: 7, speed: 1, startMs: Date.now() - HISTORY_S * 1000 });
  l.engine.advance(HISTORY_S);
  return l;
}

test('explore gpu-oom at 1600x1000', async ({ page, pitwall }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  lab = await withLab('gpu-oom');
  const app = new ConsolePage(page);
  await app.open(pitwall.url);
  for (const [name, kind] of [
    ['Exporter', 'exporter-scrape'],
    ['AsynqMon', 'asynqmon'],
    ['Loki', 'loki'],
  ] as const) {
    await page.evaluate(
      async ([n, k, u]) => {
        await fetch('/api/invoke/source:save', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: n, kind: k, baseUrl: u, intervalMs: 2000 }) });
      },
      [name, kind, lab.url] as const,
    );
  }
  await page.waitForTimeout(8000);
  await page.screenshot({ path: 'e2e/screenshots/x-platform.png' });
  await app.declare({ title: 'OCR workers OOMKilled on gpu-node-01', severity: 'SEV2' });
  await page.waitForTimeout(8000);
  await page.screenshot({ path: 'e2e/screenshots/x-incident.png' });
  await page.screenshot({ path: 'e2e/screenshots/x-incident-full.png', fullPage: true });
});
