import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { invokeFromPage } from '../../electron/test-support/page-invoke';
import { SCREENSHOTS } from '../fixtures';

/** The "Comms & actions" tab, its dialogs, the notice banner and the command settings, in a spec's terms. */
export class CommandActionsPage {
  constructor(readonly page: Page) {}

  invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeFromPage<T>(this.page, channel, input);
  }

  async openTab(): Promise<void> {
    await this.page.getByTestId('incident-tab-actions').click();
    await expect(this.dueList).toBeVisible();
  }

  get dueList(): Locator {
    return this.page.getByTestId('due-list');
  }

  dueItem(kind: string): Locator {
    return this.dueList.locator(`[data-testid="due-item"][data-kind="${kind}"]`);
  }

  get nextDue(): Locator {
    return this.page.getByTestId('next-due');
  }

  get comms(): Locator {
    return this.page.getByTestId('comms-panel');
  }

  get draft(): Locator {
    return this.comms.getByTestId('comms-draft');
  }

  async chooseTemplate(id: string): Promise<void> {
    await this.comms.getByTestId('comms-template').selectOption(id);
  }

  async markSent(): Promise<void> {
    await this.comms.getByTestId('comms-mark-sent').click();
    await expect(this.comms.getByTestId('comms-note')).toContainText('recorded as sent');
  }

  get mitigations(): Locator {
    return this.page.getByTestId('mitigations-panel');
  }

  get queueDialog(): Locator {
    return this.page.getByTestId('queue-dialog');
  }

  get silenceDialog(): Locator {
    return this.page.getByTestId('silence-dialog');
  }

  get banner(): Locator {
    return this.page.getByTestId('notice-banner');
  }

  get timelineKinds(): Promise<(string | null)[]> {
    return this.page.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  }

  /** Records what the page hands to the Web Notifications API (before the real constructor runs). */
  async spyOnNotifications(): Promise<void> {
    await this.page.addInitScript(() => {
      const Real = window.Notification;
      const shown: { title: string; tag: string | undefined }[] = [];
      (window as unknown as { __shown: typeof shown }).__shown = shown;
      class Spy extends Real {
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, tag: options?.tag });
          super(title, options);
        }
      }
      window.Notification = Spy;
    });
  }

  shown(): Promise<{ title: string; tag: string | undefined }[]> {
    return this.page.evaluate(() => (window as unknown as { __shown: { title: string; tag: string | undefined }[] }).__shown);
  }

  async shoot(target: Locator, name: string): Promise<void> {
    await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}
