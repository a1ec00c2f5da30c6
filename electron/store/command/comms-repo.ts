import type Database from 'better-sqlite3';
import { z } from 'zod';
import { stakeholderFields } from '../../../shared/contract/command/command-schemas';
import type { StakeholderFields } from '../../../shared/command/comms-values';
import { TEMPLATE_IDS, type TemplateId, type TemplatePurpose } from '../../../shared/command/templates';
import type { CommsRecord } from '../../../shared/command/types';

/** A row as stored; the bundle exports these as they are. */
export interface CommsRow {
  id: string;
  incident_id: number;
  template_id: string | null;
  purpose: TemplatePurpose;
  body: string;
  audience: string;
  fields: string;
  sent_at: number;
  author: string;
}

const audience = z.array(z.string());
const EMPTY_FIELDS: StakeholderFields = { publicStatus: 'Investigating', impact: '', nextSteps: '', eta: '', resolution: '', followUp: '' };

function parseJson<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function toRecord(r: CommsRow): CommsRecord {
  return {
    id: r.id,
    incidentId: r.incident_id,
    templateId: (TEMPLATE_IDS as readonly string[]).includes(r.template_id ?? '') ? (r.template_id as TemplateId) : null,
    purpose: r.purpose,
    text: r.body,
    audience: parseJson(r.audience, audience, []),
    fields: parseJson(r.fields, stakeholderFields, EMPTY_FIELDS),
    sentAt: r.sent_at,
    author: r.author,
  };
}

/** Messages marked sent. Appended only: a sent message is a fact, and a correction is another message. */
export class CommsRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO comms_messages (id, incident_id, template_id, purpose, body, audience, fields, sent_at, author)
        VALUES (@id, @incidentId, @templateId, @purpose, @text, @audience, @fields, @sentAt, @author)`),
      byIncident: db.prepare<[number], CommsRow>('SELECT * FROM comms_messages WHERE incident_id = ? ORDER BY sent_at, id'),
      lastUpdates: db.prepare<[], { incident_id: number; purpose: TemplatePurpose; at: number }>(
        `SELECT incident_id, purpose, max(sent_at) AS at FROM comms_messages
         WHERE incident_id IN (SELECT id FROM incidents WHERE status <> 'closed') GROUP BY incident_id, purpose`,
      ),
    };
  }

  insert(r: CommsRecord): void {
    this.stmts.insert.run({ ...r, audience: JSON.stringify(r.audience), fields: JSON.stringify(r.fields) });
  }

  list(incidentId: number): CommsRecord[] {
    return this.rows(incidentId).map(toRecord);
  }

  /** The incident's rows as stored (audience and fields as the JSON text written), oldest first. */
  rows(incidentId: number): CommsRow[] {
    return this.stmts.byIncident.all(incidentId);
  }

  /** Newest sent time per open incident and purpose, for the due check across all incidents in one read. */
  lastSentByIncident(): Map<number, Partial<Record<TemplatePurpose, number>>> {
    const out = new Map<number, Partial<Record<TemplatePurpose, number>>>();
    for (const row of this.stmts.lastUpdates.all()) {
      const entry = out.get(row.incident_id) ?? {};
      entry[row.purpose] = row.at;
      out.set(row.incident_id, entry);
    }
    return out;
  }
}
