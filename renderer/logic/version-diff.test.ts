import { describe, expect, it } from 'vitest';
import { versionDiff } from './version-diff';

describe('version diff', () => {
  it('marks added and removed lines and folds long unchanged runs', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'line ten').concat('\nline 20');
    const d = versionDiff(before, after);
    expect(d.added).toBe(2);
    expect(d.removed).toBe(1);
    expect(d.rows).toEqual([
      { kind: 'fold', count: 7 },
      { kind: 'same', text: 'line 7' },
      { kind: 'same', text: 'line 8' },
      { kind: 'same', text: 'line 9' },
      { kind: 'removed', text: 'line 10' },
      { kind: 'added', text: 'line ten' },
      { kind: 'same', text: 'line 11' },
      { kind: 'same', text: 'line 12' },
      { kind: 'same', text: 'line 13' },
      { kind: 'fold', count: 3 },
      { kind: 'same', text: 'line 17' },
      { kind: 'same', text: 'line 18' },
      { kind: 'same', text: 'line 19' },
      { kind: 'added', text: 'line 20' },
    ]);
  });

  it('says nothing changed for identical texts', () => {
    expect(versionDiff('a\nb', 'a\nb')).toEqual({ rows: [{ kind: 'fold', count: 2 }], added: 0, removed: 0 });
  });
});
