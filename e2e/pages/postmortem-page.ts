import { expect, type Locator, type Page } from '@playwright/test';
import { invokeFromPage } from '../../electron/test-support/page-invoke';

/** The Postmortem tab (editor, preview, history) in the spec's terms. */
export class PostmortemPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('incident-tab-postmortem').click();
    await expect(this.page.getByTestId('postmortem-tab')).toBeVisible({ timeout: 20_000 });
  }

  async draft(template: 'lecture' | 'gaudi'): Promise<void> {
    await this.page.getByTestId(`draft-${template}`).click();
    await expect(this.editor).toBeVisible();
  }

  get editor(): Locator {
    return this.page.getByTestId('postmortem-editor-content');
  }

  get preview(): Locator {
    return this.page.getByTestId('postmortem-preview');
  }

  get saveStatus(): Locator {
    return this.page.getByTestId('save-status');
  }

  /** Puts the cursor at the end of the document. */
  async toEnd(): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('Control+End');
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  }

  get history(): Locator {
    return this.page.getByTestId('version-history');
  }

  versionRows(): Locator {
    return this.history.getByTestId('version-row');
  }

  async invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeFromPage<T>(this.page, channel, input);
  }
}
