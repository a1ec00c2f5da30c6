/**
 * What the main area shows lives in the URL hash, so a reload, a pasted link or the back button
 * comes back to it: `#/incident/<id>`, `#/<page>` for a top-level page (settings, and the pages
 * domains add), or nothing (the platform, no incident).
 */

/** Top-level pages besides incidents. A domain with a page of its own adds its id here and a line in components/pages.tsx. */
export const PAGES = ['settings', 'playbooks', 'actions', 'metrics'] as const;
export type PageId = (typeof PAGES)[number];

export type Route = { kind: 'home' } | { kind: 'page'; page: PageId } | { kind: 'incident'; id: number };

export const SETTINGS_HASH = '#/settings';
const INCIDENT_HASH = /^#\/incident\/(\d+)$/;
const PAGE_HASH = /^#\/([a-z-]+)$/;

function isPage(name: string): name is PageId {
  return (PAGES as readonly string[]).includes(name);
}

export function parseHash(hash: string): Route {
  const page = PAGE_HASH.exec(hash)?.[1];
  if (page !== undefined && isPage(page)) return { kind: 'page', page };
  const m = INCIDENT_HASH.exec(hash);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? { kind: 'incident', id } : { kind: 'home' };
}

export function hashFor(route: Route): string {
  if (route.kind === 'page') return `#/${route.page}`;
  return route.kind === 'incident' ? `#/incident/${route.id}` : '';
}

/** Records the route without a history entry or a hashchange: the app already shows it. */
export function replaceHash(hash: string): void {
  if (typeof window === 'undefined' || window.location.hash === hash) return;
  window.history.replaceState(null, '', hash === '' ? window.location.pathname + window.location.search : hash);
}
