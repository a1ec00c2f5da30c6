import type Database from 'better-sqlite3';
import { DEFAULT_RETENTION } from '../../../shared/domain/telemetry';
import type { CollectedSample, Collection, TelemetrySink } from '../../poller/types';
import { sampleChanges, type SampleChanges } from './sample-changes';
import { SeriesCache, canonicalLabels } from './series-cache';

export interface RecordOutcome {
  /** Samples written (or, for backfill, offered: existing ones are kept). */
  stored: number;
  /** Samples refused because their label set would exceed maxSeriesPerMetric. */
  droppedSamples: number;
  /** Distinct new label sets refused in this call: > 0 means the source should read as degraded. */
  droppedSeries: number;
}

export interface TelemetryStoreOptions {
  /** Read on every new label set; the telemetry service keeps it in step with the retention setting. */
  maxSeriesPerMetric?: () => number;
}

/**
 * Poll time between moves of samples_recent into samples (see migration 002). A move costs about
 * one page write per series however many polls it carries, so longer is cheaper for the poller;
 * but every chart read scans the recent rows of its metric, so it is kept to a couple of minutes.
 */
export const FLUSH_EVERY_MS = 120_000;
/** …or sooner when this many rows wait (many sources, many series). */
const FLUSH_MAX_ROWS = 50_000;

/** Rows per multi-row INSERT: one statement call instead of 64 (the poll's per-sample cost was mostly calls). */
const BATCH_ROWS = 64;

/**
 * Buffers (series_id, t_ms, value) rows and writes them BATCH_ROWS to a statement, the rest one by one.
 * Rows go in the order added, so a repeated key resolves as row-by-row inserts would (REPLACE: last wins;
 * IGNORE: first wins).
 */
class RowWriter {
  private readonly one: Database.Statement<[number, number, number | null]>;
  // better-sqlite3 binds an array argument as the anonymous parameters, in order.
  private readonly many: Database.Statement<[(number | null)[]]>;
  private readonly rows: (number | null)[] = [];

  constructor(db: Database.Database, insertInto: string) {
    this.one = db.prepare<[number, number, number | null]>(`${insertInto} VALUES (?, ?, ?)`);
    this.many = db.prepare<[(number | null)[]]>(`${insertInto} VALUES ${Array.from({ length: BATCH_ROWS }, () => '(?, ?, ?)').join(', ')}`);
  }

  add(seriesId: number, tMs: number, value: number | null): void {
    this.rows.push(seriesId, tMs, value);
    if (this.rows.length === BATCH_ROWS * 3) this.flush();
  }

  /** Writes what is buffered; the buffer is empty afterwards even when a write throws. */
  flush(): void {
    const rows = this.rows;
    try {
      if (rows.length === BATCH_ROWS * 3) this.many.run(rows);
      else for (let i = 0; i < rows.length; i += 3) this.one.run(rows[i] as number, rows[i + 1] as number, rows[i + 2] as number | null);
    } finally {
      rows.length = 0;
    }
  }
}

/**
 * Where polled data goes (TelemetrySink). Each call is ONE transaction over statements prepared
 * once, because the poller records every few seconds per source and is benchmarked against raw HTTP.
 */
export class TelemetryStore implements TelemetrySink {
  readonly series: SeriesCache;
  private readonly maxSeries: () => number;
  private readonly stmts;
  private readonly recordTx: (sourceId: number, at: number, c: Collection) => RecordOutcome;
  private readonly backfillTx: (sourceId: number, samples: readonly CollectedSample[]) => RecordOutcome;
  private readonly flushTx: () => void;
  private readonly changes: SampleChanges;
  /** null until the first record of this run: that one also moves what a previous run left. */
  private lastFlushAt: number | null = null;
  private pendingRows = 0;

  constructor(db: Database.Database, options: TelemetryStoreOptions = {}) {
    this.series = new SeriesCache(db);
    this.maxSeries = options.maxSeriesPerMetric ?? (() => DEFAULT_RETENTION.maxSeriesPerMetric);
    this.changes = sampleChanges(db);
    this.stmts = {
      sourceExists: db.prepare<[number], number>('SELECT 1 FROM sources WHERE id = ?').pluck(),
      recentSample: new RowWriter(db, 'INSERT OR REPLACE INTO samples_recent (series_id, t_ms, value)'),
      keepSample: new RowWriter(db, 'INSERT OR IGNORE INTO samples (series_id, t_ms, value)'),
      // Recent rows win: they were polled, and a re-poll of the same instant replaces.
      moveRecent: db.prepare(`INSERT OR REPLACE INTO samples (series_id, t_ms, value)
        SELECT r.series_id, r.t_ms, r.value FROM samples_recent r JOIN series s ON s.id = r.series_id ORDER BY r.series_id, r.t_ms`),
      clearRecent: db.prepare('DELETE FROM samples_recent'),
      // The table is keyed time-first, so this is one step down the primary key.
      oldestRecent: db.prepare<[], number | null>('SELECT min(t_ms) FROM samples_recent').pluck(),
      snapshot: db.prepare<[number, string, number, string]>(
        'INSERT OR REPLACE INTO snapshots (source_id, kind, at, json) VALUES (?, ?, ?, ?)',
      ),
      upsertAlert: db.prepare(`INSERT INTO alert_history (source_id, key, name, severity, labels, summary, starts_at, last_seen_at)
        VALUES (@sourceId, @key, @name, @severity, @labels, @summary, @startsAt, @at)
        ON CONFLICT (source_id, key, starts_at) DO UPDATE SET name = excluded.name, severity = excluded.severity,
          labels = excluded.labels, summary = excluded.summary, last_seen_at = excluded.last_seen_at, resolved_at = NULL`),
      // Everything this poll saw was just stamped `at`; an open row with an older stamp is no longer firing.
      resolveUnseen: db.prepare<[number, number, number]>(
        'UPDATE alert_history SET resolved_at = ? WHERE source_id = ? AND resolved_at IS NULL AND last_seen_at < ?',
      ),
    };
    this.flushTx = db.transaction(() => this.moveRecent());
    this.recordTx = db.transaction((sourceId: number, at: number, c: Collection) => {
      this.requireSource(sourceId);
      const outcome = this.writeSamples(sourceId, c.samples, this.stmts.recentSample);
      this.pendingRows += outcome.stored;
      if (c.queues) this.stmts.snapshot.run(sourceId, 'queues', at, JSON.stringify(c.queues));
      if (c.gpus) this.stmts.snapshot.run(sourceId, 'gpus', at, JSON.stringify(c.gpus));
      if (c.alerts) {
        for (const a of c.alerts) {
          this.stmts.upsertAlert.run({
            sourceId,
            key: a.key,
            name: a.name,
            severity: a.severity,
            labels: canonicalLabels(a.labels),
            summary: a.summary,
            startsAt: Math.trunc(a.startsAt),
            at,
          });
        }
        this.stmts.resolveUnseen.run(at, sourceId, at);
        this.stmts.snapshot.run(sourceId, 'alerts', at, JSON.stringify(c.alerts));
      }
      // A clock that jumped back also flushes, so the buffer can never grow unnoticed.
      const last = this.lastFlushAt;
      if (last === null || at - last >= FLUSH_EVERY_MS || at < last || this.pendingRows >= FLUSH_MAX_ROWS) {
        this.moveRecent();
        this.lastFlushAt = at;
      }
      return outcome;
    });
    this.backfillTx = db.transaction((sourceId: number, samples: readonly CollectedSample[]) => {
      this.requireSource(sourceId);
      const outcome = this.writeSamples(sourceId, samples, this.stmts.keepSample);
      let oldest = Infinity;
      for (const s of samples) if (s.tMs < oldest) oldest = s.tMs;
      if (outcome.stored > 0) this.changes.changedFrom(Math.trunc(oldest));
      return outcome;
    });
  }

  /** Samples (a re-poll of the same instant replaces), snapshots and alert transitions, atomically. */
  record(sourceId: number, at: number, collection: Collection): RecordOutcome {
    return this.guard(() => this.recordTx(sourceId, Math.trunc(at), collection));
  }

  /**
   * Historical samples for an incident's lead-in, straight into the series-first table with
   * INSERT OR IGNORE; a polled sample still waiting in samples_recent replaces it when moved.
   */
  backfill(sourceId: number, samples: readonly CollectedSample[]): RecordOutcome {
    return this.guard(() => this.backfillTx(sourceId, samples));
  }

  /** Move every recent sample into the series-first table now (before compaction, at shutdown). */
  flush(): void {
    this.guard(() => {
      this.flushTx();
      return { stored: 0, droppedSamples: 0, droppedSeries: 0 };
    });
  }

  private moveRecent(): void {
    const oldest = this.stmts.oldestRecent.get();
    this.stmts.moveRecent.run();
    this.stmts.clearRecent.run();
    this.pendingRows = 0;
    if (oldest !== null && oldest !== undefined) this.changes.moved(oldest);
  }

  private requireSource(sourceId: number): void {
    if (this.stmts.sourceExists.get(sourceId) === undefined) {
      throw new Error(`Source ${sourceId} no longer exists; its telemetry was not stored.`);
    }
  }

  private writeSamples(sourceId: number, samples: readonly CollectedSample[], insert: RowWriter): RecordOutcome {
    const max = this.maxSeries();
    let stored = 0;
    let droppedSamples = 0;
    const droppedSets = new Set<string>();
    for (const s of samples) {
      const id = this.series.idForLabels(sourceId, s.metric, s.labels, max);
      if (id === null) {
        droppedSamples += 1;
        droppedSets.add(`${s.metric}\u0000${canonicalLabels(s.labels)}`);
        continue;
      }
      // SQLite has no NaN: NULL stands for it, and reads give it back as a null point (a gap).
      insert.add(id, Math.trunc(s.tMs), Number.isNaN(s.value) ? null : s.value);
      stored += 1;
    }
    insert.flush();
    return { stored, droppedSamples, droppedSeries: droppedSets.size };
  }

  /** A failed transaction may have cached ids of series it inserted and then rolled back: forget them. */
  private guard(run: () => RecordOutcome): RecordOutcome {
    try {
      return run();
    } catch (err) {
      this.series.clear();
      throw err;
    }
  }
}
