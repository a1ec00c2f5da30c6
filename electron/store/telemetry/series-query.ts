import type Database from 'better-sqlite3';
import type { SeriesData, SeriesResult } from '../../../shared/domain/telemetry';
import { ColumnCache } from './column-cache';
import { downsampleColumns, type Columns } from './downsample-points';
import { sampleChanges } from './sample-changes';

export interface SeriesRequest {
  metric: string;
  fromMs: number;
  toMs: number;
  maxPoints: number;
  match: Readonly<Record<string, string>>;
}

/**
 * At most this many series per answer, the fullest (most points in range) first, ties by id: a
 * label explosion upstream must not ship a million lines to the renderer. The chart says how
 * many it shows through `series.length`.
 */
export const MAX_SERIES_PER_READ = 200;

interface SeriesRow {
  id: number;
  source_id: number;
  labels: string;
}

/** One series' stored columns over a window, unreduced (detection reads every point). */
export interface SeriesColumns {
  id: number;
  sourceId: number;
  labels: Record<string, string>;
  t: number[];
  v: (number | null)[];
}

type Range = [seriesId: number, fromMs: number, toMs: number];

/** The per-series reads; each must walk its table's (series_id, time) primary key (tested with EXPLAIN QUERY PLAN). */
export const READ_SQL = {
  rawT: 'SELECT t_ms FROM samples WHERE series_id = ? AND t_ms BETWEEN ? AND ? ORDER BY t_ms',
  rawV: 'SELECT value FROM samples WHERE series_id = ? AND t_ms BETWEEN ? AND ? ORDER BY t_ms',
  rolledT: 'SELECT bucket_ms FROM rollups WHERE series_id = ? AND bucket_ms BETWEEN ? AND ? ORDER BY bucket_ms',
  rolledV: 'SELECT avg FROM rollups WHERE series_id = ? AND bucket_ms BETWEEN ? AND ? ORDER BY bucket_ms',
} as const;

/**
 * Reads for 'telemetry:get-series' and evidence copies. Raw samples where they still exist, plus
 * rollup averages where raw was compacted (older than rawKeepHours, outside incident windows).
 *
 * Rows are read as plucked columns (times, then values, both walking the (series_id, t_ms) primary
 * key): a 24 h × 16-series window is ~92,000 rows, and one JS array per row cost about twice as
 * much as the two scans. Grouping into time buckets in SQL was measured too and is slower still:
 * SQLite sorts the groups in a temp B-tree (GROUP BY an expression cannot use the key's order),
 * ~0.5 µs a row against ~0.2 µs for a plucked value. So reduction happens in JS on the columns
 * (downsample-points.ts). All of one answer is read in one transaction, so the columns of a
 * series always come from the same snapshot.
 *
 * What was read from the stored tables is kept per series (ColumnCache, told of every write through
 * SampleChanges), so the chart's re-read of its window on each poll reads only the new tail.
 */
export class SeriesQuery {
  private readonly stmts;
  private readonly read: (req: SeriesRequest) => SeriesResult;
  private readonly cache: ColumnCache;

  constructor(db: Database.Database, cache = new ColumnCache()) {
    this.cache = cache;
    sampleChanges(db).subscribe(cache);
    this.stmts = {
      series: db.prepare<[string], SeriesRow>('SELECT id, source_id, labels FROM series WHERE metric = ?'),
      countRaw: db.prepare<Range, { n: number }>('SELECT count(*) AS n FROM samples WHERE series_id = ? AND t_ms BETWEEN ? AND ?'),
      countRollups: db.prepare<Range, { n: number }>('SELECT count(*) AS n FROM rollups WHERE series_id = ? AND bucket_ms BETWEEN ? AND ?'),
      rawT: db.prepare<Range, number>(READ_SQL.rawT).pluck(),
      rawV: db.prepare<Range, number | null>(READ_SQL.rawV).pluck(),
      rolledT: db.prepare<Range, number>(READ_SQL.rolledT).pluck(),
      rolledV: db.prepare<Range, number | null>(READ_SQL.rolledV).pluck(),
      oldestRecent: db.prepare<[], number | null>('SELECT min(t_ms) FROM samples_recent').pluck(),
      recentAny: db
        .prepare<[number, number], [number, number, number | null]>(
          'SELECT series_id, t_ms, value FROM samples_recent WHERE t_ms BETWEEN ? AND ? ORDER BY t_ms',
        )
        .raw(true),
      recent: db
        .prepare<[number, number, string], [number, number, number | null]>(
          `SELECT r.series_id, r.t_ms, r.value FROM samples_recent r JOIN series s ON s.id = r.series_id
            WHERE r.t_ms BETWEEN ? AND ? AND s.metric = ? ORDER BY r.t_ms`,
        )
        .raw(true),
    };
    this.read = db.transaction((req: SeriesRequest) => this.readSeries(req));
    this.readWindows = db.transaction((specs: readonly WindowSpec[], toMs: number) => this.readAll(specs, toMs));
  }

  private readonly readWindows: (specs: readonly WindowSpec[], toMs: number) => Map<string, SeriesColumns[]>;
  /** Labels never change for a series id (a new label set is a new id): parsed once. */
  private readonly labelsById = new Map<number, Record<string, string>>();

  /**
   * Several metrics, each over its own window ending at `toMs`, every point (no downsampling): what
   * detection evaluates after each poll. One transaction, one scan of the polls still in
   * samples_recent for all of them, and the stored columns through this reader's cache.
   */
  windows(specs: readonly WindowSpec[], toMs: number): Map<string, SeriesColumns[]> {
    return this.readWindows(specs, toMs);
  }

  private readAll(specs: readonly WindowSpec[], toMs: number): Map<string, SeriesColumns[]> {
    const out = new Map<string, SeriesColumns[]>();
    if (specs.length === 0) return out;
    const earliest = Math.min(...specs.map((s) => s.fromMs));
    // Polls since the last move wait in samples_recent; `samples` holds nothing newer than the oldest of
    // them (a move takes them all), so the stored part is read only up to it and the cached copy of each
    // series stays whole between moves, instead of asking SQLite for every series' empty tail each poll.
    // (A lead-in backfill newer than that is picked up at the next move, when the store reports it.)
    const oldest = this.stmts.oldestRecent.get() ?? null;
    const storedTo = oldest === null ? toMs : Math.min(toMs, oldest - 1);
    const recent = new Map<number, Columns>();
    for (const [id, t, v] of this.stmts.recentAny.all(earliest, toMs)) {
      const cols = recent.get(id);
      if (cols) {
        cols.t.push(t);
        cols.v.push(v);
      } else recent.set(id, { t: [t], v: [v] });
    }
    for (const spec of specs) {
      const list: SeriesColumns[] = [];
      for (const row of this.stmts.series.all(spec.metric)) {
        const r = recent.get(row.id);
        const stored =
          storedTo >= spec.fromMs ? this.cache.get(row.id, spec.fromMs, storedTo, (from, to) => this.stored(row.id, from, to)) : NO_COLUMNS;
        const tail = r && spec.fromMs > earliest ? clip(r, spec.fromMs) : r;
        const cols = tail ? mergeByTime(stored, tail) : stored;
        if (cols.t.length === 0) continue;
        let labels = this.labelsById.get(row.id);
        if (!labels) {
          labels = parseLabels(row.labels);
          this.labelsById.set(row.id, labels);
        }
        list.push({ id: row.id, sourceId: row.source_id, labels, t: cols.t, v: cols.v });
      }
      out.set(spec.metric, list);
    }
    return out;
  }

  get(req: SeriesRequest): SeriesResult {
    return this.read(req);
  }

  /** Several metrics' series over one window, e.g. to pin as evidence. */
  copyWindow(
    metrics: readonly string[],
    fromMs: number,
    toMs: number,
    match: Readonly<Record<string, string>>,
    maxPoints: number,
  ): SeriesData[] {
    return metrics.flatMap((metric) => this.get({ metric, fromMs, toMs, match, maxPoints }).series);
  }

  private readSeries(req: SeriesRequest): SeriesResult {
    const recent = this.recentBySeries(req.metric, req.fromMs, req.toMs);
    let candidates = this.stmts.series
      .all(req.metric)
      .map((row) => ({ row, labels: parseLabels(row.labels) }))
      .filter((c) => includes(c.labels, req.match));
    // Counting costs a pass over each series' range: only worth it when some must be left out.
    if (candidates.length > MAX_SERIES_PER_READ) {
      candidates = candidates
        .map((c) => ({ ...c, count: this.count(c.row.id, req.fromMs, req.toMs) + (recent.get(c.row.id)?.t.length ?? 0) }))
        .filter((c) => c.count > 0)
        .sort((a, b) => b.count - a.count || a.row.id - b.row.id)
        .slice(0, MAX_SERIES_PER_READ);
    }

    let storedPoints = 0;
    let downsampled = false;
    let newestAt: number | null = null;
    const series: SeriesData[] = [];
    for (const c of candidates) {
      const cols = this.columns(c.row.id, req.fromMs, req.toMs, recent.get(c.row.id));
      const n = cols.t.length;
      const newest = cols.t[n - 1];
      if (newest === undefined) continue;
      storedPoints += n;
      if (newestAt === null || newest > newestAt) newestAt = newest;
      if (n > req.maxPoints) downsampled = true;
      series.push({
        id: c.row.id,
        sourceId: c.row.source_id,
        metric: req.metric,
        labels: c.labels,
        points: downsampleColumns(cols, req.maxPoints),
      });
    }
    series.sort((a, b) => a.id - b.id);
    return { metric: req.metric, fromMs: req.fromMs, toMs: req.toMs, series, storedPoints, downsampled, newestAt };
  }

  private count(id: number, fromMs: number, toMs: number): number {
    return (this.stmts.countRaw.get(id, fromMs, toMs)?.n ?? 0) + (this.stmts.countRollups.get(id, fromMs, toMs)?.n ?? 0);
  }

  /** Stored columns (from the cache, or SQLite for what it lacks), then recent polls over them (a recent poll wins an instant both have). */
  private columns(id: number, fromMs: number, toMs: number, recent: Columns | undefined): Columns {
    const stored = this.cache.get(id, fromMs, toMs, (from, to) => this.stored(id, from, to));
    return recent ? mergeByTime(stored, recent) : stored;
  }

  /** Rollup averages, then raw samples over them, straight from SQLite. */
  private stored(id: number, fromMs: number, toMs: number): Columns {
    const raw: Columns = { t: this.stmts.rawT.all(id, fromMs, toMs), v: this.stmts.rawV.all(id, fromMs, toMs) };
    const rolledT = this.stmts.rolledT.all(id, fromMs, toMs);
    return rolledT.length === 0 ? raw : mergeByTime({ t: rolledT, v: this.stmts.rolledV.all(id, fromMs, toMs) }, raw);
  }

  /** Polls not yet moved into the series-first table: a couple of minutes, read once per request. */
  private recentBySeries(metric: string, fromMs: number, toMs: number): Map<number, Columns> {
    const out = new Map<number, Columns>();
    for (const [id, t, v] of this.stmts.recent.all(fromMs, toMs, metric)) {
      const cols = out.get(id);
      if (cols) {
        cols.t.push(t);
        cols.v.push(v);
      } else out.set(id, { t: [t], v: [v] });
    }
    return out;
  }
}

const NO_COLUMNS: Columns = { t: [], v: [] };

export interface WindowSpec {
  metric: string;
  fromMs: number;
}

/** The part of time-sorted columns at or after `fromMs`. */
function clip(c: Columns, fromMs: number): Columns {
  let i = 0;
  while (i < c.t.length && (c.t[i] as number) < fromMs) i += 1;
  return i === 0 ? c : { t: c.t.slice(i), v: c.v.slice(i) };
}

/** Merge two time-sorted column sets; on an equal time the point from `over` replaces the one from `under`. */
function mergeByTime(under: Columns, over: Columns): Columns {
  if (over.t.length === 0) return under;
  if (under.t.length === 0) return over;
  const out: Columns = { t: [], v: [] };
  let i = 0;
  let j = 0;
  const nu = under.t.length;
  const no = over.t.length;
  while (i < nu || j < no) {
    const tu = i < nu ? (under.t[i] ?? 0) : Infinity;
    const to = j < no ? (over.t[j] ?? 0) : Infinity;
    if (tu < to) {
      out.t.push(tu);
      out.v.push(under.v[i] ?? null);
      i += 1;
    } else {
      if (tu === to) i += 1;
      out.t.push(to);
      out.v.push(over.v[j] ?? null);
      j += 1;
    }
  }
  return out;
}

/** A series' stored labels; written by us as a JSON object, so anything else (a damaged file) reads as none. */
export function parseLabels(text: string): Record<string, string> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function includes(labels: Readonly<Record<string, string>>, match: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(match)) if (labels[k] !== v) return false;
  return true;
}
