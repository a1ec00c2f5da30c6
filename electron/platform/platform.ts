import type { ClipboardWriter } from './clipboard';
import type { Notifier } from './notifier';
import type { PdfPrinter } from './pdf-printer';

/**
 * What only the host can do, behind a small interface so electron/core never imports Electron.
 * main.ts passes Electron implementations (safeStorage, …); browser mode and tests use the Node ones.
 */

/** Encrypts secrets at rest (source passwords, tokens, secret headers). */
export interface SecretBox {
  /** e.g. "Electron safeStorage (libsecret)" or "key file ~/.config/Pitwall/secret.key (0600)"; shown in settings. */
  readonly description: string;
  encrypt(plain: string): Buffer;
  /** Throws with a clear message when the data cannot be decrypted (other machine, lost key). */
  decrypt(sealed: Buffer): string;
}

/**
 * The host's capabilities. Each new one (notifications, printing to PDF, clipboard, save/open
 * dialogs) is an interface in its own file here with an Electron implementation passed in by
 * main.ts and a Node implementation for browser mode, the command line and tests.
 */
export interface Platform {
  secrets: SecretBox;
  /** Absent: notifications are left to the page (pageNotifier). */
  notifier?: Notifier;
  /** Absent: the page copies with navigator.clipboard. */
  clipboard?: ClipboardWriter;
  /** Reports to PDF (pdf-printer.ts): Electron printToPDF in the app, headless Chromium elsewhere. */
  pdf: PdfPrinter;
}
