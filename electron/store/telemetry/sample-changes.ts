import type Database from 'better-sqlite3';

/** Told which stored samples (the series-first and rollup tables) may have changed. */
export interface SampleChangeListener {
  /** Rows at or after `tMs` may have been written, replaced or removed, in any series. */
  changedFrom(tMs: number): void;
  /** Rows before `tMs` may have been written, replaced or removed, in any series. */
  changedBefore(tMs: number): void;
  /**
   * The polls waiting in samples_recent (all at or after `tMs`) were moved, unchanged, into samples.
   * Optional: a listener without it is told `changedFrom(tMs)` (for a copy of `samples`, that is what it is).
   */
  moved?(tMs: number): void;
}

/**
 * The one place the writers of `samples` and `rollups` say what they touched, so an in-memory copy
 * of stored columns (column-cache.ts) never shows rows that are no longer there. The writers are
 * TelemetryStore (moving polls out of samples_recent, backfill) and Retention (compaction); each
 * reports a time bound that covers everything it wrote, which may be wider than what changed.
 * Deleting a series needs no report: series ids are AUTOINCREMENT, so a deleted id is never read again.
 * One hub per connection, found through the connection, so readers and writers need no wiring.
 */
export class SampleChanges {
  private readonly listeners = new Set<SampleChangeListener>();

  subscribe(listener: SampleChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changedFrom(tMs: number): void {
    for (const l of this.listeners) l.changedFrom(tMs);
  }

  changedBefore(tMs: number): void {
    for (const l of this.listeners) l.changedBefore(tMs);
  }

  moved(tMs: number): void {
    for (const l of this.listeners) {
      if (l.moved) l.moved(tMs);
      else l.changedFrom(tMs);
    }
  }
}

const hubs = new WeakMap<Database.Database, SampleChanges>();

export function sampleChanges(db: Database.Database): SampleChanges {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new SampleChanges();
    hubs.set(db, hub);
  }
  return hub;
}
