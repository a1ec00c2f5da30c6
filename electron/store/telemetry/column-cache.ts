import type { Columns } from './downsample-points';
import type { SampleChangeListener } from './sample-changes';

/** Reads one series' stored columns over [fromMs, toMs] (integers, both inclusive) from SQLite. */
export type ColumnRead = (fromMs: number, toMs: number) => Columns;

interface Entry {
  /** The time range this copy holds every stored row of (inclusive). */
  from: number;
  to: number;
  t: number[];
  v: (number | null)[];
}

/**
 * Points kept across all series: about 32 MB (two 8-byte columns a point). A day of 15 s polls is
 * 5,760 points a series, so this holds a day of about 350 series.
 */
export const COLUMN_CACHE_POINTS = 2_000_000;

/**
 * An in-memory copy of stored columns (samples merged with rollups) per series, for the range the
 * chart last read, so a chart that re-reads its window on every poll reads from SQLite only the
 * part it has not seen: the new tail, or what a writer reported changed. Reading 24 h × 12 GPUs from
 * SQLite is ~70,000 rows and the larger part of answering the chart; from here it is a slice.
 *
 * Correctness rests on every writer of the stored tables reporting what it touched (SampleChanges):
 * a report drops the affected part of every copy, which is read again on the next request. Polls
 * waiting in samples_recent are not held here; the caller merges them on every read. The least
 * recently read series are dropped beyond `maxPoints`.
 */
export class ColumnCache implements SampleChangeListener {
  private readonly entries = new Map<number, Entry>();
  private points = 0;

  constructor(private readonly maxPoints = COLUMN_CACHE_POINTS) {}

  /** Series `id`'s stored columns over [fromMs, toMs], reading through `read` only what is not held. */
  get(id: number, fromMs: number, toMs: number, read: ColumnRead): Columns {
    // Stored times are integers: the inclusive integer bounds make "the next range" exact.
    const from = Math.ceil(fromMs);
    const to = Math.floor(toMs);
    if (to < from) return { t: [], v: [] };
    let e = this.take(id);
    // Far from what is held (not touching it): start over rather than read the gap in between.
    if (e && (from > e.to + 1 || to < e.from - 1)) e = undefined;
    if (!e) {
      const c = read(from, to);
      e = { from, to, t: c.t, v: c.v };
    } else {
      if (from < e.from) {
        const head = read(from, e.from - 1);
        e = { from, to: e.to, t: head.t.concat(e.t), v: head.v.concat(e.v) };
      }
      if (to > e.to) {
        const tail = read(e.to + 1, to);
        for (let i = 0; i < tail.t.length; i++) {
          e.t.push(tail.t[i] as number);
          e.v.push(tail.v[i] ?? null);
        }
        e.to = to;
      }
    }
    this.put(id, e);
    const lo = lowerBound(e.t, from);
    const hi = lowerBound(e.t, to + 1);
    return { t: e.t.slice(lo, hi), v: e.v.slice(lo, hi) };
  }

  changedFrom(tMs: number): void {
    const cut = Math.ceil(tMs);
    for (const [id, e] of this.entries) {
      if (e.to < cut) continue;
      if (e.from >= cut) {
        this.drop(id);
        continue;
      }
      const keep = lowerBound(e.t, cut);
      this.points -= e.t.length - keep;
      e.t.length = keep;
      e.v.length = keep;
      e.to = cut - 1;
    }
  }

  changedBefore(tMs: number): void {
    const cut = Math.ceil(tMs);
    for (const [id, e] of this.entries) {
      if (e.from >= cut) continue;
      if (e.to < cut) {
        this.drop(id);
        continue;
      }
      const drop = lowerBound(e.t, cut);
      this.points -= drop;
      e.t.splice(0, drop);
      e.v.splice(0, drop);
      e.from = cut;
    }
  }

  /** Points held now (for tests). */
  get size(): number {
    return this.points;
  }

  /** Removes and returns the entry; `put` re-inserts it as the most recently used. */
  private take(id: number): Entry | undefined {
    const e = this.entries.get(id);
    if (e) this.drop(id);
    return e;
  }

  private put(id: number, e: Entry): void {
    if (e.t.length > this.maxPoints) return;
    this.entries.set(id, e);
    this.points += e.t.length;
    for (const [oldId, old] of this.entries) {
      if (this.points <= this.maxPoints) break;
      if (oldId !== id) this.drop(oldId, old);
    }
  }

  private drop(id: number, e = this.entries.get(id)): void {
    if (!e) return;
    this.entries.delete(id);
    this.points -= e.t.length;
  }
}

/** The first index whose time is >= t (times ascending). */
function lowerBound(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
