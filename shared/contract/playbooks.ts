import { z } from 'zod';
import type { TimelineEvent } from '../domain/incident';
import { ROLES } from '../domain/roles';
import type { ChecklistProgress, ChecklistView } from '../playbooks/checklist';
import { evidenceQuerySchema, type EvidenceReading } from '../playbooks/evidence';
import type { PlaybookDetail, PlaybookSummary } from '../playbooks/library';
import { PLAYBOOK_FORMATS } from '../playbooks/playbook-file';
import { PLAYBOOK_LIMITS, playbookIdSchema } from '../playbooks/schema';
import { emptyInput, out } from './define';
import { MAX_TEXT } from './limits';
import { incidentId } from './schemas';

const fileText = z
  .string()
  .max(PLAYBOOK_LIMITS.fileBytes, `a playbook may be at most ${PLAYBOOK_LIMITS.fileBytes / 1024} KiB`)
  .refine((t) => t.trim() !== '', 'the playbook text is empty');
const format = z.enum(PLAYBOOK_FORMATS);
const checklistId = z.string().uuid();
const reason = z.string().trim().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);

/** One action on one checklist item; what each action needs is checked by the service, in words. */
export const checklistActInput = z.strictObject({
  checklistId,
  itemId: playbookIdSchema,
  action: z.enum(['done', 'skipped', 'not-applicable', 'reopen', 'note', 'assign', 'answer']),
  /** The skip reason (required), the not-applicable reason (optional), or the note. */
  text: reason.optional(),
  /** For assign; null clears the assignment. */
  role: z.enum(ROLES).nullable().optional(),
  answer: z.enum(['yes', 'no']).optional(),
});

/** Playbooks (built-in and the user's own) and the checklists attached from them to incidents. */
export const playbookChannels = {
  'playbook:list': { input: emptyInput, output: out<PlaybookSummary[]>() },
  'playbook:get': {
    input: z.strictObject({ id: playbookIdSchema, version: z.number().int().min(1).optional() }),
    output: out<PlaybookDetail>(),
  },
  /** Create (no `id`) or edit (`id` = the playbook edited) from YAML or JSON text; saved as a new version. */
  'playbook:save': { input: z.strictObject({ id: playbookIdSchema.optional(), text: fileText, format }), output: out<PlaybookSummary>() },
  'playbook:duplicate': {
    input: z.strictObject({ id: playbookIdSchema, newId: playbookIdSchema.optional() }),
    output: out<PlaybookSummary>(),
  },
  'playbook:delete': { input: z.strictObject({ id: playbookIdSchema }), output: out<{ id: string }>() },
  /** A file's text; with `replace`, an existing playbook of the same id gets it as its next version. */
  'playbook:import': {
    input: z.strictObject({ text: fileText, fileName: z.string().max(260).default(''), replace: z.boolean().default(false) }),
    output: out<PlaybookSummary>(),
  },
  'playbook:export': {
    input: z.strictObject({ id: playbookIdSchema, version: z.number().int().min(1).optional(), format }),
    output: out<{ fileName: string; text: string }>(),
  },
  /** Evidence queries answered from the stored telemetry now (no upstream is asked). */
  'playbook:read-evidence': {
    input: z.strictObject({ queries: z.array(evidenceQuerySchema).max(64) }),
    output: out<EvidenceReading[]>(),
  },
  'checklist:list': { input: z.strictObject({ incidentId }), output: out<ChecklistView[]>() },
  'checklist:attach': { input: z.strictObject({ incidentId, playbookId: playbookIdSchema }), output: out<ChecklistView>() },
  'checklist:act': { input: checklistActInput, output: out<{ checklist: ChecklistView; event: TimelineEvent }>() },
  'checklist:progress': {
    input: z.strictObject({ incidentIds: z.array(incidentId).max(500) }),
    output: out<{ incidentId: number; progress: ChecklistProgress[] }[]>(),
  },
} as const;
