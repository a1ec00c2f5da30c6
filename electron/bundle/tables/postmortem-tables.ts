import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ACTION_STATUSES, isCalendarDate } from '../../../shared/domain/action-items';
import { MAX_NAME, MAX_TITLE } from '../../../shared/contract/limits';
import { MAX_POSTMORTEM_CHARS, POSTMORTEM_TEMPLATES, VERSION_REASONS } from '../../../shared/domain/postmortem';
import { ActionRepo } from '../../store/postmortems/action-repo';
import { PostmortemRepo } from '../../store/postmortems/postmortem-repo';
import { epochMs } from '../bundle-schema';
import { defineTable, type AnyBundleTable } from '../bundle-tables';

export const POSTMORTEM_TABLE = 'postmortems.postmortem';
export const ACTION_ITEMS_TABLE = 'postmortems.action-items';

const author = z.string().min(1).max(200);
const body = z.string().max(MAX_POSTMORTEM_CHARS);

export const postmortemRow = z.strictObject({
  id: z.uuid(),
  template: z.enum(POSTMORTEM_TEMPLATES),
  body,
  revision: z.number().int().min(1),
  createdAt: epochMs,
  createdBy: author,
  updatedAt: epochMs,
  updatedBy: author,
  versions: z
    .array(
      z.strictObject({
        id: z.uuid(),
        at: epochMs,
        author,
        reason: z.enum(VERSION_REASONS),
        restoredFrom: z.uuid().nullable(),
        body,
      }),
    )
    .max(5_000),
});
export type PostmortemRow = z.infer<typeof postmortemRow>;

export const actionItemRow = z.strictObject({
  id: z.uuid(),
  title: z.string().min(1).max(MAX_TITLE),
  owner: z.string().max(MAX_NAME),
  ticket: z.string().max(MAX_NAME),
  dueDate: z.string().refine(isCalendarDate, 'is not a calendar date (YYYY-MM-DD)').nullable(),
  status: z.enum(ACTION_STATUSES),
  createdAt: epochMs,
  createdBy: author,
  updatedAt: epochMs,
  updatedBy: author,
});
export type ActionItemRow = z.infer<typeof actionItemRow>;

/**
 * The incident's postmortem with every version (oldest first), as stored: its own revision, times
 * and authors, so an imported postmortem reads, restores and re-exports exactly as it was.
 */
export function postmortemTable(db: Database.Database): AnyBundleTable {
  const repo = new PostmortemRepo(db);
  return defineTable<PostmortemRow>({
    name: POSTMORTEM_TABLE,
    what: 'postmortems',
    maxRows: 1,
    row: postmortemRow,
    read(scope) {
      const pm = repo.get(scope.incidentId);
      if (!pm) return [];
      const { incidentId: _incident, ...row } = pm;
      return [
        {
          ...row,
          versions: repo.allVersions(pm.id).map((v) => ({
            id: v.id,
            at: v.at,
            author: v.author,
            reason: v.reason,
            restoredFrom: v.restoredFrom,
            body: v.body,
          })),
        },
      ];
    },
    write(incidentId, rows) {
      for (const { versions, ...pm } of rows) {
        repo.importPostmortem({ ...pm, incidentId });
        for (const v of versions) repo.addVersion({ ...v, postmortemId: pm.id });
      }
    },
    weight: (rows) => rows.reduce((n, r) => n + 1 + r.versions.length, 0),
  });
}

/** The incident's action items in the order they were made; each change was already a timeline event, which travels with the timeline. */
export function actionItemsTable(db: Database.Database): AnyBundleTable {
  const repo = new ActionRepo(db);
  return defineTable<ActionItemRow>({
    name: ACTION_ITEMS_TABLE,
    what: 'action items',
    maxRows: 2_000,
    row: actionItemRow,
    read: (scope) =>
      repo.ofIncident(scope.incidentId).map((a) => ({
        id: a.id,
        title: a.title,
        owner: a.owner,
        ticket: a.ticket,
        dueDate: a.dueDate,
        status: a.status,
        createdAt: a.createdAt,
        createdBy: a.createdBy,
        updatedAt: a.updatedAt,
        updatedBy: a.updatedBy,
      })),
    write(incidentId, rows) {
      for (const r of rows) repo.importItem({ ...r, incidentId });
    },
  });
}
