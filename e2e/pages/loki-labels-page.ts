import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { SCREENSHOTS } from '../fixtures';

/** The logs panel and the Loki source form, as a spec about stream labels speaks of them. */
export class LokiLabelsPage {
  constructor(readonly page: Page) {}

  get query(): Locator {
    return this.page.getByTestId('logs-query');
  }

  get emptyHint(): Locator {
    return this.page.getByTestId('logs-empty-hint');
  }

  get serviceLabel(): Locator {
    return this.page.getByTestId('source-form').getByTestId('source-field-serviceLabel');
  }

  get serviceLabelHint(): Locator {
    return this.page.getByTestId('source-service-label-hint');
  }

  get testWarnings(): Locator {
    return this.page.getByTestId('source-test-warnings');
  }

  /**
   * From now on, counts animation frames in which the panel says it has lines but draws none (the
   * "172 lines, no rows" state). Read with framesWithoutRows().
   */
  async watchDrawnRows(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __undrawn: number; __frames: number };
      w.__undrawn = 0;
      w.__frames = 0;
      const tick = (): void => {
        const status = document.querySelector('[data-testid="logs-status"]')?.textContent ?? '';
        const counted = /^([\d,]+) lines?/.exec(status);
        const rows = document.querySelectorAll('[data-testid="log-line"]').length;
        w.__frames += 1;
        if (counted && Number(counted[1]?.replace(/,/g, '')) > 0 && rows === 0) w.__undrawn += 1;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  framesWithoutRows(): Promise<{ undrawn: number; frames: number }> {
    return this.page.evaluate(() => {
      const w = window as unknown as { __undrawn?: number; __frames?: number };
      return { undrawn: w.__undrawn ?? -1, frames: w.__frames ?? 0 };
    });
  }

  async shoot(target: Locator, name: string): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}
