import { expect, type Download, type Locator, type Page } from '@playwright/test';
import type { ExportFormat } from '../../shared/domain/reports';

/** The incident's Report tab and the bundle import above the incident list. */
export class ReportPage {
  constructor(readonly page: Page) {}

  get tab(): Locator {
    return this.page.getByTestId('report-tab');
  }

  get outline(): Locator {
    return this.page.getByTestId('report-outline');
  }

  get jobs(): Locator {
    return this.page.getByTestId('report-jobs').getByTestId('report-job');
  }

  get importOutcome(): Locator {
    return this.page.getByTestId('import-outcome');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('5');
    await expect(this.tab).toBeVisible();
  }

  /** Starts an export and waits for the browser's download of the finished file. */
  async export(format: ExportFormat): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 90_000 });
    await this.page.getByTestId(`export-${format}`).click();
    return download;
  }

  async importFile(path: string): Promise<void> {
    await this.page.getByTestId('import-bundle-file').setInputFiles(path);
  }
}
