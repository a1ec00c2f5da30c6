import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Notification, safeStorage, session, shell } from 'electron';
import { channels } from '../shared/contract/channels';
import { createCore, type PitwallCore } from './core/app';
import { resolveDataDir } from './core/data-dir';
import { ElectronPdfPrinter } from './platform/electron-pdf-printer';
import type { Notifier } from './platform/notifier';
import type { SecretBox } from './platform/platform';
import { CONTENT_SECURITY_POLICY } from './server/csp';
import { attachDemoLab, type DemoLab } from './server/demo-lab';

declare const PITWALL_VERSION: string;

/**
 * The thin Electron shell: one window, locked down, and a generic IPC loop over
 * the contract. Everything else lives in core/, which browser mode and the tests
 * run without Electron.
 */
const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

function isOwnPage(url: string): boolean {
  return url === rendererUrl || url.startsWith(`${rendererUrl}#`) || url.startsWith(`${rendererUrl}?`);
}

function registerIpc(core: PitwallCore): void {
  for (const channel of Object.keys(channels)) {
    ipcMain.handle(channel, (event, input: unknown) => {
      // Only our own page may call in, never a frame that navigated elsewhere.
      if (!isOwnPage(event.senderFrame?.url ?? '')) {
        return { ok: false, error: { code: 'bad-input', message: 'Calls are accepted only from the Pitwall window.' } };
      }
      return core.dispatch(channel, input);
    });
  }
}

/** Secrets at rest through the OS keychain (Keychain, DPAPI, libsecret/kwallet). */
function safeStorageBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('The OS keychain is not available, so source passwords and tokens cannot be stored encrypted.');
  }
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  // With no keyring on Linux, Chromium falls back to a fixed key: say so rather than imply protection.
  const weak = backend === 'basic_text' ? ' — no OS keyring found, so secrets are only obfuscated' : '';
  return {
    description: `Electron safeStorage${backend ? ` (${backend})` : ''}${weak}`,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}

/** Reports print in a hidden window of Electron's own Chromium, with JavaScript off: the report is static HTML and SVG. */
function printWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false },
  });
}

/**
 * Due items and suggestions as OS notifications (main-process `Notification`). Shown ones are held
 * until closed: a notification object that is garbage-collected no longer delivers its click.
 */
function electronNotifier(): Notifier | undefined {
  if (!Notification.isSupported()) return undefined;
  const held = new Set<Notification>();
  return {
    shownBy: 'host',
    show(notice, onClick) {
      const n = new Notification({ title: notice.title, body: notice.body });
      held.add(n);
      n.on('click', () => {
        held.delete(n);
        const win = BrowserWindow.getAllWindows()[0];
        if (win) {
          if (win.isMinimized()) win.restore();
          win.focus();
        }
        onClick();
      });
      n.on('close', () => held.delete(n));
      n.show();
    },
  };
}

function createWindow(core: PitwallCore): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    backgroundColor: '#0b0f14',
    title: 'Pitwall',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isOwnPage(url)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the outside world open in the user's browser, never in a Pitwall window.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const unsubscribe = core.subscribe((m) => {
    if (!win.isDestroyed()) win.webContents.send(m.event, m.payload);
  });
  win.on('closed', unsubscribe);
  void win.loadFile(rendererIndex);
  return win;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Everything is denied except writing plain text to the clipboard (checklist commands, comms): never reading it.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  let core: PitwallCore;
  let lab: DemoLab | null = null;
  try {
    core = createCore({
      dataDir: resolveDataDir(),
      mode: 'electron',
      version: PITWALL_VERSION,
      platform: {
        secrets: safeStorageBox(),
        pdf: new ElectronPdfPrinter(printWindow, app.getPath('temp')),
        notifier: electronNotifier(),
        clipboard: { writeText: (text) => clipboard.writeText(text) },
      },
      ...(process.env.PITWALL_NATIVE_BINDING ? { nativeBinding: process.env.PITWALL_NATIVE_BINDING } : {}),
    });
    // The same embedded demo lab as browser mode, when the demo profile wants it, unless --no-lab.
    lab = await attachDemoLab(core, { disabled: process.argv.includes('--no-lab') });
  } catch (err) {
    await lab?.close();
    dialog.showErrorBox('Pitwall could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }
  registerIpc(core);
  let win = createWindow(core);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(core);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // The poller stops and SQLite closes; WAL keeps every committed write even if exit wins the race.
    void core.close().finally(() => lab?.close());
  });
}

void start();
