import { expect, type Locator, type Page } from '@playwright/test';

/** The Backups section of the settings page. */
export class BackupPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByTestId('backup-section');
  }

  get rows(): Locator {
    return this.section.getByTestId('backup-list').locator('tbody tr');
  }

  async backUp(): Promise<void> {
    const before = await this.rows.count();
    await this.section.getByTestId('backup-now').click();
    await expect(this.rows).toHaveCount(before + 1);
  }

  async restoreNewest(): Promise<void> {
    await this.rows.first().getByTestId('backup-restore').click();
    await this.page.getByTestId('restore-confirm-button').click();
    await expect(this.section.getByTestId('restore-staged')).toBeVisible();
  }
}
