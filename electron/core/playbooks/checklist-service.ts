import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { ROLE_LABEL } from '../../../shared/domain/roles';
import {
  checklistProgress,
  foldItems,
  sectionApplies,
  type ChecklistAction,
  type ChecklistProgress,
  type ChecklistView,
  type ItemState,
} from '../../../shared/playbooks/checklist';
import type { EvidenceReading } from '../../../shared/playbooks/evidence';
import { allItems, type Playbook, type PlaybookItem } from '../../../shared/playbooks/schema';
import { checkPlaybook, itemsRuledOut } from '../../../shared/playbooks/validate';
import { IncidentRepo } from '../../store/incidents/incident-repo';
import { ChecklistRepo, type ChecklistRow } from '../../store/playbooks/checklist-repo';
import { newId } from '../ids';
import { actionSummary, attachSummary } from './checklist-text';
import type { PlaybookLibrary } from './library';

export interface ChecklistDeps {
  db: Database.Database;
  operator: () => string;
  now: () => number;
  library: PlaybookLibrary;
  /** Reads the evidence an item carries, from the stored telemetry, when its status is set. */
  readEvidence: (item: PlaybookItem) => EvidenceReading[];
  /** After a change committed (not for attaches made inside another domain's transaction). */
  onChanged?: (incident: { id: number; ref: string }, checklistId: string) => void;
}

type ActInput = ParsedInput<'checklist:act'>;

/**
 * Checklists on incidents: attach a playbook (a copy of its current version), act on items, read
 * the folded state. Every attach and every action writes its timeline event in the same
 * transaction as the row it records.
 */
export class ChecklistService {
  private readonly repo: ChecklistRepo;
  private readonly incidents: IncidentRepo;
  /** Attached copies never change: parse each once. */
  private readonly parsed = new Map<string, Playbook>();

  constructor(private readonly deps: ChecklistDeps) {
    this.repo = new ChecklistRepo(deps.db);
    this.incidents = new IncidentRepo(deps.db);
  }

  /** The IC attaches a playbook. Refused when it is already attached or the incident is closed. */
  attach(incidentId: number, playbookId: string): ChecklistView {
    const id = this.deps.db.transaction(() => {
      const incident = this.requireIncident(incidentId);
      if (incident.status === 'closed')
        throw new AppFailure('invalid-transition', `${incident.ref} is closed; no playbook can be attached.`);
      const existing = this.repo.byPlaybook(incidentId, playbookId);
      if (existing) throw new AppFailure('conflict', `“${this.playbookOf(existing).title}” is already attached to ${incident.ref}.`);
      return this.insert(incident, playbookId, this.deps.now());
    })();
    const view = this.view(this.requireChecklist(id));
    this.changed(incidentId, id);
    return view;
  }

  /**
   * For hooks and other domains, inside THEIR transaction: attach unless already attached (a
   * reopened and re-resolved incident keeps its one post-incident checklist). Returns the checklist id.
   */
  attachIfMissing(incidentId: number, playbookId: string, at: number): string {
    return this.deps.db.transaction(() => {
      const existing = this.repo.byPlaybook(incidentId, playbookId);
      return existing ? existing.id : this.insert(this.requireIncident(incidentId), playbookId, at);
    })();
  }

  list(incidentId: number): ChecklistView[] {
    const incident = this.requireIncident(incidentId);
    const actions = this.repo.actionsForIncident(incidentId);
    return this.repo.forIncident(incidentId).map((row) => this.view(row, incident, actions.get(row.id) ?? []));
  }

  progress(incidentIds: readonly number[]): { incidentId: number; progress: ChecklistProgress[] }[] {
    const now = this.deps.now();
    const out: { incidentId: number; progress: ChecklistProgress[] }[] = [];
    for (const incidentId of incidentIds) {
      const incident = this.incidents.get(incidentId);
      if (!incident) continue;
      const actions = this.repo.actionsForIncident(incidentId);
      const progress = this.repo.forIncident(incidentId).map((row) => {
        const playbook = this.playbookOf(row);
        const ctx = { severity: incident.severity, resolvedAt: incident.times.resolvedAt, now };
        return checklistProgress(row.id, playbook, foldItems(playbook, actions.get(row.id) ?? [], ctx), ctx);
      });
      out.push({ incidentId, progress });
    }
    return out;
  }

  act(input: ActInput): { checklist: ChecklistView; event: TimelineEvent } {
    const row = this.requireChecklist(input.checklistId);
    const playbook = this.playbookOf(row);
    const item = allItems(playbook).find((i) => i.id === input.itemId);
    if (!item) throw new AppFailure('not-found', `“${playbook.title}” has no item “${input.itemId}”.`);
    const incident = this.requireIncident(row.incident_id);
    const state = this.state(row, playbook, incident)[item.id];
    if (!state) throw new AppFailure('not-found', `“${playbook.title}” has no item “${input.itemId}”.`);
    const a = this.validate(input, item, state);
    const setsStatus = a.action === 'done' || a.action === 'skipped' || a.action === 'not-applicable' || a.action === 'answer';
    // Read before the write: what the IC saw is what the stored telemetry said at this moment.
    const evidence = setsStatus && item.evidence?.length ? this.deps.readEvidence(item) : null;
    const action: ChecklistAction = {
      ...a,
      id: newId(),
      checklistId: row.id,
      itemId: item.id,
      at: this.deps.now(),
      author: this.deps.operator(),
      evidence,
    };
    const ruledOut = action.action === 'answer' && action.answer ? itemsRuledOut(playbook, item, action.answer).size : 0;
    const event = this.deps.db.transaction(() => {
      const e = this.incidents.appendSearchable(
        {
          incidentId: incident.id,
          at: action.at,
          kind: 'checklist',
          actor: action.author,
          summary: actionSummary(playbook, item, action, ruledOut),
          data: {
            checklistId: row.id,
            actionId: action.id,
            playbookId: playbook.id,
            playbookVersion: playbook.version,
            playbookTitle: playbook.title,
            itemId: item.id,
            itemText: item.text,
            action: action.action,
            text: action.text,
            role: action.role,
            answer: action.answer,
            evidence: action.evidence,
          },
        },
        `${item.text} ${action.text ?? ''}`,
      );
      this.repo.insertAction(action, e.id);
      return e;
    })();
    this.changed(incident.id, row.id);
    return { checklist: this.view(this.requireChecklist(row.id)), event };
  }

  /** What each action needs, said in words; a no-op is refused so the timeline never records nothing. */
  private validate(input: ActInput, item: PlaybookItem, st: ItemState): Pick<ChecklistAction, 'action' | 'text' | 'role' | 'answer'> {
    const text = input.text?.trim() ? input.text.trim() : null;
    const by = st.changed ? ` by ${st.changed.author} at ${new Date(st.changed.at).toISOString()}` : '';
    const base = { action: input.action, text: null, role: null, answer: null };
    switch (input.action) {
      case 'done':
        if (item.kind === 'decision') throw new AppFailure('bad-input', `“${item.text}” is a decision: answer it yes or no.`);
        if (st.status === 'done') throw new AppFailure('invalid-transition', `“${item.text}” is already done${by}.`);
        return base;
      case 'skipped':
        if (!text) throw new AppFailure('bad-input', `Say why “${item.text}” is skipped: a skip needs a reason.`);
        if (st.status === 'skipped') throw new AppFailure('invalid-transition', `“${item.text}” is already skipped${by}.`);
        return { ...base, text };
      case 'not-applicable':
        if (st.status === 'not-applicable')
          throw new AppFailure('invalid-transition', `“${item.text}” is already marked not applicable${by}.`);
        return { ...base, text };
      case 'reopen':
        if (st.status === 'open') throw new AppFailure('invalid-transition', `“${item.text}” is already open.`);
        return base;
      case 'note':
        if (!text) throw new AppFailure('bad-input', 'The note is empty.');
        return { ...base, text };
      case 'assign':
        if (input.role === undefined) throw new AppFailure('bad-input', 'Name the role to assign (or none to clear it).');
        if (input.role === st.role) {
          throw new AppFailure(
            'invalid-transition',
            input.role ? `“${item.text}” is already assigned to ${ROLE_LABEL[input.role]}.` : `“${item.text}” is not assigned.`,
          );
        }
        return { ...base, role: input.role };
      case 'answer':
        if (item.kind !== 'decision') throw new AppFailure('bad-input', `“${item.text}” is not a decision; tick it done instead.`);
        if (!input.answer) throw new AppFailure('bad-input', `Answer “${item.text}” with yes or no.`);
        if (st.answer === input.answer)
          throw new AppFailure('invalid-transition', `“${item.text}” is already answered ${input.answer}${by}.`);
        return { ...base, answer: input.answer };
    }
  }

  private insert(incident: Incident, playbookId: string, at: number): string {
    const playbook = this.deps.library.current(playbookId);
    if (!playbook) throw new AppFailure('not-found', `No playbook “${playbookId}”.`);
    const id = newId();
    const author = this.deps.operator();
    this.repo.insert({
      id,
      incident_id: incident.id,
      playbook_id: playbook.id,
      playbook_version: playbook.version,
      playbook: JSON.stringify(playbook),
      attached_at: at,
      attached_by: author,
    });
    const counted = playbook.sections.filter((s) => sectionApplies(s, incident.severity)).reduce((n, s) => n + s.items.length, 0);
    this.incidents.appendEvent({
      incidentId: incident.id,
      at,
      kind: 'checklist',
      actor: author,
      summary: attachSummary(playbook, counted, incident.times.resolvedAt),
      data: {
        checklistId: id,
        action: 'attach',
        playbookId: playbook.id,
        playbookVersion: playbook.version,
        playbookTitle: playbook.title,
      },
    });
    return id;
  }

  private view(row: ChecklistRow, incident = this.requireIncident(row.incident_id), actions = this.repo.actions(row.id)): ChecklistView {
    const playbook = this.playbookOf(row);
    const ctx = { severity: incident.severity, resolvedAt: incident.times.resolvedAt, now: this.deps.now() };
    const items = foldItems(playbook, actions, ctx);
    const latest = this.deps.library.current(row.playbook_id)?.version ?? null;
    return {
      id: row.id,
      incidentId: row.incident_id,
      playbook,
      attachedAt: row.attached_at,
      attachedBy: row.attached_by,
      items,
      foldedSections: playbook.sections.filter((s) => !sectionApplies(s, incident.severity)).map((s) => s.id),
      progress: checklistProgress(row.id, playbook, items, ctx),
      newerVersion: latest !== null && latest > row.playbook_version ? latest : null,
    };
  }

  private state(row: ChecklistRow, playbook: Playbook, incident: Incident): Record<string, ItemState> {
    return foldItems(playbook, this.repo.actions(row.id), {
      severity: incident.severity,
      resolvedAt: incident.times.resolvedAt,
      now: this.deps.now(),
    });
  }

  private playbookOf(row: ChecklistRow): Playbook {
    const cached = this.parsed.get(row.id);
    if (cached) return cached;
    let check: ReturnType<typeof checkPlaybook>;
    try {
      check = checkPlaybook(JSON.parse(row.playbook));
    } catch (err) {
      throw new AppFailure('storage', `The stored copy of playbook “${row.playbook_id}” on this incident is unreadable.`, { cause: err });
    }
    if (!check.ok)
      throw new AppFailure('storage', `The stored copy of playbook “${row.playbook_id}” on this incident no longer passes its checks.`);
    this.parsed.set(row.id, check.playbook);
    return check.playbook;
  }

  private requireIncident(id: number): Incident {
    const incident = this.incidents.get(id);
    if (!incident) throw new AppFailure('not-found', `No incident with id ${id}.`);
    return incident;
  }

  private requireChecklist(id: string): ChecklistRow {
    const row = this.repo.get(id);
    if (!row) throw new AppFailure('not-found', 'That checklist does not exist (any more).');
    return row;
  }

  private changed(incidentId: number, checklistId: string): void {
    const head = this.incidents.head(incidentId);
    if (head) this.deps.onChanged?.(head, checklistId);
  }
}
