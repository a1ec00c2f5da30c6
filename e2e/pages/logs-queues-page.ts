import { invokeFromPage } from '../../electron/test-support/page-invoke';
import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { SCREENSHOTS } from '../fixtures';

/** The command view's queue and logs panels, the health bar and pinned evidence, in the spec's terms. */
export class LogsQueuesPage {
  constructor(readonly page: Page) {}

  get healthBar(): Locator {
    return this.page.getByTestId('health-bar');
  }

  healthChip(sourceId: number): Locator {
    return this.healthBar.locator(`[data-testid="health-chip"][data-source-id="${sourceId}"]`);
  }

  get queuePanel(): Locator {
    return this.page.getByTestId('queue-panel');
  }

  get queueRows(): Locator {
    return this.queuePanel.getByTestId('queue-row');
  }

  async queueOrder(): Promise<(string | null)[]> {
    return this.queueRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-queue')));
  }

  async sortQueuesBy(column: string): Promise<void> {
    await this.page.getByTestId(`queue-sort-${column}`).click();
  }

  get logsPanel(): Locator {
    return this.page.getByTestId('logs-panel');
  }

  get logLines(): Locator {
    return this.logsPanel.getByTestId('log-line');
  }

  async runLogQuery(query: string): Promise<void> {
    await this.page.getByTestId('logs-query').fill(query);
    await this.page.getByTestId('logs-run').click();
  }

  get timelineEvidence(): Locator {
    return this.page.getByTestId('timeline').getByTestId('timeline-evidence');
  }

  /** A call through browser mode's own HTTP API, from the page. */
  invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeFromPage<T>(this.page, channel, input);
  }

  /** The console scrolls inside its main area, so page screenshots miss lower panels: shoot the element. */
  async shoot(target: Locator, name: string): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  async waitLoaded(): Promise<void> {
    await expect(this.page.locator('[data-app-state="loaded"]')).toBeVisible();
  }
}
