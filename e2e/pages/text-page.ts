import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { SCREENSHOTS } from '../fixtures';

/** What a hostile-text spec measures: sideways overflow, controls in view, CSP reports. */
export class TextPage {
  constructor(readonly page: Page) {}

  /** Records every Content-Security-Policy violation from the first script on; read with cspViolations(). */
  async recordCspViolations(): Promise<void> {
    await this.page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? ['the recorder did not run']);
  }

  /**
   * How far the page, and the console's scrolling main area, reach past their width (0 when nothing
   * does), with the widest elements that stick out named, so a failure says what to fix.
   */
  overflow(): Promise<{ page: number; main: number; offenders: string[] }> {
    return this.page.evaluate(() => {
      const doc = document.documentElement;
      const main = document.querySelector<HTMLElement>('main.main');
      const limit = window.innerWidth;
      const offenders = Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .map((el) => ({ el, right: el.getBoundingClientRect().right }))
        .filter((x) => x.right > limit + 1)
        .sort((a, b) => b.right - a.right)
        .slice(0, 6)
        .map(({ el, right }) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')} right=${Math.round(right)}`);
      return {
        page: doc.scrollWidth - doc.clientWidth,
        main: main ? main.scrollWidth - main.clientWidth : 0,
        offenders,
      };
    });
  }

  /** Whether the element lies inside the window horizontally. */
  async inView(target: Locator): Promise<boolean> {
    const box = await target.boundingBox();
    const width = this.page.viewportSize()?.width ?? 0;
    return box !== null && box.x >= 0 && box.x + box.width <= width;
  }

  /** What the window shows right now (element shots of a box taller than the window come out garbled). */
  async shootWindow(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  get titleMarks(): Locator {
    return this.page.getByTestId('incident-title').locator('.ut-mark');
  }

  get summary(): Locator {
    return this.page.getByTestId('incident-summary');
  }

  noteError(): Locator {
    return this.page.getByTestId('note-error');
  }
}
