import { getAppInfo } from '../state/app-info';
import { call } from './client';

/**
 * Copies text for the person. In Electron the main process writes the clipboard (no focus or
 * permission prompt involved); in browser mode the page does, with the async Clipboard API, which
 * 127.0.0.1 may use as a secure context. Throws in words when neither can.
 */
export async function copyText(text: string): Promise<void> {
  if (getAppInfo()?.mode === 'electron') {
    await call('command:copy-text', { text });
    return;
  }
  if (typeof navigator === 'undefined' || !navigator.clipboard) {
    throw new Error('This browser gives the page no clipboard: select the text and press Ctrl+C.');
  }
  try {
    await navigator.clipboard.writeText(text);
  } catch (err) {
    throw new Error(
      `The browser refused the copy (${err instanceof Error ? err.message : String(err)}): select the text and press Ctrl+C.`,
      {
        cause: err,
      },
    );
  }
}
