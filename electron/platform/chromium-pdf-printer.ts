import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppFailure } from '../../shared/contract/result';
import { abortError, type PdfPrinter } from './pdf-printer';

/** Where Chromium or Chrome usually lives, per OS; PITWALL_CHROMIUM wins over all of them. */
const CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

const INSTALL_HINT: Readonly<Record<string, string>> = {
  linux: 'sudo apt-get install chromium (Debian/Ubuntu) or sudo dnf install chromium (Fedora)',
  darwin: 'brew install --cask chromium, or install Google Chrome',
  win32: 'install Google Chrome or Microsoft Edge',
};

/** Flags for a print-only headless browser: nothing fetched, nothing synced, no GPU. */
const ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function bundledChromium(): string | null {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The Chromium to print with, or an error saying how to get one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string {
  const named = env.PITWALL_CHROMIUM;
  if (named) {
    if (existsSync(named)) return named;
    throw new AppFailure(
      'unavailable',
      `PITWALL_CHROMIUM names ${named}, which does not exist. Point it at a Chromium or Chrome executable.`,
    );
  }
  const candidates = CANDIDATES[platform] ?? [];
  const found = candidates.find((p) => existsSync(p)) ?? bundledChromium();
  if (found) return found;
  throw new AppFailure(
    'unavailable',
    `No Chromium or Chrome was found to print the PDF (looked in ${candidates.join(', ') || 'the usual places'}). ` +
      `Install one — ${INSTALL_HINT[platform] ?? 'install Chromium or Google Chrome'}, or npx playwright install chromium — ` +
      'or set PITWALL_CHROMIUM to its path. Markdown and JSON exports work without it.',
  );
}

/**
 * Browser mode and the command line: a headless Chromium launched through playwright-core for each
 * print and closed after it (a report is printed now and then; an idle browser would hold memory
 * for nothing). JavaScript is off in the page: the report is static HTML and SVG.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  private readonly path: string | null;
  private readonly lookupError: unknown;

  constructor(executablePath?: string) {
    let path: string | null = null;
    let error: unknown = null;
    try {
      path = executablePath ?? findChromium();
    } catch (err) {
      error = err;
    }
    this.path = path;
    this.lookupError = error;
  }

  get description(): string {
    return this.path ? `headless Chromium (${this.path})` : 'headless Chromium (not found)';
  }

  async print(html: string, opts: { signal?: AbortSignal } = {}): Promise<Buffer> {
    if (!this.path) throw this.lookupError instanceof Error ? this.lookupError : new AppFailure('unavailable', 'No Chromium found.');
    const { signal } = opts;
    if (signal?.aborted) throw abortError();
    let browser: Browser | null = null;
    const onAbort = (): void => void browser?.close().catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // Chromium refuses to start as root with its sandbox on (containers, CI); the page runs no script.
      const args = process.getuid?.() === 0 ? ['--no-sandbox', ...ARGS] : ARGS;
      try {
        browser = await chromium.launch({ executablePath: this.path, args, headless: true });
      } catch (err) {
        throw new AppFailure('unavailable', `Chromium at ${this.path} did not start: ${firstLine(err)}`, { cause: err });
      }
      if (signal?.aborted) throw abortError();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      if (signal?.aborted) throw abortError();
      return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    } catch (err) {
      if (signal?.aborted) throw abortError();
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await browser?.close().catch(() => {});
    }
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
