import type { CoreContext } from '../../core/context';
import { newId } from '../../core/ids';
import type { ArchiveRepo } from '../../store/reports/archive-repo';
import type { AnyBundleTable } from '../bundle-tables';
import { checklistsTable } from './checklist-tables';
import { commsTable, mitigationsTable } from './command-tables';
import { actionItemsTable, postmortemTable } from './postmortem-tables';
import { telemetryAlertsTable, telemetrySeriesTable, type TelemetryTableDeps } from './telemetry-tables';

/**
 * The tables of the incident bundle besides the incident and its timeline, in bundle order. A
 * domain that stores rows per incident (checklists, comms, mitigations, postmortems, action items)
 * adds its table here with one line; until it does, its timeline events travel with the timeline.
 */
export function bundleTables(ctx: CoreContext, archive: ArchiveRepo): AnyBundleTable[] {
  const telemetry: TelemetryTableDeps = {
    db: ctx.db,
    archive,
    copyWindow: (...args) => ctx.telemetry.copyWindow(...args),
    listAlerts: (fromMs, toMs) => ctx.telemetry.listAlerts({ fromMs, toMs }),
    sources: () => ctx.sources.list(),
    newId,
  };
  return [
    telemetrySeriesTable(telemetry),
    telemetryAlertsTable(telemetry),
    checklistsTable(ctx.db),
    commsTable(ctx.db),
    mitigationsTable(ctx.db),
    postmortemTable(ctx.db),
    actionItemsTable(ctx.db),
  ];
}
