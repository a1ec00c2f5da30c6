import type Database from 'better-sqlite3';
import { AppFailure } from '../../shared/contract/result';
import type { ImportOutcome } from '../../shared/domain/reports';
import type { IdentityRepo } from '../store/reports/identity-repo';
import type { ImportRepo } from '../store/reports/import-repo';
import type { ParsedBundle } from './bundle-file';
import { SERIES_TABLE } from './tables/telemetry-tables';

export interface ImportDeps {
  db: Database.Database;
  identity: IdentityRepo;
  imports: ImportRepo;
  newId: () => string;
  now: () => number;
  operator: () => string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Writes a checked bundle in ONE transaction: the incident (renumbered if its ref is taken here by
 * another incident), its roles and timeline, its uid and import record, and every table's rows.
 * A bundle whose incident is already here (same uid) writes nothing. Any failure rolls all of it back.
 */
export function importBundle(deps: ImportDeps, parsed: ParsedBundle, fileName: string): ImportOutcome {
  const { body } = parsed;
  const series = parsed.tables.find((t) => t.name === SERIES_TABLE);
  const counts = { events: body.timeline.length, series: series?.rows ?? 0, points: series?.weight ?? 0 };
  try {
    return write(deps, parsed, fileName, counts);
  } catch (err) {
    // Records are known by globally unique ids; one already here under another incident means the
    // file was assembled or edited by hand. The transaction rolled back: nothing was written.
    if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
      throw new AppFailure(
        'conflict',
        `The bundle holds records that are already here under another incident (${(err as Error).message}); it may have been edited by hand. Nothing was imported.`,
        { cause: err },
      );
    }
    throw err;
  }
}

function write(
  deps: ImportDeps,
  parsed: ParsedBundle,
  fileName: string,
  counts: { events: number; series: number; points: number },
): ImportOutcome {
  const { body } = parsed;
  const inc = body.incident;
  return deps.db.transaction((): ImportOutcome => {
    const existing = deps.identity.findByUid(inc.uid);
    if (existing) {
      return {
        status: 'already-present',
        incidentId: existing.incidentId,
        ref: existing.ref,
        bundleRef: inc.ref,
        renumbered: false,
        ...counts,
        message: `This incident is already here as ${existing.ref} (the same incident, exported from here or imported before); nothing was imported.`,
      };
    }
    const taken = deps.imports.refTaken(inc.ref);
    const ref = taken ? deps.imports.nextFreeRef(inc.ref.slice(0, inc.ref.lastIndexOf('-') + 1)) : inc.ref;
    const incidentId = deps.imports.write({ ...inc, ref }, body.timeline);
    deps.identity.assign(incidentId, inc.uid, 'imported');
    deps.identity.recordImport({
      id: deps.newId(),
      incidentId,
      uid: inc.uid,
      sha256: parsed.sha256,
      fileName,
      originalRef: inc.ref,
      exportedAt: body.exportedAt,
      exportedBy: body.exportedBy,
      exportedFrom: body.exportedFrom,
      window: body.window,
      importedAt: deps.now(),
      importedBy: deps.operator(),
    });
    for (const t of parsed.tables) t.write(incidentId);
    const what = `${plural(counts.events, 'timeline event')}, ${plural(counts.points, 'sample')} in ${plural(counts.series, 'series', 'series')}`;
    const message = taken
      ? `${inc.ref} is already used here by another incident, so it was imported as ${ref} (${what}).`
      : `Imported ${ref} (${what}).`;
    return { status: 'imported', incidentId, ref, bundleRef: inc.ref, renumbered: taken, ...counts, message };
  })();
}
