/** A notification as the host shows it. */
export interface HostNotice {
  title: string;
  body: string;
  /** Stable per notification, so a host can replace rather than stack a repeat. */
  tag: string;
}

/**
 * Shows notifications outside the window. Electron implements it with its main-process
 * `Notification` (main.ts); browser mode has no host notifications, so its notifier leaves them to
 * the page, which shows the pushed `command:notified` event with the Web Notifications API (or an
 * in-app banner and a count in the title when the person said no).
 */
export interface Notifier {
  /** 'host': shown by this notifier; 'page': the page shows it from the pushed event. */
  readonly shownBy: 'host' | 'page';
  show(notice: HostNotice, onClick: () => void): void;
}

export const pageNotifier: Notifier = {
  shownBy: 'page',
  show: () => {},
};
