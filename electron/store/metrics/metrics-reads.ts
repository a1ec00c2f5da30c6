import type Database from 'better-sqlite3';
import type { IncidentTimes } from '../../../shared/domain/incident';
import type { Severity } from '../../../shared/domain/severity';

export interface MetricIncident {
  id: number;
  ref: string;
  title: string;
  severity: Severity;
  times: IncidentTimes;
}

interface Row {
  id: number;
  ref: string;
  title: string;
  severity: Severity;
  impact_started_at: number | null;
  detected_at: number | null;
  declared_at: number;
  acknowledged_at: number | null;
  mitigated_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
}

/** The raw milestones metrics are computed from, read straight from the incidents table. */
export class MetricsReads {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      incidents: db.prepare<[number, number], Row>(
        `SELECT id, ref, title, severity, impact_started_at, detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at, closed_at
         FROM incidents WHERE declared_at >= ? AND declared_at <= ? ORDER BY declared_at`,
      ),
    };
  }

  incidents(fromMs: number, toMs: number): MetricIncident[] {
    return this.stmts.incidents.all(fromMs, toMs).map((r) => ({
      id: r.id,
      ref: r.ref,
      title: r.title,
      severity: r.severity,
      times: {
        impactStartedAt: r.impact_started_at,
        detectedAt: r.detected_at,
        declaredAt: r.declared_at,
        acknowledgedAt: r.acknowledged_at,
        mitigatedAt: r.mitigated_at,
        resolvedAt: r.resolved_at,
        closedAt: r.closed_at,
      },
    }));
  }
}
