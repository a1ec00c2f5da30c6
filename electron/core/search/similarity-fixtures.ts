import type Database from 'better-sqlite3';
import type { Incident } from '../../../shared/domain/incident';
import type { SimilarIncident } from '../../../shared/domain/search';
import { addSource, openTestStore } from '../../store/test-fixtures';
import { IncidentService } from '../incidents/incident-service';
import { TelemetryService } from '../telemetry/telemetry-service';
import { SimilarityService } from './similarity-service';

const MIN = 60_000;

/** A store for similarity tests: the services similarity reads, one telemetry source and a clock moved by hand. */
export interface SimilarityStore {
  db: Database.Database;
  incidents: IncidentService;
  telemetry: TelemetryService;
  /** The source every test sample is stored under. */
  source: number;
  clock: { now: number };
  /** An SEV2 whose impact began at `fromMs`, declared a minute later and (unless `resolve` is false) resolved at `toMs`. */
  declarePast(title: string, fromMs: number, toMs: number, o?: { services?: string[]; resolve?: boolean }): Incident;
  /** Asks a new service each time, so a second ask reads only what the first one cached in the store. */
  similar(id: number, limit: number): SimilarIncident[];
  close(): void;
}

export function openSimilarityStore(startMs: number): SimilarityStore {
  const { db, close } = openTestStore();
  const clock = { now: startMs };
  const now = (): number => clock.now;
  const incidents = new IncidentService({ db, operator: () => 'alice', now });
  const telemetry = new TelemetryService({ db, now });
  return {
    db,
    incidents,
    telemetry,
    source: addSource(db, 'lab'),
    clock,
    declarePast(title, fromMs, toMs, { services = [], resolve = true } = {}) {
      clock.now = fromMs + MIN;
      const inc = incidents.declare({
        title,
        summary: '',
        severity: 'SEV2',
        services,
        tenants: [],
        impactStartedAt: fromMs,
        detectedAt: null,
      });
      clock.now = toMs;
      if (resolve) incidents.setStatus({ id: inc.id, status: 'resolved', reason: '' });
      return inc;
    },
    similar: (id, limit) => new SimilarityService({ db, now, incidents, telemetry }).similar(id, limit),
    close,
  };
}
