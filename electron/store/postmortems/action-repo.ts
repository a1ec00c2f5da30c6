import type Database from 'better-sqlite3';
import { utcDay, type ActionItem, type ActionStatus } from '../../../shared/domain/action-items';

interface ActionRow {
  id: string;
  incident_id: number;
  incident_ref: string;
  incident_title: string;
  title: string;
  owner: string;
  ticket: string;
  due_date: string | null;
  status: ActionStatus;
  created_at: number;
  created_by: string;
  updated_at: number;
  updated_by: string;
}

function toItem(r: ActionRow): ActionItem {
  return {
    id: r.id,
    incidentId: r.incident_id,
    incidentRef: r.incident_ref,
    incidentTitle: r.incident_title,
    title: r.title,
    owner: r.owner,
    ticket: r.ticket,
    dueDate: r.due_date,
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

const SELECT = `SELECT a.*, i.ref AS incident_ref, i.title AS incident_title FROM action_items a JOIN incidents i ON i.id = a.incident_id`;

export interface ActionFilter {
  incidentId?: number | undefined;
  statuses: readonly ActionStatus[];
  owner: string;
  overdueOnly: boolean;
  limit: number;
}

export interface ActionFields {
  title: string;
  owner: string;
  ticket: string;
  dueDate: string | null;
  status: ActionStatus;
}

/** SQL for action items; the service writes each change and its timeline event in one transaction. */
export class ActionRepo {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      byId: db.prepare<[string], ActionRow>(`${SELECT} WHERE a.id = ?`),
      insert:
        db.prepare(`INSERT INTO action_items (id, incident_id, title, owner, ticket, due_date, status, created_at, created_by, updated_at, updated_by)
        VALUES (@id, @incidentId, @title, @owner, @ticket, @dueDate, @status, @at, @author, @at, @author)`),
      ofIncident: db.prepare<[number], ActionRow>(`${SELECT} WHERE a.incident_id = ? ORDER BY a.created_at, a.id`),
      importItem:
        db.prepare(`INSERT INTO action_items (id, incident_id, title, owner, ticket, due_date, status, created_at, created_by, updated_at, updated_by)
        VALUES (@id, @incidentId, @title, @owner, @ticket, @dueDate, @status, @createdAt, @createdBy, @updatedAt, @updatedBy)`),
      update: db.prepare(`UPDATE action_items SET title = @title, owner = @owner, ticket = @ticket, due_date = @dueDate, status = @status,
        updated_at = @at, updated_by = @author WHERE id = @id`),
    };
  }

  get(id: string): ActionItem | null {
    const row = this.stmts.byId.get(id);
    return row ? toItem(row) : null;
  }

  insert(item: ActionFields & { id: string; incidentId: number; at: number; author: string }): void {
    this.stmts.insert.run(item);
  }

  /** An incident's items in the order they were made (a stable order, for bundles). */
  ofIncident(incidentId: number): ActionItem[] {
    return this.stmts.ofIncident.all(incidentId).map(toItem);
  }

  /** An item as a bundle brought it, with its own times and authors. */
  importItem(item: Omit<ActionItem, 'incidentRef' | 'incidentTitle'>): void {
    this.stmts.importItem.run(item);
  }

  update(id: string, fields: ActionFields, at: number, author: string): void {
    this.stmts.update.run({ id, ...fields, at, author });
  }

  /**
   * Open work first, by due date (no date last), then finished items newest first. "Overdue" is
   * decided against today's UTC day, the same rule isOverdue() applies on screen.
   */
  list(f: ActionFilter, nowMs: number): ActionItem[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: f.limit, today: utcDay(nowMs) };
    if (f.incidentId !== undefined) {
      where.push('a.incident_id = @incidentId');
      params.incidentId = f.incidentId;
    }
    if (f.statuses.length > 0) {
      where.push(`a.status IN (${f.statuses.map((_, i) => `@s${i}`).join(', ')})`);
      f.statuses.forEach((s, i) => (params[`s${i}`] = s));
    }
    if (f.owner !== '') {
      where.push("a.owner LIKE @owner ESCAPE '\\'");
      params.owner = `%${f.owner.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (f.overdueOnly) where.push("a.status IN ('open', 'in-progress') AND a.due_date IS NOT NULL AND a.due_date < @today");
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY (a.status IN ('done', 'wont-do')), (a.due_date IS NULL), a.due_date, a.created_at DESC LIMIT @limit`;
    return this.db.prepare<Record<string, string | number>, ActionRow>(sql).all(params).map(toItem);
  }
}
