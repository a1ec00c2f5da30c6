import { useEffect } from 'react';
import { create } from 'zustand';
import { selectIncident, useSelectedId } from '../../state/detail';

/**
 * Whether the main area shows the Sources settings instead of an incident. Like the selected
 * incident (`#/incident/<id>`), it lives in the URL hash (`#/settings`) so a reload comes back to it.
 */
export const SETTINGS_HASH = '#/settings';

const useRouteStore = create<{ open: boolean }>()(() => ({
  open: typeof window !== 'undefined' && window.location.hash === SETTINGS_HASH,
}));

export function openSettings(): void {
  // The main area shows one thing: clearing the selection means a click on any incident leaves settings.
  selectIncident(null);
  useRouteStore.setState({ open: true });
  if (window.location.hash !== SETTINGS_HASH) window.history.replaceState(null, '', SETTINGS_HASH);
}

export function closeSettings(): void {
  useRouteStore.setState({ open: false });
  // Leave the hash alone when an incident already took it over.
  if (window.location.hash === SETTINGS_HASH) window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** For App: true while settings are shown; selecting (or declaring) an incident leaves them. */
export function useSettingsRoute(): boolean {
  const open = useRouteStore((s) => s.open);
  const selected = useSelectedId();
  useEffect(() => {
    if (selected !== null) closeSettings();
  }, [selected]);
  useEffect(() => {
    // A hash typed or pasted by hand (or history navigation) also switches views.
    const onHash = (): void => {
      const wanted = window.location.hash === SETTINGS_HASH;
      if (wanted !== useRouteStore.getState().open) {
        if (wanted) openSettings();
        else useRouteStore.setState({ open: false });
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return open;
}
