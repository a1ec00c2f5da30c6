import { describe, expect, it } from 'vitest';
import { queryTerms, snippet } from './snippet';

describe('search snippets', () => {
  it('mark every word a query word begins, case and accents aside, around the first match', () => {
    const parts = snippet('The Xidfault storm: xidfaults on gpu-node-07, then Réseau errors.', queryTerms('xidfault reseau'));
    expect(parts).toEqual([
      { text: 'The ', match: false },
      { text: 'Xidfault', match: true },
      { text: ' storm: ', match: false },
      { text: 'xidfaults', match: true },
      { text: ' on gpu-node-07, then ', match: false },
      { text: 'Réseau', match: true },
      { text: ' errors.', match: false },
    ]);
  });

  it('cut long text to a window with ellipses, and keep markup as text', () => {
    const text = `${'alpha '.repeat(30)}<b>needle</b> ${'omega '.repeat(30)}`;
    const parts = snippet(text, queryTerms('needle'), 8);
    expect(parts[0]?.text.startsWith('…')).toBe(true);
    expect(parts.at(-1)?.text.endsWith('…')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toContain('<b>needle</b>');
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['needle']);
    expect(snippet('nothing here', queryTerms('needle'))).toEqual([]);
    // The window ends where its last word does, whatever follows.
    expect(
      snippet('one two needle three four five six', queryTerms('needle'), 3)
        .map((p) => p.text)
        .join(''),
    ).toBe('…two needle three…');
  });
});
