import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { invokeFromPage } from '../../electron/test-support/page-invoke';
import { SCREENSHOTS } from '../fixtures';

/** Suggested incidents: the strip on every page, its cards, and the detection settings; in the spec's terms. */
export class DetectionPage {
  constructor(readonly page: Page) {}

  get strip(): Locator {
    return this.page.getByTestId('suggestions');
  }

  /** Active suggestions (the earlier ones are listed too once expanded). */
  suggestion(playbook: string): Locator {
    return this.page.locator(`[data-testid="suggestion"][data-state="active"][data-playbook="${playbook}"]`);
  }

  get activeSuggestions(): Locator {
    return this.page.locator('[data-testid="suggestion"][data-state="active"]');
  }

  get status(): Locator {
    return this.page.getByTestId('detection-status');
  }

  get notice(): Locator {
    return this.page.getByTestId('suggestion-notice');
  }

  invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeFromPage<T>(this.page, channel, input);
  }

  /** The three demo sources against a lab (exporter page, AsynqMon, Loki with its default queries), polled every second. */
  async addLabSources(labUrl: string): Promise<number[]> {
    const ids: number[] = [];
    for (const [name, kind] of [
      ['E2E exporter', 'exporter-scrape'],
      ['E2E AsynqMon', 'asynqmon'],
      ['E2E Loki', 'loki'],
    ] as const) {
      ids.push((await this.invoke<{ id: number }>('source:save', { name, kind, baseUrl: labUrl, intervalMs: 1_000, timeoutMs: 900 })).id);
    }
    return ids;
  }

  async openEvidence(playbook: string): Promise<void> {
    await this.suggestion(playbook).getByTestId('suggestion-details-toggle').click();
    await expect(this.suggestion(playbook).getByTestId('suggestion-detail')).toBeVisible();
  }

  async shoot(target: Locator, name: string): Promise<void> {
    await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  async shootPage(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}
