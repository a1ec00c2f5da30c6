import { placeholderValues, type CommsContext, type StakeholderFields } from '../../shared/command/comms-values';
import { mitigationLines } from '../../shared/command/open-items';
import { placeholdersIn, renderTemplate, type CommsTemplate, type Placeholder, type Rendered } from '../../shared/command/templates';
import type { CommandState } from '../../shared/command/types';
import type { Incident, TimelineEvent } from '../../shared/domain/incident';
import type { SeverityPolicy } from '../../shared/policy/severity-policy';

/** Everything a draft is filled from, at `now`. */
export function commsContext(
  incident: Incident,
  timeline: readonly TimelineEvent[],
  policy: SeverityPolicy,
  state: CommandState,
  statusPage: string,
  now: number,
): CommsContext {
  const update = state.due.find((d) => d.kind === 'update' && d.state !== 'done') ?? null;
  return {
    incident,
    timeline,
    policy,
    lastUpdateSentAt: state.lastUpdateSentAt,
    nextUpdateAt: update?.dueAt ?? null,
    mitigations: mitigationLines(state.mitigations, now),
    openChecklist: state.openChecklist,
    statusPage,
    now,
  };
}

export type DraftResult = { ok: true; rendered: Rendered } | { ok: false; message: string };

/** Fills a template; a stored template with an unknown placeholder is an error to show, never a blank. */
export function fillDraft(template: CommsTemplate, ctx: CommsContext, fields: StakeholderFields): DraftResult {
  try {
    return { ok: true, rendered: renderTemplate(template.body, placeholderValues(ctx, fields)) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** The stakeholder fields a template actually uses, in the order the form shows them. */
export const FIELD_FOR: readonly { field: keyof StakeholderFields; placeholder: Placeholder; label: string }[] = [
  { field: 'publicStatus', placeholder: 'public_status', label: 'Status told to stakeholders' },
  { field: 'impact', placeholder: 'impact', label: 'Impact' },
  { field: 'nextSteps', placeholder: 'next_steps', label: 'Next steps' },
  { field: 'eta', placeholder: 'eta', label: 'ETA' },
  { field: 'resolution', placeholder: 'resolution', label: 'What fixed it' },
  { field: 'followUp', placeholder: 'follow_up', label: 'Follow-up (prevention)' },
];

export function fieldsUsed(template: CommsTemplate): typeof FIELD_FOR {
  const used = placeholdersIn(template.body);
  return FIELD_FOR.filter((f) => used.includes(f.placeholder));
}
