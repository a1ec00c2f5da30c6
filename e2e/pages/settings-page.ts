import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { SCREENSHOTS } from '../fixtures';

export interface SourceFields {
  name?: string;
  kind?: 'prometheus' | 'asynqmon' | 'loki' | 'alertmanager' | 'exporter-scrape';
  baseUrl?: string;
  basic?: { username: string; password: string };
  timeoutSec?: string;
  intervalSec?: string;
}

/** Locators and actions for the Sources settings screen; specs speak in these terms, not selectors. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('settings-button').click();
    await expect(this.view).toBeVisible();
  }

  get view(): Locator {
    return this.page.getByTestId('settings-view');
  }

  get form(): Locator {
    return this.page.getByTestId('source-form');
  }

  /** A form field by its SourceInput name: name, kind, baseUrl, authKind, username, password, token, timeoutMs, … */
  field(name: string): Locator {
    return this.form.getByTestId(`source-field-${name}`);
  }

  fieldError(name: string): Locator {
    return this.form.getByTestId(`source-error-${name}`);
  }

  row(name: string): Locator {
    return this.view.getByTestId('source-row').filter({ has: this.page.getByTestId('source-name').getByText(name, { exact: true }) });
  }

  async startAdd(): Promise<void> {
    await this.view.getByTestId('source-add').click();
    await expect(this.form).toBeVisible();
  }

  async fill(fields: SourceFields): Promise<void> {
    if (fields.kind) await this.field('kind').selectOption(fields.kind);
    if (fields.name !== undefined) await this.field('name').fill(fields.name);
    if (fields.baseUrl !== undefined) await this.field('baseUrl').fill(fields.baseUrl);
    if (fields.basic) {
      await this.field('authKind').selectOption('basic');
      await this.field('username').fill(fields.basic.username);
      await this.field('password').fill(fields.basic.password);
    }
    if (fields.timeoutSec !== undefined) await this.field('timeoutMs').fill(fields.timeoutSec);
    if (fields.intervalSec !== undefined) await this.field('intervalMs').fill(fields.intervalSec);
  }

  /** Tests the unsaved form and waits for the answer. */
  async testForm(): Promise<Locator> {
    await this.form.getByTestId('source-test').click();
    const result = this.form.getByTestId('source-test-result');
    await expect(result).not.toHaveAttribute('data-result', 'pending', { timeout: 30_000 });
    return result;
  }

  /** Saves and waits for the form to close (pass `closes: false` when the save should be refused). */
  async save(closes = true): Promise<void> {
    await this.form.getByTestId('source-save').click();
    if (closes) await expect(this.form).toBeHidden();
  }

  async edit(name: string): Promise<void> {
    await this.row(name).getByTestId('source-edit').click();
    await expect(this.form).toHaveAttribute('data-mode', 'edit');
  }

  async delete(name: string): Promise<void> {
    await this.row(name).getByTestId('source-delete').click();
    const dialog = this.page.getByTestId('source-delete-dialog');
    await expect(dialog).toContainText(name);
    await dialog.getByTestId('source-delete-confirm').click();
    await expect(dialog).toBeHidden();
  }

  async sourceId(name: string): Promise<string> {
    const id = await this.row(name).getAttribute('data-source-id');
    if (!id) throw new Error(`no source row named ${name}`);
    return id;
  }

  enabledToggle(id: string): Locator {
    return this.view.getByTestId(`source-enabled-${id}`);
  }

  retentionField(name: string): Locator {
    return this.view.getByTestId('retention-form').getByTestId(`retention-field-${name}`);
  }

  async saveRetention(): Promise<void> {
    await this.view.getByTestId('retention-save').click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
}
