import type Database from 'better-sqlite3';
import { z } from 'zod';
import { matcher, stakeholderFields } from '../../../shared/contract/command/command-schemas';
import { TEMPLATE_IDS } from '../../../shared/command/templates';
import { CommsRepo } from '../../store/command/comms-repo';
import { MitigationRepo } from '../../store/command/mitigation-repo';
import { epochMs } from '../bundle-schema';
import { defineTable, type AnyBundleTable } from '../bundle-tables';

export const COMMS_TABLE = 'command.comms';
export const MITIGATIONS_TABLE = 'command.mitigations';

/** JSON kept as the text that was stored (a re-export gives the same bytes), checked against what it must hold. */
function jsonText<T>(schema: z.ZodType<T>, what: string) {
  return z
    .string()
    .max(200_000)
    .refine((text) => {
      try {
        return schema.safeParse(JSON.parse(text)).success;
      } catch {
        return false;
      }
    }, `is not valid ${what}`);
}

export const commsRow = z.strictObject({
  id: z.uuid(),
  templateId: z.enum(TEMPLATE_IDS).nullable(),
  purpose: z.enum(['update', 'resolution', 'handoff']),
  body: z.string().max(100_000),
  audience: jsonText(z.array(z.string()), 'audience list'),
  fields: jsonText(stakeholderFields, 'stakeholder fields'),
  sentAt: epochMs,
  author: z.string().min(1).max(200),
});
export type CommsRow = z.infer<typeof commsRow>;

export const mitigationRow = z.strictObject({
  id: z.uuid(),
  kind: z.enum(['queue-pause', 'queue-resume', 'silence', 'silence-expire']),
  /** By name only: the source's id is this machine's. */
  sourceName: z.string().max(200),
  target: z.string().max(2_000),
  outcome: z.enum(['ok', 'failed']),
  message: z.string().max(20_000),
  relatesTo: z.uuid().nullable(),
  silenceId: z.string().max(200).nullable(),
  matchers: jsonText(z.array(matcher), 'silence matchers').nullable(),
  endsAt: epochMs.nullable(),
  expireOnResolve: z.boolean(),
  at: epochMs,
  author: z.string().min(1).max(200),
});
export type MitigationRow = z.infer<typeof mitigationRow>;

/**
 * Messages marked sent, as sent (text, audience, the stakeholder fields). Read and written as the
 * command domain's rows are stored; appended only there too, so nothing is lost or reinterpreted.
 */
export function commsTable(db: Database.Database): AnyBundleTable {
  const repo = new CommsRepo(db);
  const insert = db.prepare(`INSERT INTO comms_messages (id, incident_id, template_id, purpose, body, audience, fields, sent_at, author)
    VALUES (@id, @incidentId, @templateId, @purpose, @body, @audience, @fields, @sentAt, @author)`);
  return defineTable<CommsRow>({
    name: COMMS_TABLE,
    what: 'communications',
    maxRows: 10_000,
    row: commsRow,
    read: (scope) =>
      repo.rows(scope.incidentId).map((r) => ({
        id: r.id,
        templateId: (TEMPLATE_IDS as readonly string[]).includes(r.template_id ?? '') ? (r.template_id as CommsRow['templateId']) : null,
        purpose: r.purpose,
        body: r.body,
        audience: r.audience,
        fields: r.fields,
        sentAt: r.sent_at,
        author: r.author,
      })),
    write(incidentId, rows) {
      for (const r of rows) insert.run({ ...r, incidentId });
    },
  });
}

/**
 * Mitigations and their outcomes. An imported one names its source but points at none here
 * (source id 0): this Pitwall must never pause, resume or expire anything on another machine's
 * behalf.
 */
export function mitigationsTable(db: Database.Database): AnyBundleTable {
  const repo = new MitigationRepo(db);
  const insert = db.prepare(`INSERT INTO mitigations (id, incident_id, kind, source_id, source_name, target, outcome, message,
      relates_to, silence_id, matchers, ends_at, expire_on_resolve, at, author)
    VALUES (@id, @incidentId, @kind, 0, @sourceName, @target, @outcome, @message, @relatesTo, @silenceId, @matchers, @endsAt,
      @expire, @at, @author)`);
  return defineTable<MitigationRow>({
    name: MITIGATIONS_TABLE,
    what: 'mitigations',
    maxRows: 10_000,
    row: mitigationRow,
    read: (scope) =>
      repo.rows(scope.incidentId).map((r) => ({
        id: r.id,
        kind: r.kind,
        sourceName: r.source_name,
        target: r.target,
        outcome: r.outcome,
        message: r.message,
        relatesTo: r.relates_to,
        silenceId: r.silence_id,
        matchers: r.matchers,
        endsAt: r.ends_at,
        expireOnResolve: r.expire_on_resolve === 1,
        at: r.at,
        author: r.author,
      })),
    write(incidentId, rows) {
      for (const r of rows) insert.run({ ...r, incidentId, expire: r.expireOnResolve ? 1 : 0 });
    },
  });
}
