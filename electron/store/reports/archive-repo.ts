import type Database from 'better-sqlite3';
import type { SeriesPoint } from '../../../shared/domain/telemetry';

export interface ArchivedSeries {
  source: { name: string; kind: string } | null;
  metric: string;
  labels: Record<string, string>;
  points: SeriesPoint[];
}

interface SeriesRow {
  id: string;
  source_name: string | null;
  source_kind: string | null;
  metric: string;
  labels: string;
}

/**
 * What an imported incident brought along besides its timeline: its samples (archived_series /
 * archived_points) and other domains' rows (archived_rows), kept apart from this machine's own.
 */
export class ArchiveRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insertSeries: db.prepare(
        `INSERT INTO archived_series (id, incident_id, position, source_name, source_kind, metric, labels)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertPoint: db.prepare('INSERT INTO archived_points (series_id, t_ms, value) VALUES (?, ?, ?)'),
      series: db.prepare<[number], SeriesRow>(
        'SELECT id, source_name, source_kind, metric, labels FROM archived_series WHERE incident_id = ? ORDER BY position',
      ),
      pointsT: db.prepare<[string], number>('SELECT t_ms FROM archived_points WHERE series_id = ? ORDER BY t_ms').pluck(),
      pointsV: db.prepare<[string], number | null>('SELECT value FROM archived_points WHERE series_id = ? ORDER BY t_ms').pluck(),
      insertRow: db.prepare('INSERT INTO archived_rows (incident_id, table_name, position, json) VALUES (?, ?, ?, ?)'),
      rows: db
        .prepare<[number, string], string>('SELECT json FROM archived_rows WHERE incident_id = ? AND table_name = ? ORDER BY position')
        .pluck(),
    };
  }

  /** Inside the import transaction. `newId` names each series (UUIDv7). */
  writeSeries(incidentId: number, series: readonly ArchivedSeries[], newId: () => string): void {
    series.forEach((s, position) => {
      const id = newId();
      this.stmts.insertSeries.run(
        id,
        incidentId,
        position,
        s.source?.name ?? null,
        s.source?.kind ?? null,
        s.metric,
        JSON.stringify(s.labels),
      );
      for (const [t, v] of s.points) this.stmts.insertPoint.run(id, t, v);
    });
  }

  /** The archived series of an incident in bundle order; only `metrics` when given. */
  readSeries(incidentId: number, metrics?: readonly string[]): ArchivedSeries[] {
    const wanted = metrics ? new Set(metrics) : null;
    return this.stmts.series
      .all(incidentId)
      .filter((r) => wanted === null || wanted.has(r.metric))
      .map((r) => {
        const t = this.stmts.pointsT.all(r.id);
        const v = this.stmts.pointsV.all(r.id);
        return {
          source: r.source_name === null ? null : { name: r.source_name, kind: r.source_kind ?? '' },
          metric: r.metric,
          labels: JSON.parse(r.labels) as Record<string, string>,
          points: t.map((tm, i): SeriesPoint => [tm, v[i] ?? null]),
        };
      });
  }

  writeRows(incidentId: number, table: string, rows: readonly unknown[]): void {
    rows.forEach((row, position) => this.stmts.insertRow.run(incidentId, table, position, JSON.stringify(row)));
  }

  readRows(incidentId: number, table: string): unknown[] {
    return this.stmts.rows.all(incidentId, table).map((json) => JSON.parse(json) as unknown);
  }
}
