import { useEffect } from 'react';
import { create } from 'zustand';
import { selectIncident, useSelectedId } from './detail';
import { SETTINGS_HASH, parseHash, replaceHash, type Route } from './route-hash';

/** Whether the main area shows the Sources settings instead of an incident (`#/settings`). */
const useRouteStore = create<{ settingsOpen: boolean }>()(() => ({ settingsOpen: false }));

export function openSettings(): void {
  // The main area shows one thing: clearing the selection means a click on any incident leaves settings.
  selectIncident(null);
  useRouteStore.setState({ settingsOpen: true });
  replaceHash(SETTINGS_HASH);
}

export function closeSettings(): void {
  useRouteStore.setState({ settingsOpen: false });
  // Leave the hash alone when an incident already took it over.
  if (typeof window !== 'undefined' && window.location.hash === SETTINGS_HASH) replaceHash('');
}

/** Shows what a route names. */
export function applyRoute(route: Route): void {
  if (route.kind === 'settings') {
    if (!useRouteStore.getState().settingsOpen) openSettings();
  } else if (route.kind === 'incident') {
    useRouteStore.setState({ settingsOpen: false });
    selectIncident(route.id);
  } else {
    closeSettings();
    selectIncident(null);
  }
}

/**
 * The one hashchange listener: applies the hash the page opened with, then every hash typed,
 * pasted, linked (a health chip's `#/settings`) or reached with back and forward.
 */
export function followHash(): () => void {
  const apply = (): void => applyRoute(parseHash(window.location.hash));
  apply();
  window.addEventListener('hashchange', apply);
  return () => window.removeEventListener('hashchange', apply);
}

/** For App: true while settings are shown; selecting (or declaring) an incident leaves them. */
export function useSettingsRoute(): boolean {
  const open = useRouteStore((s) => s.settingsOpen);
  const selected = useSelectedId();
  useEffect(() => {
    if (selected !== null) closeSettings();
  }, [selected]);
  return open;
}
