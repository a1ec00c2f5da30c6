import type Database from 'better-sqlite3';
import type { RetentionSettings } from '../../../shared/domain/telemetry';
import { sampleChanges, type SampleChanges } from './sample-changes';
import type { TelemetryStore } from './telemetry-store';

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

interface Range {
  step: number;
  id: number;
  from: number;
  to: number;
}

export interface CompactStats {
  /** Raw samples folded into rollups and deleted. */
  samplesCompacted: number;
  rollupsDeleted: number;
  seriesDeleted: number;
  /** Transactions used; each one is short so the poller's writes interleave. */
  batches: number;
}

/** Series per transaction: at the steady 10-minute cadence a batch touches a few thousand rows. */
const COMPACT_BATCH_SERIES = 16;

/**
 * Windows that are always kept in full: from `leadInMin` before the earliest of impact start,
 * detection and declaration, to resolution (or close, or now while the incident is open).
 */
export function incidentWindows(db: Database.Database, leadInMin: number, nowMs: number): TimeWindow[] {
  const rows = db
    .prepare<[number], TimeWindow>(
      `SELECT min(declared_at, coalesce(impact_started_at, declared_at), coalesce(detected_at, declared_at)) AS fromMs,
        coalesce(resolved_at, closed_at, ?) AS toMs FROM incidents`,
    )
    .all(nowMs);
  return rows.map((w) => ({ fromMs: w.fromMs - leadInMin * 60_000, toMs: w.toMs }));
}

/** Half-open [from, to) ranges below `before` that no window touches (windows are inclusive). */
export function outsideWindows(windows: readonly TimeWindow[], before: number): [number, number][] {
  const sorted = [...windows].sort((a, b) => a.fromMs - b.fromMs);
  const out: [number, number][] = [];
  let start = Number.MIN_SAFE_INTEGER;
  for (const w of sorted) {
    if (w.fromMs >= before) break;
    if (w.fromMs > start) out.push([start, w.fromMs]);
    start = Math.max(start, w.toMs + 1);
  }
  if (start < before) out.push([start, before]);
  return out;
}

/**
 * Keeps stored telemetry bounded: raw samples older than rawKeepHours outside every incident
 * window are folded into rollup buckets (avg/min/max/n) and deleted; rollups older than
 * rollupKeepDays outside windows are deleted; series left with neither are deleted.
 */
export class Retention {
  private readonly stmts;
  private readonly changes: SampleChanges;

  /** Pass the store that records, so its series cache and recent-sample buffer stay in step. */
  constructor(
    private readonly db: Database.Database,
    private readonly store: TelemetryStore,
  ) {
    this.changes = sampleChanges(db);
    const merge = (col: 'min' | 'max') =>
      `${col} = CASE WHEN rollups.${col} IS NULL THEN excluded.${col} WHEN excluded.${col} IS NULL THEN rollups.${col}
        ELSE ${col}(rollups.${col}, excluded.${col}) END`;
    this.stmts = {
      seriesIds: db.prepare<[], number>('SELECT id FROM series ORDER BY id').pluck(),
      oldestRaw: db.prepare<[number], number | null>('SELECT min(t_ms) FROM samples WHERE series_id = ?').pluck(),
      oldestRollup: db.prepare<[number], number | null>('SELECT min(bucket_ms) FROM rollups WHERE series_id = ?').pluck(),
      // A bucket can be rolled up twice (a window edge inside it, an incident edited later): merge, never overwrite.
      // CAST: better-sqlite3 binds JS numbers as REAL, which would make the bucket division fractional.
      rollUp: db.prepare<[Range]>(`INSERT INTO rollups (series_id, bucket_ms, avg, min, max, n)
        SELECT series_id, (t_ms / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS bucket, avg(value), min(value), max(value), count(value)
        FROM samples WHERE series_id = @id AND t_ms >= @from AND t_ms < @to GROUP BY bucket
        ON CONFLICT (series_id, bucket_ms) DO UPDATE SET
          avg = CASE WHEN rollups.n + excluded.n = 0 THEN NULL
            ELSE (coalesce(rollups.avg, 0) * rollups.n + coalesce(excluded.avg, 0) * excluded.n) / (rollups.n + excluded.n) END,
          ${merge('min')}, ${merge('max')}, n = rollups.n + excluded.n`),
      deleteRaw: db.prepare<[Omit<Range, 'step'>]>('DELETE FROM samples WHERE series_id = @id AND t_ms >= @from AND t_ms < @to'),
      deleteRollups: db.prepare<[number, number, number]>('DELETE FROM rollups WHERE series_id = ? AND bucket_ms >= ? AND bucket_ms < ?'),
      deleteEmpty: db.prepare<[{ id: number }]>(`DELETE FROM series WHERE id = @id
        AND NOT EXISTS (SELECT 1 FROM samples WHERE series_id = @id) AND NOT EXISTS (SELECT 1 FROM rollups WHERE series_id = @id)
        AND NOT EXISTS (SELECT 1 FROM samples_recent WHERE series_id = @id)`),
    };
  }

  /** The whole compaction, synchronously (tests, shutdown). */
  compact(nowMs: number, windows: readonly TimeWindow[], settings: RetentionSettings): CompactStats {
    const steps = this.steps(nowMs, windows, settings);
    let r = steps.next();
    while (!r.done) r = steps.next();
    return r.value;
  }

  /** The same, giving the event loop back between batches so polls are recorded meanwhile. */
  async compactAsync(nowMs: number, windows: readonly TimeWindow[], settings: RetentionSettings): Promise<CompactStats> {
    const steps = this.steps(nowMs, windows, settings);
    let r = steps.next();
    while (!r.done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      r = steps.next();
    }
    return r.value;
  }

  /** One transaction per `next()`; series ids are re-read up front, so series created meanwhile wait for the next run. */
  *steps(nowMs: number, windows: readonly TimeWindow[], settings: RetentionSettings): Generator<void, CompactStats, void> {
    const stepMs = settings.rollupStepSec * 1000;
    // Only whole buckets are rolled up, so a bucket is never split between raw and rollup by age alone.
    const rawBefore = Math.floor((nowMs - settings.rawKeepHours * 3_600_000) / stepMs) * stepMs;
    const rawRanges = outsideWindows(windows, rawBefore);
    const rollupRanges = outsideWindows(windows, nowMs - settings.rollupKeepDays * 86_400_000);
    const stats: CompactStats = { samplesCompacted: 0, rollupsDeleted: 0, seriesDeleted: 0, batches: 0 };
    // Recent polls first, so they are compacted and counted like the rest.
    this.store.flush();
    const ids = this.stmts.seriesIds.all();
    const batch = this.db.transaction((chunk: readonly number[]) => {
      for (const id of chunk) {
        const oldestRaw = this.stmts.oldestRaw.get(id);
        if (oldestRaw !== null && oldestRaw !== undefined) {
          for (const [from, to] of rawRanges) {
            if (to <= oldestRaw) continue;
            this.stmts.rollUp.run({ step: stepMs, id, from, to });
            stats.samplesCompacted += this.stmts.deleteRaw.run({ id, from, to }).changes;
          }
        }
        const oldestRollup = this.stmts.oldestRollup.get(id);
        if (oldestRollup !== null && oldestRollup !== undefined) {
          for (const [from, to] of rollupRanges) {
            if (to <= oldestRollup) continue;
            stats.rollupsDeleted += this.stmts.deleteRollups.run(id, from, to).changes;
          }
        }
        stats.seriesDeleted += this.stmts.deleteEmpty.run({ id }).changes;
      }
    });
    // Everything a batch can touch lies before the later of the two cut-offs.
    const touchedBefore = Math.max(rawBefore, nowMs - settings.rollupKeepDays * 86_400_000);
    for (let i = 0; i < ids.length; i += COMPACT_BATCH_SERIES) {
      const deletedBefore = stats.seriesDeleted;
      const changedBefore = stats.samplesCompacted + stats.rollupsDeleted;
      batch(ids.slice(i, i + COMPACT_BATCH_SERIES));
      stats.batches += 1;
      if (stats.samplesCompacted + stats.rollupsDeleted > changedBefore) this.changes.changedBefore(touchedBefore);
      // A poll between batches must not write to a deleted series through a cached id.
      if (stats.seriesDeleted > deletedBefore) this.store?.series.clear();
      if (i + COMPACT_BATCH_SERIES < ids.length) yield;
    }
    return stats;
  }
}
