import { z } from 'zod';
import { emptyInput, out } from './define';

export interface AppInfo {
  version: string;
  /** 'cli': the command line (`npm run pitwall`), which serves no console. */
  mode: 'electron' | 'browser' | 'cli';
  dataDir: string;
  /** Who events are attributed to when the info was read (preferences:get says where the name comes from). */
  operator: string;
  startedAt: number;
  /** How source secrets are encrypted at rest, e.g. "Electron safeStorage (gnome_libsecret)"; shown under Settings. */
  secrets: string;
  /** Set when this start finished a staged restore: the name the replaced database was kept under. */
  restoredOver: string | null;
  /** Who shows notifications: the host (Electron's OS notifications) or the page (Web Notifications, else an in-app banner). */
  notifications: 'host' | 'page';
}

/** The app itself: what it is and where its data lives; handing a link to the OS browser. */
export const appChannels = {
  'app:get-info': { input: emptyInput, output: out<AppInfo>() },
  /**
   * Opens an http(s) address in the user's browser, after the renderer showed it and the user confirmed.
   * `opened: false` means this host cannot (browser mode): the page opens it itself, as a new tab.
   */
  'app:open-external': {
    input: z.strictObject({ url: z.string().trim().min(1).max(2_048) }),
    output: out<{ opened: boolean; url: string }>(),
  },
} as const;
