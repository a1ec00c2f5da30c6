import { hasBinary } from '../lab/test-support';
import { findChromium } from '../platform/chromium-pdf-printer';

/**
 * Why PDFs cannot be printed and read back here (no Chromium, or no poppler-utils), or null when they
 * can: tests that need both skip, or leave the PDF out, saying this.
 */
export function pdfToolsMissing(tools: readonly string[] = ['pdftotext']): string | null {
  try {
    findChromium();
  } catch (err) {
    return (err as Error).message;
  }
  const absent = tools.filter((t) => !hasBinary(t));
  return absent.length === 0 ? null : `poppler-utils (${absent.join(', ')}) is not installed`;
}
