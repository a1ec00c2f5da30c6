import { describe, expect, it } from 'vitest';
import { hashFor, parseHash, type Route } from './route-hash';

describe('parseHash', () => {
  it('reads the selected incident and settings from the URL hash', () => {
    expect(parseHash('#/incident/42')).toEqual({ kind: 'incident', id: 42 });
    expect(parseHash('#/settings')).toEqual({ kind: 'page', page: 'settings' });
    expect(parseHash('#/playbooks')).toEqual({ kind: 'page', page: 'playbooks' });
  });

  it('reads anything else as no selection', () => {
    for (const h of [
      '',
      '#',
      '#/incident/',
      '#/incident/0',
      '#/incident/-1',
      '#/incident/1e3',
      '#/incident/99999999999999999999',
      '#/x/1',
      '#/settings/',
    ]) {
      expect(parseHash(h)).toEqual({ kind: 'home' });
    }
  });

  it('round-trips every route through its hash', () => {
    const routes: Route[] = [{ kind: 'home' }, { kind: 'page', page: 'settings' }, { kind: 'incident', id: 7 }];
    for (const r of routes) expect(parseHash(hashFor(r))).toEqual(r);
  });
});
