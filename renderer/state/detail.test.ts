import { describe, expect, it } from 'vitest';
import { idFromHash } from './detail';

describe('idFromHash', () => {
  it('reads the selected incident from the URL hash', () => {
    expect(idFromHash('#/incident/42')).toBe(42);
  });

  it('ignores anything else', () => {
    for (const h of [
      '',
      '#',
      '#/incident/',
      '#/incident/0',
      '#/incident/-1',
      '#/incident/1e3',
      '#/incident/99999999999999999999',
      '#/x/1',
    ]) {
      expect(idFromHash(h)).toBeNull();
    }
  });
});
