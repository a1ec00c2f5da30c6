import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { SEVERITIES } from '../domain/severity';
import { evidenceQuerySchema } from './evidence';

/**
 * A playbook as data: what the IC sees (symptoms, likely causes, the checklist, mitigations,
 * post-incident hardening, escalation) and what a checklist is attached from. Built-ins are written
 * from the seeds (assets/seeds/), every line traced to the seed file and line it quotes; users write
 * their own in the same shape, imported and exported as YAML or JSON.
 *
 * `schema` versions the FORMAT (a file written for a later format is refused in words); `version`
 * counts the saves of one playbook (an incident keeps the version it ran with).
 */
export const PLAYBOOK_SCHEMA = 1;

export const SEED_FILES = [
  'incident-management.md',
  'incident-playbook.md',
  'ml-incident-lecture.md',
  'hd-compute-runbook.md',
  'gaudi-playbook.md',
] as const;
export type SeedFile = (typeof SEED_FILES)[number];

export const ITEM_KINDS = ['check', 'action', 'decision', 'command'] as const;
/**
 * - check: look at something and confirm (often with live evidence);
 * - action: do something to the platform;
 * - decision: a yes/no question whose answer leads to some items and makes the others not applicable;
 * - command: a snippet to copy into a terminal. Pitwall shows it; it never runs it.
 */
export type ItemKind = (typeof ITEM_KINDS)[number];

export const SECTION_STAGES = ['confirm', 'investigate', 'decide', 'mitigate', 'recover', 'follow-up'] as const;
/** Where a section sits in the response; the library groups by it ("confirm" = the symptoms, "mitigate" = the mitigations). */
export type SectionStage = (typeof SECTION_STAGES)[number];

export const PLAYBOOK_LIMITS = {
  /** An import or edit larger than this is refused before it is parsed. */
  fileBytes: 100 * 1024,
  sections: 40,
  itemsPerSection: 60,
  items: 300,
  evidencePerItem: 4,
  listEntries: 40,
  text: 1_000,
  detail: 4_000,
  command: 4_000,
  title: 200,
  id: 64,
  /** A day, in minutes, times 30: a due time further out than a month is not a checklist item. */
  dueAfterMin: 30 * 24 * 60,
} as const;

const L = PLAYBOOK_LIMITS;
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Ids are referenced by decisions and by stored checklist actions: short, stable, readable. */
export const playbookIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(L.id, `must be at most ${L.id} characters`)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes (e.g. "gpu-oom-2"), starting with a letter or digit');

export const seedRefSchema = z.strictObject({
  seed: z.enum(SEED_FILES),
  /** 1-based line in assets/seeds/<seed>. */
  line: z.number().int().min(1).max(10_000),
  /** Last line, for a quote spanning several (a code block). */
  endLine: z.number().int().min(1).max(10_000).optional(),
  /** The seed's heading the quote sits under, as written there (checked against the seed by a test). */
  heading: z.string().max(L.title).optional(),
});
export type SeedRef = z.infer<typeof seedRefSchema>;

/** A line of a list (symptom, cause, hardening step, escalation), with where it came from. */
export const tracedSchema = z.strictObject({
  text: text(L.text),
  source: seedRefSchema.optional(),
});
export type Traced = z.infer<typeof tracedSchema>;

const branchSchema = z.strictObject({
  /** What the answer means, e.g. 'Go to "Rollback Procedure"'. */
  label: text(L.text),
  /** Item or section ids this answer leads to; the other answer's targets become not applicable. */
  goto: z.array(playbookIdSchema).min(1, 'must name at least one item or section').max(L.itemsPerSection),
  source: seedRefSchema.optional(),
});
export type DecisionBranch = z.infer<typeof branchSchema>;

export const itemSchema = z
  .strictObject({
    id: playbookIdSchema,
    kind: z.enum(ITEM_KINDS),
    text: text(L.text),
    /** More words for the IC (why, where to look); plain text. */
    detail: text(L.detail).optional(),
    /** For command items: the snippet, shown for copying, never executed. */
    command: text(L.command).optional(),
    /** For decision items. */
    yes: branchSchema.optional(),
    no: branchSchema.optional(),
    evidence: z.array(evidenceQuerySchema).max(L.evidencePerItem).optional(),
    /** Who usually does it; the IC can reassign per incident. */
    role: z.enum(ROLES).optional(),
    /** Due this long after the incident resolved (post-incident items); overrides the section's. */
    dueAfterMin: z.number().int().min(0).max(L.dueAfterMin).optional(),
    source: seedRefSchema.optional(),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'command' && item.command === undefined)
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'a command item needs its command' });
    if (item.kind !== 'command' && item.command !== undefined)
      ctx.addIssue({ code: 'custom', path: ['command'], message: `only command items carry a command (this one is a ${item.kind})` });
    if (item.kind === 'decision') {
      if (!item.yes) ctx.addIssue({ code: 'custom', path: ['yes'], message: 'a decision needs a "yes" branch' });
      if (!item.no) ctx.addIssue({ code: 'custom', path: ['no'], message: 'a decision needs a "no" branch' });
    } else {
      for (const b of ['yes', 'no'] as const)
        if (item[b] !== undefined)
          ctx.addIssue({ code: 'custom', path: [b], message: `only decision items have branches (this one is a ${item.kind})` });
    }
  });
export type PlaybookItem = z.infer<typeof itemSchema>;

export const sectionSchema = z.strictObject({
  id: playbookIdSchema,
  title: text(L.title),
  stage: z.enum(SECTION_STAGES),
  /** Plain text shown under the title. */
  note: text(L.detail).optional(),
  /** Only for incidents of these severities (e.g. the Gaudi P0 procedure); others show it folded, outside the count. */
  severities: z.array(z.enum(SEVERITIES)).min(1).max(SEVERITIES.length).optional(),
  /** Items fall due this long after resolution (the post-incident checklist). */
  dueAfterMin: z.number().int().min(0).max(L.dueAfterMin).optional(),
  source: seedRefSchema.optional(),
  items: z.array(itemSchema).min(1, 'a section needs at least one item').max(L.itemsPerSection),
});
export type PlaybookSection = z.infer<typeof sectionSchema>;

const list = z.array(tracedSchema).max(L.listEntries);

export const playbookSchema = z.strictObject({
  schema: z.literal(PLAYBOOK_SCHEMA, {
    error: (iss) => `this file is playbook format ${JSON.stringify(iss.input)}; this Pitwall reads format ${PLAYBOOK_SCHEMA}`,
  }),
  id: playbookIdSchema,
  /** Counts saves; assigned by Pitwall on save and import. */
  version: z.number().int().min(1).max(1_000_000),
  title: text(L.title),
  summary: text(L.detail),
  /** Alert names (Prometheus `alertname`) this playbook answers, besides alerts labelled `playbook: <id>`. */
  alerts: z.array(text(L.title)).max(L.listEntries).optional(),
  causes: list.default([]),
  sections: z.array(sectionSchema).min(1, 'a playbook needs at least one section').max(L.sections),
  hardening: list.default([]),
  escalation: list.default([]),
  /** The seed sections it was written from. */
  sources: z.array(seedRefSchema).max(L.listEntries).default([]),
  /** A copy of a built-in (or another playbook) remembers what it started from. */
  basedOn: z.strictObject({ id: playbookIdSchema, version: z.number().int().min(1) }).optional(),
});
export type Playbook = z.infer<typeof playbookSchema>;
/** What a playbook author writes: defaults may be left out. */
export type PlaybookInput = z.input<typeof playbookSchema>;

export function allItems(p: Pick<Playbook, 'sections'>): PlaybookItem[] {
  return p.sections.flatMap((s) => s.items);
}
