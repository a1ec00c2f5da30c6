import { create } from 'zustand';
import type { Notice } from '../../shared/command/types';
import { call, onEvent } from '../api/client';
import { getAppInfo } from './app-info';
import { refreshCommandState } from './command';
import { openIncidentTab } from './incident-tab';
import { applyRoute } from './route';

export type Permission = NotificationPermission | 'unsupported';

interface NoticeStore {
  /** Newest first. */
  notices: Notice[];
  /** Fired while the page could not show them as system notifications: the banner and the title count. */
  unseen: Notice[];
  permission: Permission;
}

const MAX_KEPT = 50;
/** The tab that lists what is due: where a notification about an incident opens it. */
export const ACTIONS_TAB = 'actions';

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

const useNoticeStore = create<NoticeStore>()(() => ({ notices: [], unseen: [], permission: currentPermission() }));

export const useNotices = (): Notice[] => useNoticeStore((s) => s.notices);
export const useUnseenNotices = (): Notice[] => useNoticeStore((s) => s.unseen);
export const usePermission = (): Permission => useNoticeStore((s) => s.permission);

/** Opens what a notification is about: its incident on the actions tab, or the incident list for a suggestion. */
export function openNotice(incidentId: number | null): void {
  if (incidentId === null) {
    applyRoute({ kind: 'home' });
    return;
  }
  openIncidentTab(incidentId, ACTIONS_TAB);
  applyRoute({ kind: 'incident', id: incidentId });
}

/**
 * A notification fired in main. Electron already showed it as an OS notification; in browser mode
 * the page shows it with the Web Notifications API when allowed, else in the banner with a count
 * in the title, so a denied permission never means a silent miss.
 */
export function receiveNotice(notice: Notice): void {
  useNoticeStore.setState((s) => ({ notices: [notice, ...s.notices.filter((n) => n.id !== notice.id)].slice(0, MAX_KEPT) }));
  if (notice.incidentId !== null) refreshCommandState(notice.incidentId);
  if (getAppInfo()?.notifications === 'host') return;
  const permission = currentPermission();
  useNoticeStore.setState({ permission });
  if (permission === 'granted') {
    try {
      const n = new Notification(notice.title, { body: notice.body, tag: notice.id });
      n.onclick = () => {
        window.focus();
        openNotice(notice.incidentId);
        n.close();
      };
      return;
    } catch {
      // Some browsers allow the permission but not the constructor (service-worker-only): fall through to the banner.
    }
  }
  useNoticeStore.setState((s) => ({ unseen: [notice, ...s.unseen.filter((n) => n.id !== notice.id)].slice(0, MAX_KEPT) }));
}

export function markSeen(id?: string): void {
  useNoticeStore.setState((s) => ({ unseen: id === undefined ? [] : s.unseen.filter((n) => n.id !== id) }));
}

/** Asks for permission; call only from a click (browsers ignore or penalise asking unprompted). */
export async function requestPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const permission = await Notification.requestPermission();
  useNoticeStore.setState({ permission });
  return permission;
}

/** Subscribes to notifications; earlier ones are loaded for the list, never shown again. */
export function startNotices(): () => void {
  const offNotified = onEvent('command:notified', (payload) => {
    if (typeof payload === 'object' && payload !== null && typeof payload.id === 'string') receiveNotice(payload);
  });
  const offClicked = onEvent('command:notice-clicked', (payload) => {
    if (typeof payload === 'object' && payload !== null) openNotice(typeof payload.incidentId === 'number' ? payload.incidentId : null);
  });
  void call('command:list-notices', {})
    .then((earlier) =>
      useNoticeStore.setState((s) => ({ notices: [...s.notices, ...earlier.filter((e) => !s.notices.some((n) => n.id === e.id))] })),
    )
    .catch(() => {});
  return () => {
    offNotified();
    offClicked();
  };
}
