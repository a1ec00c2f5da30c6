import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from '../shared/detection/settings';
import { startLab, type Lab } from '../electron/lab/lab';
import type { ScenarioName } from '../electron/lab/scenarios/catalog';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { DetectionPage } from './pages/detection-page';

/**
 * Suggested incidents against the lab, through browser mode in Chromium. The lab runs SPEED times
 * faster than the clock Pitwall stamps its polls with, so the rule windows (measured on Pitwall's
 * clock) are shortened by the same factor; values measured by the lab itself (queue latency, lines per
 * lab-minute) are not. The unshortened defaults are tested on one clock in
 * electron/core/detection/scenarios.lab.test.ts.
 */
const SPEED = 10;

function scaled(s: DetectionSettings): DetectionSettings {
  const k = (v: number): number => Math.max(1, Math.round(v / SPEED));
  const r = s.rules;
  return {
    ...s,
    rules: {
      'gpu-oom': { ...r['gpu-oom'], hotSec: k(r['gpu-oom'].hotSec), windowSec: k(r['gpu-oom'].windowSec) },
      'queue-backlog': { ...r['queue-backlog'], windowSec: k(r['queue-backlog'].windowSec) },
      'gpu-contention': { ...r['gpu-contention'], windowSec: k(r['gpu-contention'].windowSec) },
      'storage-saturation': {
        ...r['storage-saturation'],
        forSec: k(r['storage-saturation'].forSec),
        trendWindowSec: k(r['storage-saturation'].trendWindowSec),
        projectFullMin: k(r['storage-saturation'].projectFullMin),
        vanishedAfterSec: k(r['storage-saturation'].vanishedAfterSec),
      },
      'auth-outage': { ...r['auth-outage'], baselineMin: k(r['auth-outage'].baselineMin) },
      'gpu-node-failure': { ...r['gpu-node-failure'], silentSec: k(r['gpu-node-failure'].silentSec) },
    },
    clearAfterSec: k(s.clearAfterSec),
  };
}

test.describe.configure({ timeout: 150_000 });

let lab: Lab | null = null;

test.afterEach(async () => {
  await lab?.close();
  lab = null;
});

async function start(page: Page, url: string): Promise<DetectionPage> {
  lab = await startLab({ scenario: 'baseline', seed: 42, speed: SPEED });
  const app = new ConsolePage(page);
  await app.open(url);
  const view = new DetectionPage(page);
  await view.invoke('detection:set-settings', scaled(DEFAULT_DETECTION_SETTINGS));
  await view.addLabSources(lab.url);
  // Every rule sees stored data before the scenario starts; only the alerts rule (no Prometheus here) has none.
  await expect(view.status).toHaveAttribute('data-no-data', '1', { timeout: 20_000 });
  return view;
}

for (const scenario of ['queue-backlog', 'storage-saturation', 'auth-outage'] as const satisfies readonly ScenarioName[]) {
  test(`${scenario}: the ${scenario} suggestion appears, and nothing else`, async ({ page, pitwall }) => {
    const view = await start(page, pitwall.url);
    lab?.engine.setScenario(scenario);
    await expect(view.suggestion(scenario)).toBeVisible({ timeout: 90_000 });
    await expect(view.activeSuggestions).toHaveCount(1);
    await expect(view.suggestion(scenario).getByTestId('suggestion-playbook')).not.toBeEmpty();
    await view.openEvidence(scenario);
    await view.shoot(view.strip, `50-suggestion-${scenario}`);
  });
}

test('gpu-oom: suggested with its evidence; declaring pins the evidence and attaches the playbook', async ({ page, pitwall }) => {
  const view = await start(page, pitwall.url);
  lab?.engine.setScenario('gpu-oom');
  const card = view.suggestion('gpu-oom');
  await expect(card).toBeVisible({ timeout: 90_000 });
  await expect(card.getByTestId('suggestion-title')).toContainText('gpu-node-01');
  await expect(card.getByTestId('suggestion-playbook')).toHaveText('GPU OOM / VRAM fragmentation');
  await expect(card.getByTestId('severity-badge')).toHaveText('SEV2 · P1');
  // It was notified too; shown here on a visible page, it is not repeated in the notification banner.
  await expect
    .poll(() => view.invoke<{ title: string }[]>('command:list-notices', {}).then((n) => n.map((x) => x.title)))
    .toContainEqual(expect.stringContaining('Suggested incident: GPU OOM on gpu-node-01'));
  await expect(page.getByTestId('notice-banner')).toHaveCount(0);
  await view.shootPage('51-suggestion-gpu-oom-console');
  await view.openEvidence('gpu-oom');
  await expect(card.getByTestId('suggestion-affected')).toContainText('gpu-node-01');
  await expect(card.getByTestId('suggestion-evidence').first()).toContainText('on gpu-node-01 at or above 90 % of framebuffer');
  await expect(card.getByTestId('suggestion-evidence').nth(1)).toContainText('OOMKilled');
  await view.shoot(view.strip, '52-suggestion-gpu-oom-evidence');

  // Dismiss needs a reason; without one nothing is sent.
  await card.getByTestId('suggestion-dismiss').click();
  await page.getByTestId('dismiss-confirm').click();
  await expect(page.getByTestId('dismiss-error')).toContainText('Say why');
  await view.shoot(view.strip, '52a-dismiss-needs-a-reason');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await card.getByTestId('suggestion-declare').click();
  const app = new ConsolePage(page);
  await expect(app.header).toContainText('GPU OOM on gpu-node-01');
  await expect(view.notice).toContainText(/Declared INC-\d{8}-\d{3}: [12] evidence windows? pinned/);
  await expect(app.timelineEvents.filter({ hasText: 'Declared from a suggested incident' })).toHaveCount(1);
  await expect(app.timelineEvents.filter({ hasText: 'Pinned GPU memory used' })).toHaveCount(1);
  // The playbook is attached with the declaration: its checklist is on the incident beside first response.
  await expect(view.notice).toContainText('playbook gpu-oom attached');
  await expect(page.getByTestId('suggestion-problem')).toHaveCount(0);
  const ref = (await page.getByTestId('incident-ref').textContent()) ?? '';
  const incidents = await view.invoke<{ id: number; ref: string }[]>('incident:list', {});
  const declared = incidents.find((i) => i.ref === ref);
  const checklists = await view.invoke<{ playbook: { id: string } }[]>('checklist:list', { incidentId: declared?.id ?? 0 });
  expect(checklists.map((c) => c.playbook.id).sort()).toEqual(['first-response', 'gpu-oom']);
  // Declared, it leaves the active list and is listed as what it became.
  await expect(view.activeSuggestions).toHaveCount(0);
  await page.getByTestId('suggestions-earlier-toggle').click();
  await expect(page.locator('[data-testid="suggestion"][data-state="declared"]')).toContainText('declared as INC-');
  await view.shootPage('53-declared-from-suggestion');
});

test('baseline: no suggestion over ten simulated minutes, and every rule reads clear', async ({ page, pitwall }) => {
  const view = await start(page, pitwall.url);
  const from = lab?.engine.nowMs ?? 0;
  await expect.poll(() => (lab?.engine.nowMs ?? 0) - from, { timeout: 120_000 }).toBeGreaterThanOrEqual(600_000);
  await expect(view.activeSuggestions).toHaveCount(0);
  await expect(page.locator('[data-testid="suggestion"]')).toHaveCount(0);
  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('rule-status-row')).toHaveCount(7);
  for (const rule of ['gpu-oom', 'queue-backlog', 'gpu-contention', 'storage-saturation', 'auth-outage', 'gpu-node-failure']) {
    await expect(page.locator(`[data-testid="rule-status-row"][data-rule="${rule}"]`)).toHaveAttribute('data-state', 'clear');
  }
  // No Prometheus or Alertmanager source: the alerts rule says it has no data rather than "clear".
  await expect(page.locator('[data-testid="rule-status-row"][data-rule="alerts"]')).toHaveAttribute('data-state', 'no-data');
  await page.setViewportSize({ width: 1440, height: 2600 });
  await view.shoot(page.getByTestId('detection-settings'), '54-detection-settings');
});
