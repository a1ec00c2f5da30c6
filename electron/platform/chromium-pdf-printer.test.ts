import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/contract/result';
import { ChromiumPdfPrinter, findChromium } from './chromium-pdf-printer';

function bundledPresent(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

describe('finding a Chromium to print with', () => {
  it('a PITWALL_CHROMIUM that does not exist is named, not silently replaced', () => {
    expect(() => findChromium({ PITWALL_CHROMIUM: '/nowhere/chrome' }, 'linux')).toThrow(
      'PITWALL_CHROMIUM names /nowhere/chrome, which does not exist.',
    );
  });

  it.skipIf(bundledPresent())('with none installed, the error says how to install one', async () => {
    let err: unknown;
    try {
      findChromium({}, 'sunos');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppFailure);
    expect((err as AppFailure).code).toBe('unavailable');
    expect((err as AppFailure).message).toMatch(
      /No Chromium or Chrome was found .* npx playwright install chromium .* PITWALL_CHROMIUM .* Markdown and JSON exports work without it\./,
    );
    // The printer is still made (the app starts); printing says why it cannot.
    const printer = new ChromiumPdfPrinter('/nowhere/chrome');
    await expect(printer.print('<p>x</p>')).rejects.toThrow(/did not start/);
  });
});
