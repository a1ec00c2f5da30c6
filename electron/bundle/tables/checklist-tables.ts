import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AppFailure } from '../../../shared/contract/result';
import { ROLES } from '../../../shared/domain/roles';
import { CHECKLIST_ACTIONS } from '../../../shared/playbooks/checklist';
import type { EvidenceReading } from '../../../shared/playbooks/evidence';
import { checkPlaybook } from '../../../shared/playbooks/validate';
import { ChecklistRepo } from '../../store/playbooks/checklist-repo';
import { epochMs, jsonObject } from '../bundle-schema';
import { defineTable, type AnyBundleTable } from '../bundle-tables';

export const CHECKLISTS_TABLE = 'playbooks.checklists';

/** The stored copy of the playbook as attached, kept as its JSON text so a re-export gives the same bytes. */
const playbookText = z
  .string()
  .max(1_000_000)
  .refine((text) => {
    try {
      return checkPlaybook(JSON.parse(text)).ok;
    } catch {
      return false;
    }
  }, 'is not a valid playbook');

export const checklistRow = z.strictObject({
  id: z.uuid(),
  playbookId: z.string().min(1).max(100),
  playbookVersion: z.number().int().min(1),
  playbook: playbookText,
  attachedAt: epochMs,
  attachedBy: z.string().min(1).max(200),
  actions: z
    .array(
      z.strictObject({
        id: z.uuid(),
        itemId: z.string().min(1).max(100),
        action: z.enum(CHECKLIST_ACTIONS),
        at: epochMs,
        author: z.string().min(1).max(200),
        text: z.string().max(20_000).nullable(),
        role: z.enum(ROLES).nullable(),
        answer: z.enum(['yes', 'no']).nullable(),
        evidence: z.array(jsonObject).max(64).nullable(),
      }),
    )
    .max(10_000),
});
export type ChecklistRow = z.infer<typeof checklistRow>;

/**
 * An incident's checklists: each playbook as attached (its frozen copy) and every action on its
 * items, with the evidence readings frozen when an item was ticked. Actions keep their UUIDs; on
 * import each is linked to its timeline event (the event carries the action's id).
 */
export function checklistsTable(db: Database.Database): AnyBundleTable {
  const repo = new ChecklistRepo(db);
  const eventOf = db.prepare<[number, string], { id: number }>(
    `SELECT id FROM timeline_events WHERE incident_id = ? AND kind = 'checklist' AND json_extract(data, '$.actionId') = ?`,
  );
  return defineTable<ChecklistRow>({
    name: CHECKLISTS_TABLE,
    what: 'checklists',
    maxRows: 200,
    row: checklistRow,
    read(scope) {
      return repo.forIncident(scope.incidentId).map((c) => ({
        id: c.id,
        playbookId: c.playbook_id,
        playbookVersion: c.playbook_version,
        playbook: c.playbook,
        attachedAt: c.attached_at,
        attachedBy: c.attached_by,
        actions: repo.actions(c.id).map((a) => ({
          id: a.id,
          itemId: a.itemId,
          action: a.action,
          at: a.at,
          author: a.author,
          text: a.text,
          role: a.role,
          answer: a.answer,
          evidence: a.evidence as unknown as Record<string, unknown>[] | null,
        })),
      }));
    },
    write(incidentId, rows) {
      for (const c of rows) {
        repo.insert({
          id: c.id,
          incident_id: incidentId,
          playbook_id: c.playbookId,
          playbook_version: c.playbookVersion,
          playbook: c.playbook,
          attached_at: c.attachedAt,
          attached_by: c.attachedBy,
        });
        for (const a of c.actions) {
          const event = eventOf.get(incidentId, a.id);
          if (!event)
            throw new AppFailure('bad-input', `The bundle's checklist action ${a.id} has no timeline event. Nothing was imported.`);
          repo.insertAction({ ...a, checklistId: c.id, evidence: a.evidence as unknown as EvidenceReading[] | null }, event.id);
        }
      }
    },
    weight: (rows) => rows.reduce((n, c) => n + c.actions.length, 0),
  });
}
