import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { invokeFromPage } from '../../electron/test-support/page-invoke';
import { SCREENSHOTS } from '../fixtures';

/** The Checklists tab and the playbook library in the spec's terms. */
export class ChecklistsPage {
  constructor(readonly page: Page) {}

  invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeFromPage<T>(this.page, channel, input);
  }

  get tab(): Locator {
    return this.page.getByTestId('checklists-tab');
  }

  checklist(playbookId: string): Locator {
    return this.page.locator(`[data-testid="checklist"][data-playbook="${playbookId}"]`);
  }

  navItem(playbookId: string): Locator {
    return this.page.locator(`[data-testid="checklist-nav"][data-playbook="${playbookId}"]`);
  }

  item(itemId: string): Locator {
    return this.page.locator(`[data-testid="checklist-item"][data-item-id="${itemId}"]`);
  }

  evidence(itemId: string, kind: string): Locator {
    return this.item(itemId).locator(`[data-testid="evidence-chip"][data-kind="${kind}"]`);
  }

  frozen(itemId: string): Locator {
    return this.item(itemId).getByTestId('evidence-frozen');
  }

  get itemInput(): Locator {
    return this.page.getByTestId('item-input');
  }

  headerProgress(playbookId = 'first-response'): Locator {
    return this.page.locator(`[data-testid="header-checklist"][data-playbook="${playbookId}"]`).getByTestId('checklist-progress');
  }

  rowProgress(ref: string): Locator {
    return this.page.locator(`[data-testid="incident-row"][data-ref="${ref}"]`).getByTestId('row-checklists');
  }

  checklistEvents(): Locator {
    return this.page.getByTestId('timeline').locator('[data-testid="timeline-event"][data-kind="checklist"]');
  }

  async attach(playbookId: string): Promise<void> {
    await this.page.getByTestId('attach-playbook-select').selectOption(playbookId);
    await this.page.getByTestId('attach-playbook-submit').click();
    await expect(this.navItem(playbookId)).toBeVisible();
  }

  /** Library page. */
  get library(): Locator {
    return this.page.getByTestId('playbooks-page');
  }

  libraryRow(id: string): Locator {
    return this.page.locator(`[data-testid="playbook-row"][data-playbook="${id}"]`);
  }

  get playbookView(): Locator {
    return this.page.getByTestId('playbook-view');
  }

  get message(): Locator {
    return this.page.getByTestId('playbook-message');
  }

  /** Replaces the editor's whole text, as a paste would. */
  async replaceEditorText(text: string): Promise<void> {
    const editor = this.page.getByTestId('playbook-editor-text').locator('.cm-content');
    await editor.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  async shoot(locator: Locator, name: string): Promise<void> {
    await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}
