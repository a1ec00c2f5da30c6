import { useEffect } from 'react';
import { create } from 'zustand';
import { selectIncident, useSelectedId } from './detail';
import { hashFor, parseHash, replaceHash, type PageId, type Route } from './route-hash';

/** Which top-level page the main area shows instead of an incident (`#/settings`, …); null for incidents. */
const useRouteStore = create<{ page: PageId | null }>()(() => ({ page: null }));

export function openPage(page: PageId): void {
  // The main area shows one thing: clearing the selection means a click on any incident leaves the page.
  selectIncident(null);
  useRouteStore.setState({ page });
  replaceHash(hashFor({ kind: 'page', page }));
}

export function closePage(): void {
  const { page } = useRouteStore.getState();
  useRouteStore.setState({ page: null });
  // Leave the hash alone when an incident already took it over.
  if (page !== null && typeof window !== 'undefined' && window.location.hash === hashFor({ kind: 'page', page })) replaceHash('');
}

export const openSettings = (): void => openPage('settings');

/** Back to the platform view: no incident, no page (the logo and Escape). */
export function showPlatform(): void {
  closePage();
  selectIncident(null);
}
export const closeSettings = closePage;

/** Shows what a route names. */
export function applyRoute(route: Route): void {
  if (route.kind === 'page') {
    if (useRouteStore.getState().page !== route.page) openPage(route.page);
  } else if (route.kind === 'incident') {
    useRouteStore.setState({ page: null });
    selectIncident(route.id);
  } else {
    closePage();
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

/** For App: the page shown, or null while an incident (or the platform) is; selecting (or declaring) an incident leaves pages. */
export function usePageRoute(): PageId | null {
  const page = useRouteStore((s) => s.page);
  const selected = useSelectedId();
  useEffect(() => {
    if (selected !== null) closePage();
  }, [selected]);
  return page;
}
