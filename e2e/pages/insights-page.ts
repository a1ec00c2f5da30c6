import type { Locator, Page } from '@playwright/test';

/** The metrics and action item pages and the sidebar search, in the spec's terms. */
export class InsightsPage {
  constructor(readonly page: Page) {}

  figure(group: string, metric: string): Locator {
    return this.page.getByTestId(`figure-${group}-${metric}`);
  }

  get figureDetail(): Locator {
    return this.page.getByTestId('figure-detail');
  }

  get actionRows(): Locator {
    return this.page.getByTestId('actions-page').getByTestId('action-row');
  }

  get incidentActionRows(): Locator {
    return this.page.getByTestId('incident-actions').getByTestId('action-row');
  }

  async addAction(o: { title: string; owner?: string; ticket?: string; due?: string }): Promise<void> {
    const p = this.page;
    await p.getByTestId('new-action-title').fill(o.title);
    await p.getByTestId('new-action-owner').fill(o.owner ?? '');
    await p.getByTestId('new-action-ticket').fill(o.ticket ?? '');
    await p.getByTestId('new-action-due').fill(o.due ?? '');
    await p.getByTestId('new-action-submit').click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('incident-search').fill(text);
  }

  get searchResults(): Locator {
    return this.page.getByTestId('search-results').getByTestId('search-result');
  }
}
