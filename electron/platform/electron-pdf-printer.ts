import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { abortError, type PdfPrinter } from './pdf-printer';

/** Options of Electron's `webContents.printToPDF` that the report uses. */
export interface PrintToPdfOptions {
  preferCSSPageSize: boolean;
  printBackground: boolean;
  generateTaggedPDF: boolean;
  generateDocumentOutline: boolean;
}

/**
 * The part of an Electron BrowserWindow printing needs. main.ts passes a factory making a hidden,
 * sandboxed window with JavaScript off, so this file (and core) never import 'electron'.
 */
export interface PrintWindow {
  loadFile(path: string): Promise<void>;
  readonly webContents: { printToPDF(options: PrintToPdfOptions): Promise<Buffer> };
  destroy(): void;
}

/**
 * The app: Electron's own Chromium prints the report, so no other browser is needed. The HTML goes
 * through a temporary file rather than a data: URL, which Chromium caps at 2 MB (a long timeline
 * with its charts is more).
 */
export class ElectronPdfPrinter implements PdfPrinter {
  readonly description = 'Electron printToPDF';

  constructor(
    private readonly newWindow: () => PrintWindow,
    private readonly tempRoot: string,
  ) {}

  async print(html: string, opts: { signal?: AbortSignal } = {}): Promise<Buffer> {
    const { signal } = opts;
    if (signal?.aborted) throw abortError();
    const dir = mkdtempSync(join(this.tempRoot, 'pitwall-print-'));
    const file = join(dir, 'report.html');
    let win: PrintWindow | null = null;
    const onAbort = (): void => win?.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      writeFileSync(file, html, { mode: 0o600 });
      win = this.newWindow();
      await win.loadFile(file);
      if (signal?.aborted) throw abortError();
      return await win.webContents.printToPDF({
        preferCSSPageSize: true,
        printBackground: true,
        generateTaggedPDF: true,
        generateDocumentOutline: true,
      });
    } catch (err) {
      if (signal?.aborted) throw abortError();
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      win?.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
