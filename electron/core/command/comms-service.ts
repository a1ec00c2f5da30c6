import { z } from 'zod';
import { checkTemplate, DEFAULT_TEMPLATES, describeProblems, TEMPLATE_IDS, type TemplateId } from '../../../shared/command/templates';
import type { CommsRecord, CommsSettings } from '../../../shared/command/types';
import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import { SettingsRepo } from '../../store/settings-repo';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import type { CommandRecords } from './command-records';

const KEY = 'comms-templates';

/** Stored edits: only templates that differ from the seed text, and the status page. */
const stored = z.object({
  overrides: z.partialRecord(z.enum(TEMPLATE_IDS), z.string()).default({}),
  statusPage: z.string().default(''),
});
type Stored = z.output<typeof stored>;

/**
 * Templates (seed text unless edited in settings) and messages marked sent. Marking sent writes the
 * message and its timeline event in one transaction; what stakeholders were told is kept with it.
 */
export class CommsService {
  private readonly settings: SettingsRepo;

  constructor(
    private readonly ctx: CoreContext,
    private readonly records: CommandRecords,
  ) {
    this.settings = new SettingsRepo(ctx.db);
  }

  get(): CommsSettings {
    const s = this.read();
    return {
      templates: TEMPLATE_IDS.map((id) => {
        const body = s.overrides[id];
        return { ...DEFAULT_TEMPLATES[id], body: body ?? DEFAULT_TEMPLATES[id].body, edited: body !== undefined };
      }),
      statusPage: s.statusPage,
    };
  }

  saveTemplate(input: ParsedInput<'comms:save-template'>): CommsSettings {
    const problems = checkTemplate(input.body);
    if (problems.length > 0) {
      throw new AppFailure('bad-input', `"${DEFAULT_TEMPLATES[input.id].name}" was not saved: ${describeProblems(problems)}`);
    }
    const s = this.read();
    const overrides = { ...s.overrides };
    // Saving the seed text again is a reset: the template follows the seed, not a copy of it.
    if (input.body === DEFAULT_TEMPLATES[input.id].body) delete overrides[input.id];
    else overrides[input.id] = input.body;
    return this.write({ ...s, overrides });
  }

  resetTemplate(id: TemplateId): CommsSettings {
    const s = this.read();
    const overrides = { ...s.overrides };
    delete overrides[id];
    return this.write({ ...s, overrides });
  }

  setStatusPage(url: string): CommsSettings {
    return this.write({ ...this.read(), statusPage: url });
  }

  markSent(input: ParsedInput<'comms:mark-sent'>): CommsRecord {
    const template = DEFAULT_TEMPLATES[input.templateId];
    const record = this.records.db.transaction(() => {
      const incident = this.records.requireOpen(input.id, 'sending messages');
      const at = this.ctx.now();
      const rec: CommsRecord = {
        id: newId(),
        incidentId: incident.id,
        templateId: input.templateId,
        purpose: template.purpose,
        text: input.text,
        audience: input.audience,
        fields: input.fields,
        sentAt: at,
        author: this.ctx.operator(),
      };
      this.records.comms.insert(rec);
      const to = input.audience.length > 0 ? ` to ${input.audience.join(', ')}` : '';
      this.records.incidents.appendSearchable(
        {
          incidentId: incident.id,
          at,
          kind: 'comms',
          actor: rec.author,
          summary: `${template.name} sent${to} — stakeholders told: ${input.fields.publicStatus}`,
          data: { commsId: rec.id, templateId: rec.templateId, purpose: rec.purpose, audience: rec.audience },
        },
        input.text,
      );
      return { rec, incident };
    })();
    this.records.changed(record.incident);
    return record.rec;
  }

  private read(): Stored {
    const parsed = stored.safeParse(this.settings.read(KEY) ?? {});
    // A settings row that no longer parses (hand-edited) falls back to the seed templates, never to blanks.
    return parsed.success ? parsed.data : { overrides: {}, statusPage: '' };
  }

  private write(s: Stored): CommsSettings {
    this.settings.write(KEY, s);
    return this.get();
  }
}
