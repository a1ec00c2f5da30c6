import type Database from 'better-sqlite3';
import type { FrameSeries } from '../../../shared/detection/types';
import { sampleChanges } from '../telemetry/sample-changes';
import { parseLabels, type SeriesColumns, type WindowSpec } from '../telemetry/series-query';

interface Win {
  id: number;
  metric: string;
  sourceId: number;
  labels: Record<string, string>;
  t: number[];
  v: (number | null)[];
}

interface SeriesMeta {
  metric: string;
  sourceId: number;
  labels: Record<string, string>;
}

/** Points before a window's start are dropped in batches, not one shift per poll. */
const TRIM_SLACK = 64;

/**
 * Detection's copy of the stored series it evaluates, kept up to date from what each poll stored rather
 * than re-read whole after every poll: after a stored poll, the rows of that one instant are read from
 * samples_recent (one step down its time-first key) and appended. Whenever the stored tables change in
 * a way that is not a new poll — a lead-in backfill, compaction — the store reports it (SampleChanges)
 * and the next read takes every window whole from SQLite again. The periodic move of recent rows into
 * samples changes nothing held here; the poll stored together with a move is read from samples.
 * So what detection sees is always what is stored; this only avoids reading it twice.
 */
export class DetectionWindows {
  private readonly wins = new Map<number, Win>();
  private readonly meta = new Map<number, SeriesMeta | null>();
  private readonly stmts;
  private dirty = true;
  /** The store moved its recent polls (inside the record of the poll about to be reported, usually). */
  private moved = false;
  private specs: readonly WindowSpec[] = [];
  /** The window lengths of the last read: a settings change that alters them calls for a whole read. */
  private lengths = '';
  private readonly unsubscribe: () => void;
  /** For the bench's notes: time spent appending polls, and whole reads. */
  readonly stats = { appendMs: 0, appends: 0, reloads: 0, reloadMs: 0 };

  constructor(
    db: Database.Database,
    private readonly readAll: (specs: readonly WindowSpec[], toMs: number) => Map<string, SeriesColumns[]>,
  ) {
    this.stmts = {
      instant: db.prepare<[number], [number, number | null]>('SELECT series_id, value FROM samples_recent WHERE t_ms = ?').raw(true),
      // After a move the poll just stored may already sit in samples: one key step per series of the source.
      movedInstant: db
        .prepare<[number, number], [number, number | null]>(
          'SELECT x.series_id, x.value FROM series s JOIN samples x ON x.series_id = s.id AND x.t_ms = ? WHERE s.source_id = ?',
        )
        .raw(true),
      series: db.prepare<[number], { source_id: number; metric: string; labels: string }>(
        'SELECT source_id, metric, labels FROM series WHERE id = ?',
      ),
    };
    const markDirty = (): void => {
      this.dirty = true;
    };
    this.unsubscribe = sampleChanges(db).subscribe({
      changedFrom: markDirty,
      changedBefore: markDirty,
      moved: () => {
        this.moved = true;
      },
    });
  }

  close(): void {
    this.unsubscribe();
  }

  /** A poll of `sourceId` stored its samples at `at`: append that instant's rows. */
  recorded(sourceId: number, at: number): void {
    if (this.dirty) return;
    const t0 = performance.now();
    try {
      this.append(sourceId, at);
    } finally {
      this.stats.appendMs += performance.now() - t0;
      this.stats.appends += 1;
    }
  }

  private append(sourceId: number, at: number): void {
    const wanted = new Set(this.specs.map((s) => s.metric));
    const rows = this.stmts.instant.all(at);
    if (this.moved) {
      this.moved = false;
      rows.push(...this.stmts.movedInstant.all(at, sourceId));
    }
    for (const [id, value] of rows) {
      const m = this.metaOf(id);
      if (!m || m.sourceId !== sourceId || !wanted.has(m.metric)) continue;
      let w = this.wins.get(id);
      if (!w) {
        w = { id, ...m, t: [], v: [] };
        this.wins.set(id, w);
      }
      const n = w.t.length;
      const lastT = n > 0 ? (w.t[n - 1] as number) : -Infinity;
      if (at > lastT) {
        w.t.push(at);
        w.v.push(value);
      } else if (at === lastT) {
        // A re-poll of the same instant replaces, as it does in the store.
        w.v[n - 1] = value;
      } else {
        // Older than what is held (a clock that jumped back): let a whole read sort it out.
        this.dirty = true;
        return;
      }
    }
  }

  /** Every metric's series over its window ending at `now`; series whose newest point is older than the window are left out. */
  read(specs: readonly WindowSpec[], now: number): Map<string, FrameSeries[]> {
    const lengths = specs.map((s) => `${s.metric}:${now - s.fromMs}`).join(',');
    if (this.dirty || lengths !== this.lengths) this.reload(specs, now);
    this.specs = specs;
    this.lengths = lengths;
    const out = new Map<string, FrameSeries[]>(specs.map((s) => [s.metric, []]));
    const fromOf = new Map(specs.map((s) => [s.metric, s.fromMs]));
    for (const w of this.wins.values()) {
      const from = fromOf.get(w.metric);
      if (from === undefined) continue;
      this.trim(w, from);
      const newest = w.t[w.t.length - 1];
      if (newest === undefined || newest < from) continue;
      out.get(w.metric)?.push({ sourceId: w.sourceId, labels: w.labels, t: w.t, v: w.v });
    }
    return out;
  }

  private reload(specs: readonly WindowSpec[], now: number): void {
    const t0 = performance.now();
    this.wins.clear();
    for (const [metric, list] of this.readAll(specs, now)) {
      for (const c of list) {
        this.meta.set(c.id, { metric, sourceId: c.sourceId, labels: c.labels });
        this.wins.set(c.id, { id: c.id, metric, sourceId: c.sourceId, labels: c.labels, t: [...c.t], v: [...c.v] });
      }
    }
    this.dirty = false;
    this.stats.reloads += 1;
    this.stats.reloadMs += performance.now() - t0;
  }

  private trim(w: Win, from: number): void {
    let drop = 0;
    while (drop < w.t.length && (w.t[drop] as number) < from) drop += 1;
    if (drop > TRIM_SLACK || (drop > 0 && drop === w.t.length)) {
      w.t.splice(0, drop);
      w.v.splice(0, drop);
    }
  }

  private metaOf(id: number): SeriesMeta | null {
    let m = this.meta.get(id);
    if (m === undefined) {
      const row = this.stmts.series.get(id);
      m = row ? { metric: row.metric, sourceId: row.source_id, labels: parseLabels(row.labels) } : null;
      this.meta.set(id, m);
    }
    return m;
  }
}
