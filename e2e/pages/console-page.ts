import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { SCREENSHOTS } from '../fixtures';

/** Locators and actions for the command console; specs speak in these terms, not selectors. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('[data-app-state="loaded"]')).toBeVisible();
  }

  async declare(opts: { title: string; summary?: string; severity: string }): Promise<void> {
    await this.page.getByTestId('declare-button').click();
    await this.page.getByTestId('declare-title').fill(opts.title);
    if (opts.summary) await this.page.getByTestId('declare-summary').fill(opts.summary);
    await this.page.getByTestId('declare-severity').selectOption(opts.severity);
    await this.page.getByTestId('declare-submit').click();
    await expect(this.header).toContainText(opts.title);
  }

  get header(): Locator {
    return this.page.getByTestId('incident-header');
  }

  get timelineEvents(): Locator {
    return this.page.getByTestId('timeline').getByTestId('timeline-event');
  }

  incidentRows(): Locator {
    return this.page.getByTestId('incident-list').getByTestId('incident-row');
  }

  /** Picks a severity and confirms the change dialog (with an optional reason). */
  async setSeverity(sev: string, reason = ''): Promise<void> {
    await this.page.getByTestId('severity-select').selectOption(sev);
    await this.confirmChange(reason);
  }

  /** Picks a status and confirms the change dialog (closing lists what is still open first). */
  async setStatus(status: string, reason = ''): Promise<void> {
    await this.page.getByTestId('status-select').selectOption(status);
    await this.confirmChange(reason);
  }

  get changeDialog(): Locator {
    return this.page.getByTestId('change-dialog');
  }

  async confirmChange(reason = ''): Promise<void> {
    await expect(this.changeDialog).toBeVisible();
    if (reason) await this.changeDialog.getByTestId('change-reason').fill(reason);
    await this.changeDialog.getByTestId('change-confirm').click();
    await expect(this.changeDialog).toHaveCount(0);
  }

  /** Opens an incident tab by its key, as a person would (Command is 1, Details 6). */
  async openTab(id: string): Promise<void> {
    await this.page.getByTestId(`incident-tab-${id}`).click();
    await expect(this.page.getByTestId(`incident-tab-${id}`)).toHaveAttribute('aria-selected', 'true');
  }

  /** Roles live under Details: the header shows only the commander. */
  async assignRole(role: string, person: string): Promise<void> {
    await this.openTab('details');
    await this.page.getByTestId(`assign-${role}-name`).fill(person);
    await this.page.getByTestId(`assign-${role}`).click();
  }

  async addNote(text: string): Promise<void> {
    await this.page.getByTestId('note-input').fill(text);
    await this.page.getByTestId('note-submit').click();
  }

  /** The whole page, or with `fullPage` false what the viewport shows (a scrolled panel as the user sees it). */
  async screenshot(name: string, fullPage = true): Promise<void> {
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
  }
}
