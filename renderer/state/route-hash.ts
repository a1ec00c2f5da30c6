/**
 * What the main area shows lives in the URL hash, so a reload, a pasted link or the back button
 * comes back to it: `#/incident/<id>`, `#/settings`, or nothing (the platform, no incident).
 */
export type Route = { kind: 'home' } | { kind: 'settings' } | { kind: 'incident'; id: number };

export const SETTINGS_HASH = '#/settings';
const INCIDENT_HASH = /^#\/incident\/(\d+)$/;

export function parseHash(hash: string): Route {
  if (hash === SETTINGS_HASH) return { kind: 'settings' };
  const m = INCIDENT_HASH.exec(hash);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? { kind: 'incident', id } : { kind: 'home' };
}

export function hashFor(route: Route): string {
  if (route.kind === 'settings') return SETTINGS_HASH;
  return route.kind === 'incident' ? `#/incident/${route.id}` : '';
}

/** Records the route without a history entry or a hashchange: the app already shows it. */
export function replaceHash(hash: string): void {
  if (typeof window === 'undefined' || window.location.hash === hash) return;
  window.history.replaceState(null, '', hash === '' ? window.location.pathname + window.location.search : hash);
}
