import type { Locator, Page } from '@playwright/test';

/** What the GPU and queue panels say about their source, and what the timeline says about history. */
export class PanelsPage {
  constructor(readonly page: Page) {}

  get gpuSource(): Locator {
    return this.page.getByTestId('gpu-source');
  }

  get gpuMissing(): Locator {
    return this.page.getByTestId('gpu-missing');
  }

  get queueSource(): Locator {
    return this.page.getByTestId('queue-source');
  }

  get queueMissing(): Locator {
    return this.page.getByTestId('queue-missing');
  }

  gpuCell(node: string, gpu: string): Locator {
    return this.page.locator(`[data-testid="gpu-cell"][data-node="${node}"][data-gpu="${gpu}"]`);
  }

  queuePending(queue: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-queue="${queue}"] .q-pending b`);
  }

  get unreportedStats(): Locator {
    return this.page.getByTestId('queue-panel').getByTestId('queue-stat-unreported');
  }

  get backfillEvents(): Locator {
    return this.page.getByTestId('timeline').locator('[data-testid="timeline-event"][data-kind="backfill"]');
  }

  evidenceExtreme(metric: string): Locator {
    return this.page.getByTestId('timeline').locator(`[data-testid="evidence-extreme"][data-metric="${metric}"]`);
  }

  keyMarker(time: string): Locator {
    return this.page.getByTestId('correlation-chart').locator(`[data-testid="chart-marker"][data-kind="key"][data-times~="${time}"]`);
  }
}
