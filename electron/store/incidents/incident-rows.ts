import type { Incident, IncidentSummary, IncidentTimes, RoleAssignment, TimelineEvent } from '../../../shared/domain/incident';
import type { EventKind } from '../../../shared/domain/incident';
import type { Role } from '../../../shared/domain/roles';
import type { Severity } from '../../../shared/domain/severity';
import type { Status } from '../../../shared/domain/status';

/** Row shapes as SQLite returns them, and their mapping to domain objects. */

/** The incident's milestones as columns of the incidents table. */
export interface TimeColumns {
  impact_started_at: number | null;
  detected_at: number | null;
  declared_at: number;
  acknowledged_at: number | null;
  mitigated_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
}

export const TIME_COLUMNS = 'impact_started_at, detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at, closed_at';

export interface IncidentRow extends TimeColumns {
  id: number;
  ref: string;
  title: string;
  summary: string;
  severity: Severity;
  status: Status;
  services: string;
  tenants: string;
  updated_at: number;
  commander: string | null;
}

export interface EventRow {
  id: number;
  incident_id: number;
  at: number;
  kind: EventKind;
  actor: string;
  summary: string;
  data: string;
}

export interface RoleRow {
  role: Role;
  person: string;
  assigned_at: number;
}

function parseList(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function toTimes(r: TimeColumns): IncidentTimes {
  return {
    impactStartedAt: r.impact_started_at,
    detectedAt: r.detected_at,
    declaredAt: r.declared_at,
    acknowledgedAt: r.acknowledged_at,
    mitigatedAt: r.mitigated_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
  };
}

export function toSummary(r: IncidentRow): IncidentSummary {
  return {
    id: r.id,
    ref: r.ref,
    title: r.title,
    severity: r.severity,
    status: r.status,
    declaredAt: r.declared_at,
    updatedAt: r.updated_at,
    commander: r.commander,
  };
}

export function toIncident(r: IncidentRow, roles: RoleRow[]): Incident {
  const assignments: RoleAssignment[] = roles.map((x) => ({ role: x.role, person: x.person, assignedAt: x.assigned_at }));
  return {
    ...toSummary(r),
    summary: r.summary,
    services: parseList(r.services),
    tenants: parseList(r.tenants),
    times: toTimes(r),
    roles: assignments,
  };
}

export function toEvent(r: EventRow): TimelineEvent {
  const data: unknown = JSON.parse(r.data);
  return {
    id: r.id,
    incidentId: r.incident_id,
    at: r.at,
    kind: r.kind,
    actor: r.actor,
    summary: r.summary,
    data: data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
  };
}
