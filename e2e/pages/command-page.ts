import { invokeFromPage } from '../../electron/test-support/page-invoke';
import type { Locator, Page } from '@playwright/test';

/** The command view (range toolbar, correlation chart, GPU heatmap) in the spec's terms. */
export class CommandPage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('command-view');
  }

  get chart(): Locator {
    return this.page.getByTestId('correlation-chart');
  }

  get brushArea(): Locator {
    return this.chart.getByTestId('chart-brush-area');
  }

  markers(kind?: string): Locator {
    return this.chart.locator(kind ? `[data-testid="chart-marker"][data-kind="${kind}"]` : '[data-testid="chart-marker"]');
  }

  get correlationText(): Locator {
    return this.page.getByTestId('correlation-text');
  }

  get heatmap(): Locator {
    return this.page.getByTestId('gpu-heatmap');
  }

  get gpuCells(): Locator {
    return this.heatmap.getByTestId('gpu-cell');
  }

  range(preset: string): Locator {
    return this.page.getByTestId(`range-${preset}`);
  }

  get follow(): Locator {
    return this.page.getByTestId('range-follow');
  }

  async number(attribute: string): Promise<number> {
    return Number((await this.chart.getAttribute(attribute)) ?? Number.NaN);
  }

  /** The chart's current window, as drawn (data-from / data-to). */
  async window(): Promise<{ fromMs: number; toMs: number }> {
    return { fromMs: await this.number('data-from'), toMs: await this.number('data-to') };
  }

  /** Drag across the plot from instant `a` to instant `b` (the brush zoom). */
  async brush(a: number, b: number): Promise<void> {
    const box = await this.brushArea.boundingBox();
    if (!box) throw new Error('the chart has no plot area on screen');
    const { fromMs, toMs } = await this.window();
    const x = (t: number): number => box.x + ((Math.min(toMs, Math.max(fromMs, t)) - fromMs) / (toMs - fromMs)) * box.width;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x(a), y);
    await this.page.mouse.down();
    await this.page.mouse.move((x(a) + x(b)) / 2, y, { steps: 4 });
    await this.page.mouse.move(x(b), y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** A call through browser mode's own HTTP API, from the page. */
  invoke<T>(channel: string, input: unknown): Promise<T> {
    return invokeFromPage<T>(this.page, channel, input);
  }
}
