import type { Role } from './roles';
import type { Severity } from './severity';
import type { Status } from './status';

/** All times are milliseconds since the Unix epoch, UTC. */
export type EpochMs = number;

/**
 * The moments MTTD / MTTA / MTTR are computed from. `declaredAt` is when the
 * incident was opened in Pitwall; the others are set as the response moves on
 * and can be corrected by the commander (each correction is a timeline event).
 */
export interface IncidentTimes {
  impactStartedAt: EpochMs | null;
  detectedAt: EpochMs | null;
  declaredAt: EpochMs;
  acknowledgedAt: EpochMs | null;
  mitigatedAt: EpochMs | null;
  resolvedAt: EpochMs | null;
  closedAt: EpochMs | null;
}

export const EDITABLE_TIMES = ['impactStartedAt', 'detectedAt', 'acknowledgedAt', 'mitigatedAt'] as const;
export type EditableTime = (typeof EDITABLE_TIMES)[number];

export interface RoleAssignment {
  role: Role;
  person: string;
  assignedAt: EpochMs;
}

export interface IncidentSummary {
  id: number;
  /** Human reference, INC-YYYYMMDD-NNN. */
  ref: string;
  title: string;
  severity: Severity;
  status: Status;
  declaredAt: EpochMs;
  updatedAt: EpochMs;
  commander: string | null;
}

export interface Incident extends IncidentSummary {
  summary: string;
  services: string[];
  tenants: string[];
  times: IncidentTimes;
  roles: RoleAssignment[];
}

export const EVENT_KINDS = [
  'declared',
  'severity',
  'status',
  'role',
  'handoff',
  'timestamp',
  'note',
  'checklist',
  'mitigation',
  /** An escalation-matrix level recorded as engaged. */
  'escalation',
  'comms',
  'alert',
  'detector',
  'pin-metric',
  'pin-log',
  'edit',
  /** History fetched (or not) from Prometheus / Loki for a range the incident newly covers. */
  'backfill',
  'postmortem',
  'action-item',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface TimelineEvent {
  id: number;
  incidentId: number;
  at: EpochMs;
  kind: EventKind;
  actor: string;
  /** One line a person can read in the timeline. */
  summary: string;
  /** Structured detail (old/new values, pinned data); plain JSON. */
  data: Record<string, unknown>;
}

export interface IncidentDetail {
  incident: Incident;
  timeline: TimelineEvent[];
}
