import { describe, expect, it } from 'vitest';
import { ColumnCache } from './column-cache';
import type { Columns } from './downsample-points';

/** A stand-in for one series' stored rows: time → value, read in time order, logging each read. */
class Table {
  readonly rows = new Map<number, number | null>();
  readonly reads: [number, number][] = [];

  constructor(times: Iterable<number>, value: (t: number) => number | null = (t) => t * 2) {
    for (const t of times) this.rows.set(t, value(t));
  }

  read = (from: number, to: number): Columns => {
    this.reads.push([from, to]);
    const t = [...this.rows.keys()].filter((x) => x >= from && x <= to).sort((a, b) => a - b);
    return { t, v: t.map((x) => this.rows.get(x) ?? null) };
  };
}

const range = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('ColumnCache', () => {
  it('reads a window once, then only the parts outside what it holds', () => {
    const table = new Table(range(0, 999, 10));
    const cache = new ColumnCache();
    expect(cache.get(1, 100, 500, table.read)).toEqual(table.read(100, 500));
    table.reads.length = 0;
    expect(cache.get(1, 200, 300, table.read).t).toEqual(range(200, 300, 10));
    expect(table.reads).toEqual([]);
    // The window follows the clock: only the new tail is read.
    expect(cache.get(1, 150, 620, table.read).t).toEqual(range(150, 620, 10));
    expect(table.reads).toEqual([[501, 620]]);
    // Widened backwards: only the head.
    table.reads.length = 0;
    expect(cache.get(1, 40, 620, table.read).t).toEqual(range(40, 620, 10));
    expect(table.reads).toEqual([[40, 99]]);
  });

  it('starts over for a window that does not touch what it holds', () => {
    const table = new Table(range(0, 9_999, 10));
    const cache = new ColumnCache();
    cache.get(1, 9_000, 9_999, table.read);
    table.reads.length = 0;
    expect(cache.get(1, 0, 100, table.read).t).toEqual(range(0, 100, 10));
    expect(table.reads).toEqual([[0, 100]]);
    expect(cache.size).toBe(11);
  });

  it('re-reads what a writer reported changed, at or after a time and before a time', () => {
    const table = new Table(range(0, 999, 10));
    const cache = new ColumnCache();
    cache.get(1, 0, 999, table.read);
    table.rows.set(505, 1);
    table.rows.set(600, null);
    cache.changedFrom(505);
    table.reads.length = 0;
    expect(cache.get(1, 0, 999, table.read)).toEqual(table.read(0, 999));
    expect(table.reads[0]).toEqual([505, 999]);

    table.rows.delete(0);
    table.rows.set(30, 7);
    cache.changedBefore(100);
    table.reads.length = 0;
    expect(cache.get(1, 0, 999, table.read)).toEqual(table.read(0, 999));
    expect(table.reads[0]).toEqual([0, 99]);
  });

  it('keeps at most its point budget, dropping the least recently read series', () => {
    const tables = [1, 2, 3].map(() => new Table(range(0, 99)));
    const cache = new ColumnCache(250);
    for (const [i, t] of tables.entries()) cache.get(i, 0, 99, t.read);
    expect(cache.size).toBe(200);
    // Series 0 was read first and not since: it went; 1 and 2 are still held.
    for (const t of tables) t.reads.length = 0;
    cache.get(1, 0, 99, tables[1]!.read);
    cache.get(2, 0, 99, tables[2]!.read);
    cache.get(0, 0, 99, tables[0]!.read);
    expect(tables.map((t) => t.reads.length)).toEqual([1, 0, 0]);
    // A series larger than the whole budget is answered, not kept.
    const big = new Table(range(0, 999));
    expect(cache.get(9, 0, 999, big.read).t).toHaveLength(1_000);
    expect(cache.size).toBeLessThanOrEqual(250);
  });

  it('always answers what a direct read answers, through any mix of windows and reported writes', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    const tables = [new Table(range(0, 2_000, 7)), new Table(range(0, 2_000, 3), (t) => (t % 11 === 0 ? null : t))];
    const cache = new ColumnCache(900);
    for (let step = 0; step < 2_000; step++) {
      const id = rand(2);
      const table = tables[id]!;
      const op = rand(10);
      if (op === 0) {
        const t = rand(2_100);
        table.rows.set(t, rand(100));
        cache.changedFrom(t);
      } else if (op === 1) {
        const t = rand(2_100);
        table.rows.delete(t);
        cache.changedBefore(t + 1);
      } else {
        const from = rand(2_100) - 50;
        const to = from + rand(600);
        expect(cache.get(id, from, to, table.read)).toEqual(table.read(from, to));
      }
      expect(cache.size).toBeLessThanOrEqual(900);
    }
  });
});
