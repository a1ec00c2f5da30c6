import type Database from 'better-sqlite3';
import type { IncidentTimes } from '../../../shared/domain/incident';
import type { Severity } from '../../../shared/domain/severity';
import { TIME_COLUMNS, toTimes, type IncidentRow, type TimeColumns } from '../incidents/incident-rows';

export interface MetricIncident {
  id: number;
  ref: string;
  title: string;
  severity: Severity;
  times: IncidentTimes;
}

type Row = Pick<IncidentRow, 'id' | 'ref' | 'title' | 'severity' | keyof TimeColumns>;

/** The raw milestones metrics are computed from, read straight from the incidents table. */
export class MetricsReads {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      incidents: db.prepare<[number, number], Row>(
        `SELECT id, ref, title, severity, ${TIME_COLUMNS}
         FROM incidents WHERE declared_at >= ? AND declared_at <= ? ORDER BY declared_at`,
      ),
    };
  }

  incidents(fromMs: number, toMs: number): MetricIncident[] {
    return this.stmts.incidents
      .all(fromMs, toMs)
      .map((r) => ({ id: r.id, ref: r.ref, title: r.title, severity: r.severity, times: toTimes(r) }));
  }
}
