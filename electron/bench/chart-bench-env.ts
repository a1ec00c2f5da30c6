/**
 * The chart bench's browser and server setup, kept apart from what it measures: the Chromium
 * switches (and why each matters on a 2-core machine) and the server warm-up.
 */
import type { BrowserContext } from '@playwright/test';
import { METRICS } from '../../shared/domain/telemetry';
import { CHROMIUM_ARGS } from '../test-support/chromium';

/** Rounds of the chart's calls before any page loads: a running Pitwall's read path is JIT-compiled. */
const SERVER_WARMUPS = 5;

/** What Playwright 1.6x passes as --disable-features itself (see the note in CHROMIUM_ARGS). */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AimEnabled',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'PaintHolding',
  'PreconnectToSearch',
  'ThirdPartyStoragePartitioning',
];
export const CHART_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Chromium (here 156) loads its WebUI omnibox popup (chrome://omnibox-popup.top-chrome) in a
  // renderer of its own for every new tab, even headless: ~0.4 s of a core during each measured
  // page load, nothing to do with the page, on a 2-core machine. In case Chromium reads only the
  // last --disable-features, Playwright's own list is repeated (PaintHolding matters for paint timing).
  `--disable-features=${['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup', ...PLAYWRIGHT_DISABLED_FEATURES].join(',')}`,
];

/**
 * The chart's telemetry calls, as the page makes them, at the product's and the baselines'
 * resolution, over the context's session (its cookie) and with the page's Origin.
 */
export async function warmServer(context: BrowserContext, origin: string, fromMs: number, toMs: number): Promise<void> {
  const metrics = [METRICS.gpuMemoryShare, METRICS.queueDepth, METRICS.podRestarts, METRICS.podLastOom];
  for (let i = 0; i < SERVER_WARMUPS; i++) {
    for (const maxPoints of [1_500, 20_000]) {
      for (const metric of metrics) {
        const res = await context.request.post(`${origin}/api/invoke/telemetry:get-series`, {
          data: { metric, fromMs, toMs, maxPoints },
          headers: { origin },
        });
        if (!res.ok()) throw new Error(`chart bench: warming the server failed: ${res.status()} ${await res.text()}`);
      }
    }
  }
}
