import { join } from 'node:path';
import { bundleTables } from '../../bundle/tables/index';
import { ArchiveRepo } from '../../store/reports/archive-repo';
import { IdentityRepo } from '../../store/reports/identity-repo';
import { ImportRepo } from '../../store/reports/import-repo';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import { ReportJobs } from './report-jobs';
import { ReportService } from './report-service';

export interface ReportsDomain {
  service: ReportService;
  jobs: ReportJobs;
}

/** Reports and bundles, built from the core context: the service (console and command line) and the console's jobs. */
export function createReports(ctx: CoreContext, appName: string): ReportsDomain {
  const identity = new IdentityRepo(ctx.db);
  const tables = bundleTables(ctx, new ArchiveRepo(ctx.db));
  const service = new ReportService({
    record: {
      get: (id) => ctx.incidents.get(id),
      identity,
      tables,
      leadInMin: () => ctx.telemetry.getRetention().leadInMin,
      now: ctx.now,
      operator: ctx.operator,
      newId,
      appName,
      snapshot: (fn) => ctx.db.transaction(fn)(),
    },
    imports: { db: ctx.db, identity, imports: new ImportRepo(ctx.db), newId, now: ctx.now, operator: ctx.operator },
    tables,
    pdf: () => ctx.platform.pdf,
    now: ctx.now,
    operator: ctx.operator,
    appName,
    onImported: (o) => ctx.hub.emit('incident:changed', { id: o.incidentId, ref: o.ref }),
  });
  const jobs = new ReportJobs({
    service,
    dir: join(ctx.dataDir, 'transfers'),
    emit: (job) => ctx.hub.emit('report:job-changed', job),
    incidentRef: (id) => ctx.incidents.get(id).incident.ref,
    now: ctx.now,
    newId,
    log: ctx.log,
  });
  ctx.onClose(() => jobs.close());
  return { service, jobs };
}
