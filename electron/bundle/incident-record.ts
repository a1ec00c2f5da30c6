import type { IncidentDetail } from '../../shared/domain/incident';
import type { ImportRecord } from '../../shared/domain/reports';
import type { IdentityRepo } from '../store/reports/identity-repo';
import type { BundleBody } from './bundle-schema';
import type { AnyBundleTable, TableReadOptions } from './bundle-tables';

export interface RecordDeps {
  get: (incidentId: number) => IncidentDetail;
  identity: IdentityRepo;
  tables: readonly AnyBundleTable[];
  /** Minutes of lead-in kept before an incident (retention settings): the window samples are read for. */
  leadInMin: () => number;
  now: () => number;
  operator: () => string;
  newId: () => string;
  appName: string;
  /** Runs `fn` in one read transaction, so every table sees the same moment of the database. */
  snapshot: <T>(fn: () => T) => T;
}

/** An incident as stored, in the bundle's shape; the report renders from this too. */
export interface IncidentRecord {
  body: BundleBody;
  incidentId: number;
  imported: ImportRecord | null;
}

/** From the lead-in before the earliest of impact, detection and declaration, to resolution (or now). */
export function incidentWindow(t: IncidentDetail['incident']['times'], leadInMin: number, now: number): { fromMs: number; toMs: number } {
  const start = Math.min(t.declaredAt, t.impactStartedAt ?? t.declaredAt, t.detectedAt ?? t.declaredAt);
  const end = t.resolvedAt ?? t.closedAt ?? now;
  return { fromMs: start - leadInMin * 60_000, toMs: Math.max(end, start) };
}

/**
 * Reads everything stored about one incident into a bundle body. A local incident's uid is
 * assigned here the first time it is needed (it then stays). `onTable` is told before each table is
 * read, for progress.
 */
export function readIncidentRecord(
  deps: RecordDeps,
  incidentId: number,
  opts: TableReadOptions & { onTable?: (what: string, index: number, count: number) => void } = {},
): IncidentRecord {
  return deps.snapshot(() => {
    const { incident, timeline } = deps.get(incidentId);
    let identity = deps.identity.uid(incidentId);
    if (!identity) {
      identity = { uid: deps.newId(), origin: 'local' };
      deps.identity.assign(incidentId, identity.uid, 'local');
    }
    const imported = identity.origin === 'imported' ? deps.identity.importOf(incidentId) : null;
    const window = imported?.window ?? incidentWindow(incident.times, deps.leadInMin(), deps.now());
    const scope = { incidentId, imported: imported !== null, window };
    const tables: Record<string, unknown[]> = {};
    deps.tables.forEach((t, i) => {
      opts.onTable?.(t.what, i, deps.tables.length);
      tables[t.name] = t.read(scope, opts);
    });
    const body: BundleBody = {
      exportedAt: deps.now(),
      exportedBy: deps.operator(),
      exportedFrom: deps.appName,
      incident: {
        uid: identity.uid,
        ref: incident.ref,
        title: incident.title,
        summary: incident.summary,
        severity: incident.severity,
        status: incident.status,
        services: incident.services,
        tenants: incident.tenants,
        times: incident.times,
        updatedAt: incident.updatedAt,
        roles: incident.roles.map((r) => ({ role: r.role, person: r.person, assignedAt: r.assignedAt })),
      },
      timeline: timeline.map((e) => ({ at: e.at, kind: e.kind, actor: e.actor, summary: e.summary, data: e.data })),
      window,
      tables,
    };
    return { body, incidentId, imported: imported?.record ?? null };
  });
}
