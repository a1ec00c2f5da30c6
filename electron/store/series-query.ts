import type Database from 'better-sqlite3';
import type { SeriesData, SeriesPoint, SeriesResult } from '../../shared/domain/telemetry';
import { downsamplePoints } from './downsample-points';

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

/**
 * Reads for 'telemetry:get-series' and evidence copies. Raw samples where they still exist, plus
 * rollup averages where raw was compacted (older than rawKeepHours, outside incident windows).
 */
export class SeriesQuery {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      series: db.prepare<[string], SeriesRow>('SELECT id, source_id, labels FROM series WHERE metric = ? ORDER BY id'),
      countRaw: db.prepare<[number, number, number], { n: number }>(
        'SELECT count(*) AS n FROM samples WHERE series_id = ? AND t_ms BETWEEN ? AND ?',
      ),
      countRollups: db.prepare<[number, number, number], { n: number }>(
        'SELECT count(*) AS n FROM rollups WHERE series_id = ? AND bucket_ms BETWEEN ? AND ?',
      ),
      raw: db
        .prepare<[number, number, number], [number, number | null]>(
          'SELECT t_ms, value FROM samples WHERE series_id = ? AND t_ms BETWEEN ? AND ? ORDER BY t_ms',
        )
        .raw(true),
      recent: db
        .prepare<[number, number, string], [number, number, number | null]>(
          `SELECT r.series_id, r.t_ms, r.value FROM samples_recent r JOIN series s ON s.id = r.series_id
            WHERE r.t_ms BETWEEN ? AND ? AND s.metric = ? ORDER BY r.t_ms`,
        )
        .raw(true),
      rollups: db
        .prepare<[number, number, number], [number, number | null]>(
          'SELECT bucket_ms, avg FROM rollups WHERE series_id = ? AND bucket_ms BETWEEN ? AND ? ORDER BY bucket_ms',
        )
        .raw(true),
    };
  }

  get(req: SeriesRequest): SeriesResult {
    const recent = this.recentBySeries(req.metric, req.fromMs, req.toMs);
    let candidates = this.stmts.series
      .all(req.metric)
      .map((row) => ({ row, labels: parseLabels(row.labels) }))
      .filter((c) => includes(c.labels, req.match));
    // Counting costs a pass over each series' range: only worth it when some must be left out.
    if (candidates.length > MAX_SERIES_PER_READ) {
      candidates = candidates
        .map((c) => ({ ...c, count: this.count(c.row.id, req.fromMs, req.toMs) + (recent.get(c.row.id)?.length ?? 0) }))
        .filter((c) => c.count > 0)
        .sort((a, b) => b.count - a.count || a.row.id - b.row.id)
        .slice(0, MAX_SERIES_PER_READ);
    }

    let storedPoints = 0;
    let downsampled = false;
    let newestAt: number | null = null;
    const series: SeriesData[] = [];
    for (const c of candidates) {
      const points = mergeByTime(this.points(c.row.id, req.fromMs, req.toMs), recent.get(c.row.id) ?? []);
      if (points.length === 0) continue;
      storedPoints += points.length;
      const newest = points[points.length - 1]?.[0];
      if (newest !== undefined && (newestAt === null || newest > newestAt)) newestAt = newest;
      if (points.length > req.maxPoints) downsampled = true;
      series.push({
        id: c.row.id,
        sourceId: c.row.source_id,
        metric: req.metric,
        labels: c.labels,
        points: points.length > req.maxPoints ? downsamplePoints(points, req.maxPoints) : points,
      });
    }
    series.sort((a, b) => a.id - b.id);
    return { metric: req.metric, fromMs: req.fromMs, toMs: req.toMs, series, storedPoints, downsampled, newestAt };
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

  private count(id: number, fromMs: number, toMs: number): number {
    return (this.stmts.countRaw.get(id, fromMs, toMs)?.n ?? 0) + (this.stmts.countRollups.get(id, fromMs, toMs)?.n ?? 0);
  }

  /** Rollup averages, then raw samples over them (the raw sample wins where both share an instant). */
  private points(id: number, fromMs: number, toMs: number): SeriesPoint[] {
    const rolled = this.stmts.rollups.all(id, fromMs, toMs);
    const raw = this.stmts.raw.all(id, fromMs, toMs);
    return rolled.length === 0 ? raw : mergeByTime(rolled, raw);
  }

  /** Polls not yet moved into the series-first table: a couple of minutes, read once per request. */
  private recentBySeries(metric: string, fromMs: number, toMs: number): Map<number, SeriesPoint[]> {
    const out = new Map<number, SeriesPoint[]>();
    for (const [id, t, v] of this.stmts.recent.all(fromMs, toMs, metric)) {
      const list = out.get(id);
      if (list) list.push([t, v]);
      else out.set(id, [[t, v]]);
    }
    return out;
  }
}

/** Merge two time-sorted lists; on an equal time the point from `over` replaces the one from `under`. */
export function mergeByTime(under: readonly SeriesPoint[], over: readonly SeriesPoint[]): SeriesPoint[] {
  if (over.length === 0) return [...under];
  if (under.length === 0) return [...over];
  const out: SeriesPoint[] = [];
  let i = 0;
  let j = 0;
  while (i < under.length || j < over.length) {
    const u = under[i];
    const o = over[j];
    if (u && (!o || u[0] < o[0])) {
      out.push(u);
      i += 1;
    } else if (o) {
      if (u && u[0] === o[0]) i += 1;
      out.push(o);
      j += 1;
    }
  }
  return out;
}

function parseLabels(text: string): Record<string, string> {
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
