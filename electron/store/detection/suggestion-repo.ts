import type Database from 'better-sqlite3';
import type { Severity } from '../../../shared/domain/severity';
import type { Affected, EvidenceItem, FindingSource, SuggestionAction } from '../../../shared/detection/types';
import { emptyAffected } from '../../../shared/detection/types';

export type CloseReason = 'cleared' | 'dismissal-expired' | 'incident-closed';

export interface SuggestionDetail {
  sources: FindingSource[];
  affected: Affected;
  evidence: EvidenceItem[];
}

export interface SuggestionRow {
  id: string;
  key: string;
  playbookId: string | null;
  title: string;
  severity: Severity;
  firstMatchedAt: number;
  since: number;
  lastMatchedAt: number;
  closedAt: number | null;
  closeReason: CloseReason | null;
  detail: SuggestionDetail;
  author: string;
}

export interface ActionRow extends Omit<SuggestionAction, 'incident'> {
  suggestionId: string;
  incidentId: number | null;
  incidentRef: string | null;
  incidentStatus: string | null;
}

interface RawSuggestion {
  id: string;
  key: string;
  playbook_id: string | null;
  title: string;
  severity: Severity;
  first_matched_at: number;
  since: number;
  last_matched_at: number;
  closed_at: number | null;
  close_reason: CloseReason | null;
  detail: string;
  author: string;
}

interface RawAction {
  id: string;
  suggestion_id: string;
  kind: SuggestionAction['kind'];
  at: number;
  author: string;
  reason: string;
  until: number | null;
  incident_id: number | null;
  detail: string;
  ref: string | null;
  status: string | null;
}

function parseDetail(text: string): SuggestionDetail {
  try {
    const v = JSON.parse(text) as Partial<SuggestionDetail>;
    return { sources: v.sources ?? [], affected: { ...emptyAffected(), ...v.affected }, evidence: v.evidence ?? [] };
  } catch {
    // Written by us; unreadable only if the file was damaged. Keep the suggestion with its title.
    return { sources: [], affected: emptyAffected(), evidence: [] };
  }
}

function toRow(r: RawSuggestion): SuggestionRow {
  return {
    id: r.id,
    key: r.key,
    playbookId: r.playbook_id,
    title: r.title,
    severity: r.severity,
    firstMatchedAt: r.first_matched_at,
    since: r.since,
    lastMatchedAt: r.last_matched_at,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    detail: parseDetail(r.detail),
    author: r.author,
  };
}

function toAction(r: RawAction): ActionRow {
  let problems: string[] = [];
  try {
    const d = JSON.parse(r.detail) as { problems?: unknown };
    if (Array.isArray(d.problems)) problems = d.problems.filter((p): p is string => typeof p === 'string');
  } catch {
    // An unreadable detail loses only the list of problems, not the action.
  }
  return {
    id: r.id,
    suggestionId: r.suggestion_id,
    kind: r.kind,
    at: r.at,
    author: r.author,
    reason: r.reason,
    until: r.until,
    incidentId: r.incident_id,
    incidentRef: r.ref,
    incidentStatus: r.status,
    problems,
  };
}

const ACTION_SELECT = `SELECT a.*, i.ref, i.status FROM detection_actions a LEFT JOIN incidents i ON i.id = a.incident_id`;

/** SQL for suggestions and what people did with them. The detector and the handlers decide; this only reads and writes. */
export class SuggestionRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      open: db.prepare<[], RawSuggestion>('SELECT * FROM detection_suggestions WHERE closed_at IS NULL'),
      byId: db.prepare<[string], RawSuggestion>('SELECT * FROM detection_suggestions WHERE id = ?'),
      recent: db.prepare<[number, number, number], RawSuggestion>(`SELECT * FROM detection_suggestions
        WHERE closed_at IS NULL OR closed_at >= ? OR last_matched_at >= ?
          OR id IN (SELECT suggestion_id FROM detection_actions WHERE at >= ?)
        ORDER BY last_matched_at DESC LIMIT 100`),
      insert: db.prepare(`INSERT INTO detection_suggestions
        (id, key, playbook_id, title, severity, first_matched_at, since, last_matched_at, detail, author)
        VALUES (@id, @key, @playbookId, @title, @severity, @firstMatchedAt, @since, @lastMatchedAt, @detail, @author)`),
      update: db.prepare(`UPDATE detection_suggestions SET title = @title, severity = @severity, since = @since,
        last_matched_at = @lastMatchedAt, detail = @detail WHERE id = @id`),
      close: db.prepare('UPDATE detection_suggestions SET closed_at = ?, close_reason = ? WHERE id = ? AND closed_at IS NULL'),
      insertAction: db.prepare(`INSERT INTO detection_actions (id, suggestion_id, kind, at, author, reason, until, incident_id, detail)
        VALUES (@id, @suggestionId, @kind, @at, @author, @reason, @until, @incidentId, @detail)`),
      actionsOf: db.prepare<[string], RawAction>(`${ACTION_SELECT} WHERE a.suggestion_id = ? ORDER BY a.at, a.id`),
      /** The newest declare/attach of a key whose incident is still open. */
      coveredBy: db.prepare<[string], { id: number; ref: string; title: string }>(`SELECT i.id, i.ref, i.title
        FROM detection_actions a JOIN detection_suggestions s ON s.id = a.suggestion_id JOIN incidents i ON i.id = a.incident_id
        WHERE s.key = ? AND a.kind IN ('declared','attached') AND i.status NOT IN ('resolved','closed')
        ORDER BY a.at DESC LIMIT 1`),
      /** A dismissal of the key still running (it outlives the suggestion it was made on). */
      dismissedUntil: db.prepare<[string, number], RawAction>(`${ACTION_SELECT} JOIN detection_suggestions s ON s.id = a.suggestion_id
        WHERE s.key = ? AND a.kind = 'dismissed' AND a.until > ? ORDER BY a.until DESC LIMIT 1`),
    };
  }

  open(): SuggestionRow[] {
    return this.stmts.open.all().map(toRow);
  }

  get(id: string): SuggestionRow | null {
    const r = this.stmts.byId.get(id);
    return r ? toRow(r) : null;
  }

  /** Open suggestions and those closed, matched or acted on since `sinceMs`, newest match first. */
  recent(sinceMs: number): SuggestionRow[] {
    return this.stmts.recent.all(sinceMs, sinceMs, sinceMs).map(toRow);
  }

  insert(row: Omit<SuggestionRow, 'closedAt' | 'closeReason'>): void {
    this.stmts.insert.run({ ...row, detail: JSON.stringify(row.detail) });
  }

  update(row: Pick<SuggestionRow, 'id' | 'title' | 'severity' | 'since' | 'lastMatchedAt' | 'detail'>): void {
    this.stmts.update.run({ ...row, detail: JSON.stringify(row.detail) });
  }

  close(id: string, at: number, reason: CloseReason): void {
    this.stmts.close.run(at, reason, id);
  }

  insertAction(a: {
    id: string;
    suggestionId: string;
    kind: SuggestionAction['kind'];
    at: number;
    author: string;
    reason: string;
    until: number | null;
    incidentId: number | null;
    detail: Record<string, unknown>;
  }): void {
    this.stmts.insertAction.run({ ...a, detail: JSON.stringify(a.detail) });
  }

  actions(suggestionId: string): ActionRow[] {
    return this.stmts.actionsOf.all(suggestionId).map(toAction);
  }

  coveredBy(key: string): { id: number; ref: string; title: string } | null {
    return this.stmts.coveredBy.get(key) ?? null;
  }

  dismissedUntil(key: string, now: number): ActionRow | null {
    const r = this.stmts.dismissedUntil.get(key, now);
    return r ? toAction(r) : null;
  }
}
