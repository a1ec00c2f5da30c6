import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import { ACTION_STATUS_LABEL, type ActionItem } from '../../../shared/domain/action-items';
import { IncidentRepo } from '../../store/incidents/incident-repo';
import { ActionRepo, type ActionFields } from '../../store/postmortems/action-repo';
import type { CoreContext } from '../context';
import { newId } from '../ids';

type Deps = Pick<CoreContext, 'db' | 'now' | 'operator' | 'hub'>;

function describe(f: Pick<ActionFields, 'owner' | 'dueDate' | 'ticket'>): string {
  const parts = [f.owner && `owner ${f.owner}`, f.ticket && `ticket ${f.ticket}`, f.dueDate && `due ${f.dueDate}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * Action items. Each change is written with its timeline event in one transaction, so the incident
 * record says who added or changed what and when. Follow-ups go on after an incident is closed, so
 * a closed incident takes them too.
 */
export class ActionService {
  private readonly repo: ActionRepo;
  private readonly incidents: IncidentRepo;

  constructor(private readonly deps: Deps) {
    this.repo = new ActionRepo(deps.db);
    this.incidents = new IncidentRepo(deps.db);
  }

  list(input: ParsedInput<'action:list'>): ActionItem[] {
    return this.repo.list(input, this.deps.now());
  }

  forIncident(incidentId: number): ActionItem[] {
    return this.repo.list({ incidentId, statuses: [], owner: '', overdueOnly: false, limit: 2_000 }, this.deps.now());
  }

  create(input: ParsedInput<'action:create'>): ActionItem {
    const head = this.incidents.head(input.incidentId);
    if (!head) throw new AppFailure('not-found', `No incident with id ${input.incidentId}.`);
    const id = newId();
    const at = this.deps.now();
    const author = this.deps.operator();
    this.deps.db.transaction(() => {
      this.repo.insert({ ...input, id, at, author });
      this.incidents.appendEvent({
        incidentId: head.id,
        at,
        kind: 'action-item',
        actor: author,
        summary: `Action item added: ${input.title}${describe(input)}`,
        data: { actionId: id, created: { ...input } },
      });
    })();
    return this.changed(id, head);
  }

  update(input: ParsedInput<'action:update'>): ActionItem {
    const at = this.deps.now();
    const author = this.deps.operator();
    const before = this.require(input.id);
    const after: ActionFields = {
      title: input.title ?? before.title,
      owner: input.owner ?? before.owner,
      ticket: input.ticket ?? before.ticket,
      dueDate: input.dueDate === undefined ? before.dueDate : input.dueDate,
      status: input.status ?? before.status,
    };
    const changed = (Object.keys(after) as (keyof ActionFields)[]).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) throw new AppFailure('bad-input', `Nothing to change: "${before.title}" already has these values.`);
    const words = changed.map((k) =>
      k === 'status'
        ? `${ACTION_STATUS_LABEL[before.status]} → ${ACTION_STATUS_LABEL[after.status]}`
        : `${k === 'dueDate' ? 'due date' : k} ${before[k] || '(none)'} → ${after[k] || '(none)'}`,
    );
    this.deps.db.transaction(() => {
      // Re-read inside the transaction: the row must still exist when its event is written.
      this.require(input.id);
      this.repo.update(input.id, after, at, author);
      this.incidents.appendEvent({
        incidentId: before.incidentId,
        at,
        kind: 'action-item',
        actor: author,
        summary: `Action item "${after.title}": ${words.join('; ')}`,
        data: { actionId: input.id, changed, before: pick(before, changed), after: pick(after, changed) },
      });
    })();
    return this.changed(input.id, { id: before.incidentId, ref: before.incidentRef });
  }

  private require(id: string): ActionItem {
    const item = this.repo.get(id);
    if (!item) throw new AppFailure('not-found', `No action item with id ${id}.`);
    return item;
  }

  private changed(id: string, incident: { id: number; ref: string }): ActionItem {
    this.deps.hub.emit('action:changed', { id, incidentId: incident.id });
    this.deps.hub.emit('incident:changed', incident);
    return this.require(id);
  }
}

function pick(f: ActionFields, keys: readonly (keyof ActionFields)[]): Partial<ActionFields> {
  return Object.fromEntries(keys.map((k) => [k, f[k]]));
}
