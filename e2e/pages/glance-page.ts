import { expect, type Locator, type Page } from '@playwright/test';
import { invokeFromPage } from '../../electron/test-support/page-invoke';

/** The incident commander's one screen, in the spec's terms: what must be in view, and how to get around. */
export class GlancePage {
  constructor(readonly page: Page) {}

  /** What the IC must see without scrolling, by name (issue #19): the header's figures, the clocks, every panel, the newest timeline entry and log line. */
  incidentEssentials(): Record<string, Locator> {
    const p = this.page;
    return {
      severity: p.getByTestId('severity-select'),
      status: p.getByTestId('status-select'),
      clock: p.getByTestId('header-clock'),
      'response SLA': p.getByTestId('sla-timer'),
      escalation: p.getByTestId('escalation-timer'),
      'stakeholder update': p.getByTestId('update-timer'),
      ...this.platformEssentials(),
      'latest timeline entry': p.getByTestId('timeline').getByTestId('timeline-event').last(),
      'note box': p.getByTestId('note-input'),
    };
  }

  platformEssentials(): Record<string, Locator> {
    const p = this.page;
    return {
      chart: p.getByTestId('correlation-chart'),
      GPUs: p.getByTestId('gpu-heatmap'),
      queues: p.getByTestId('queue-panel'),
      storage: p.getByTestId('storage-panel'),
      auth: p.getByTestId('auth-panel'),
      logs: p.getByTestId('logs-panel'),
      'first log line': p.getByTestId('log-line').first(),
    };
  }

  /** Every named element lies wholly inside the viewport, and nothing (page or panel column) had to scroll to get it there. */
  async expectAllInView(named: Record<string, Locator>): Promise<void> {
    for (const [name, locator] of Object.entries(named)) {
      await expect(locator, `${name} is on screen`).toBeVisible();
      await expect(locator, `${name} is wholly in the viewport`).toBeInViewport({ ratio: 1 });
    }
    const scrolled = await this.page.evaluate(() =>
      [document.scrollingElement, document.querySelector('.main'), document.querySelector('.command-side')]
        .filter((el): el is Element => el !== null)
        .map((el) => ({ cls: el.className, top: el.scrollTop, overflow: el.scrollHeight - el.clientHeight })),
    );
    for (const s of scrolled) {
      expect(s.top, `${s.cls} is not scrolled`).toBe(0);
      expect(s.overflow, `${s.cls} has nothing below the fold`).toBeLessThanOrEqual(1);
    }
  }

  get platformView(): Locator {
    return this.page.getByTestId('platform-view');
  }

  get brand(): Locator {
    return this.page.getByTestId('brand');
  }

  get storageRows(): Locator {
    return this.page.getByTestId('storage-row');
  }

  get missingNode(): Locator {
    return this.page.getByTestId('gpu-node-missing');
  }

  tab(id: string): Locator {
    return this.page.getByTestId(`incident-tab-${id}`);
  }

  invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeFromPage<T>(this.page, channel, input);
  }

  /** The lab's exporter, AsynqMon and Loki as sources, polled every second or two. */
  async addLabSources(labUrl: string): Promise<void> {
    await this.invoke('source:save', { name: 'Lab exporter', kind: 'exporter-scrape', baseUrl: `${labUrl}/`, intervalMs: 1_000 });
    await this.invoke('source:save', { name: 'Lab AsynqMon', kind: 'asynqmon', baseUrl: labUrl, intervalMs: 2_000 });
    await this.invoke('source:save', { name: 'Lab Loki', kind: 'loki', baseUrl: labUrl, intervalMs: 2_000 });
  }
}
