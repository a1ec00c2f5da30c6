import type Database from 'better-sqlite3';
import type { Role } from '../../../shared/domain/roles';
import type { EvidenceReading } from '../../../shared/playbooks/evidence';
import type { Answer, ChecklistAction, ChecklistActionKind } from '../../../shared/playbooks/checklist';

export interface ChecklistRow {
  id: string;
  incident_id: number;
  playbook_id: string;
  playbook_version: number;
  /** JSON of the playbook as attached. */
  playbook: string;
  attached_at: number;
  attached_by: string;
}

interface ActionRow {
  id: string;
  checklist_id: string;
  item_id: string;
  action: ChecklistActionKind;
  at: number;
  author: string;
  text: string | null;
  role: Role | null;
  answer: Answer | null;
  evidence: string | null;
  event_id: number | null;
}

/** SQL for incident checklists and their append-only actions. The checklist service decides what may be written. */
export class ChecklistRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      forIncident: db.prepare<[number], ChecklistRow>('SELECT * FROM incident_checklists WHERE incident_id = ? ORDER BY attached_at, id'),
      byId: db.prepare<[string], ChecklistRow>('SELECT * FROM incident_checklists WHERE id = ?'),
      byPlaybook: db.prepare<[number, string], ChecklistRow>('SELECT * FROM incident_checklists WHERE incident_id = ? AND playbook_id = ?'),
      insert:
        db.prepare(`INSERT INTO incident_checklists (id, incident_id, playbook_id, playbook_version, playbook, attached_at, attached_by)
        VALUES (@id, @incident_id, @playbook_id, @playbook_version, @playbook, @attached_at, @attached_by)`),
      actions: db.prepare<[string], ActionRow>('SELECT * FROM checklist_actions WHERE checklist_id = ? ORDER BY at, id'),
      actionsFor: db.prepare<[number], ActionRow>(`SELECT a.* FROM checklist_actions a JOIN incident_checklists c ON c.id = a.checklist_id
        WHERE c.incident_id = ? ORDER BY a.at, a.id`),
      insertAction:
        db.prepare(`INSERT INTO checklist_actions (id, checklist_id, item_id, action, at, author, text, role, answer, evidence, event_id)
        VALUES (@id, @checklist_id, @item_id, @action, @at, @author, @text, @role, @answer, @evidence, @event_id)`),
    };
  }

  forIncident(incidentId: number): ChecklistRow[] {
    return this.stmts.forIncident.all(incidentId);
  }

  get(id: string): ChecklistRow | null {
    return this.stmts.byId.get(id) ?? null;
  }

  byPlaybook(incidentId: number, playbookId: string): ChecklistRow | null {
    return this.stmts.byPlaybook.get(incidentId, playbookId) ?? null;
  }

  insert(row: ChecklistRow): void {
    this.stmts.insert.run(row);
  }

  actions(checklistId: string): ChecklistAction[] {
    return this.stmts.actions.all(checklistId).map(toAction);
  }

  /** Every action on every checklist of an incident, grouped by checklist id. */
  actionsForIncident(incidentId: number): Map<string, ChecklistAction[]> {
    const out = new Map<string, ChecklistAction[]>();
    for (const row of this.stmts.actionsFor.all(incidentId)) {
      const a = toAction(row);
      const list = out.get(a.checklistId);
      if (list) list.push(a);
      else out.set(a.checklistId, [a]);
    }
    return out;
  }

  insertAction(a: ChecklistAction, eventId: number): void {
    this.stmts.insertAction.run({
      id: a.id,
      checklist_id: a.checklistId,
      item_id: a.itemId,
      action: a.action,
      at: a.at,
      author: a.author,
      text: a.text,
      role: a.role,
      answer: a.answer,
      evidence: a.evidence ? JSON.stringify(a.evidence) : null,
      event_id: eventId,
    });
  }
}

function toAction(r: ActionRow): ChecklistAction {
  let evidence: EvidenceReading[] | null = null;
  if (r.evidence) {
    try {
      const v: unknown = JSON.parse(r.evidence);
      evidence = Array.isArray(v) ? (v as EvidenceReading[]) : null;
    } catch {
      // Written by us; unreadable only if the file was damaged. The action still counts, without its frozen values.
    }
  }
  return {
    id: r.id,
    checklistId: r.checklist_id,
    itemId: r.item_id,
    action: r.action,
    at: r.at,
    author: r.author,
    text: r.text,
    role: r.role,
    answer: r.answer,
    evidence,
  };
}
