/**
 * Printing a prepared HTML document to PDF: Electron's `printToPDF` in the app, headless Chromium
 * (playwright-core driving an installed Chromium or Chrome) in browser mode and on the command line.
 * The document carries its own page size, margins and running header/footer (CSS `@page` rules),
 * so every printer produces the same pages.
 */
export interface PdfPrinter {
  /** e.g. "headless Chromium (/usr/bin/chromium)"; shown with a finished export. */
  readonly description: string;
  /**
   * A complete HTML document (no scripts, nothing fetched) to PDF bytes. Rejects with an AppFailure
   * in words when no printer can run, and with an AbortError-named error once `signal` aborts.
   */
  print(html: string, opts?: { signal?: AbortSignal }): Promise<Buffer>;
}

/** What a printer throws when its signal aborted, so callers can tell cancelling from failing. */
export function abortError(): Error {
  const err = new Error('Cancelled.');
  err.name = 'AbortError';
  return err;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
