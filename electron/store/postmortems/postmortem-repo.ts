import type Database from 'better-sqlite3';
import {
  textSize,
  type Postmortem,
  type PostmortemTemplate,
  type PostmortemVersion,
  type PostmortemVersionMeta,
  type VersionReason,
} from '../../../shared/domain/postmortem';

interface PostmortemRow {
  id: string;
  incident_id: number;
  template: PostmortemTemplate;
  body: string;
  revision: number;
  created_at: number;
  created_by: string;
  updated_at: number;
  updated_by: string;
}

interface VersionRow {
  id: string;
  at: number;
  author: string;
  reason: VersionReason;
  restored_from: string | null;
  body: string;
}

interface VersionMetaRow {
  id: string;
  at: number;
  author: string;
  reason: VersionReason;
  restored_from: string | null;
  chars: number;
  lines: number;
}

function toPostmortem(r: PostmortemRow): Postmortem {
  return {
    id: r.id,
    incidentId: r.incident_id,
    template: r.template,
    body: r.body,
    revision: r.revision,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

function toMeta(r: VersionMetaRow): PostmortemVersionMeta {
  return { id: r.id, at: r.at, author: r.author, reason: r.reason, restoredFrom: r.restored_from, chars: r.chars, lines: r.lines };
}

export interface NewVersion {
  id: string;
  postmortemId: string;
  at: number;
  author: string;
  reason: VersionReason;
  restoredFrom?: string | null;
  body: string;
}

/** SQL for postmortems and their versions. The service decides when; every write here runs inside its transaction. */
export class PostmortemRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      byIncident: db.prepare<[number], PostmortemRow>('SELECT * FROM postmortems WHERE incident_id = ?'),
      insert:
        db.prepare(`INSERT INTO postmortems (id, incident_id, template, body, revision, created_at, created_by, updated_at, updated_by)
        VALUES (@id, @incidentId, @template, @body, 1, @at, @author, @at, @author)`),
      update: db.prepare(`UPDATE postmortems SET body = @body, template = @template, revision = revision + 1,
        updated_at = @at, updated_by = @author WHERE id = @id`),
      insertVersion: db.prepare(`INSERT INTO postmortem_versions (id, postmortem_id, at, author, reason, restored_from, body)
        VALUES (@id, @postmortemId, @at, @author, @reason, @restoredFrom, @body)`),
      // Lines are newlines + 1 for any non-empty text, as textSize() counts them.
      versions: db.prepare<[string], VersionMetaRow>(`SELECT id, at, author, reason, restored_from, length(body) AS chars,
        CASE WHEN body = '' THEN 0 ELSE length(body) - length(replace(body, char(10), '')) + 1 END AS lines
        FROM postmortem_versions WHERE postmortem_id = ? ORDER BY at DESC, id DESC`),
      version: db.prepare<[string, string], VersionRow>(
        'SELECT id, at, author, reason, restored_from, body FROM postmortem_versions WHERE postmortem_id = ? AND id = ?',
      ),
      latestVersion: db.prepare<[string], { at: number; body: string }>(
        'SELECT at, body FROM postmortem_versions WHERE postmortem_id = ? ORDER BY at DESC, id DESC LIMIT 1',
      ),
      allVersions: db.prepare<[string], VersionRow>(
        'SELECT id, at, author, reason, restored_from, body FROM postmortem_versions WHERE postmortem_id = ? ORDER BY at, id',
      ),
      importRow:
        db.prepare(`INSERT INTO postmortems (id, incident_id, template, body, revision, created_at, created_by, updated_at, updated_by)
        VALUES (@id, @incidentId, @template, @body, @revision, @createdAt, @createdBy, @updatedAt, @updatedBy)`),
      deleteSearch: db.prepare('DELETE FROM postmortem_search WHERE rowid = ?'),
      insertSearch: db.prepare('INSERT INTO postmortem_search (rowid, body) VALUES (?, ?)'),
    };
  }

  get(incidentId: number): Postmortem | null {
    const row = this.stmts.byIncident.get(incidentId);
    return row ? toPostmortem(row) : null;
  }

  insert(p: { id: string; incidentId: number; template: PostmortemTemplate; body: string; at: number; author: string }): void {
    this.stmts.insert.run(p);
    this.reindex(p.incidentId, p.body);
  }

  update(p: { id: string; incidentId: number; template: PostmortemTemplate; body: string; at: number; author: string }): void {
    this.stmts.update.run(p);
    this.reindex(p.incidentId, p.body);
  }

  addVersion(v: NewVersion): PostmortemVersionMeta {
    this.stmts.insertVersion.run({ ...v, restoredFrom: v.restoredFrom ?? null });
    return { id: v.id, at: v.at, author: v.author, reason: v.reason, restoredFrom: v.restoredFrom ?? null, ...textSize(v.body) };
  }

  versions(postmortemId: string): PostmortemVersionMeta[] {
    return this.stmts.versions.all(postmortemId).map(toMeta);
  }

  version(postmortemId: string, versionId: string): PostmortemVersion | null {
    const r = this.stmts.version.get(postmortemId, versionId);
    return r
      ? { id: r.id, at: r.at, author: r.author, reason: r.reason, restoredFrom: r.restored_from, body: r.body, ...textSize(r.body) }
      : null;
  }

  /** Every version with its text, oldest first: what an incident bundle carries. */
  allVersions(postmortemId: string): PostmortemVersion[] {
    return this.stmts.allVersions.all(postmortemId).map((r) => ({
      id: r.id,
      at: r.at,
      author: r.author,
      reason: r.reason,
      restoredFrom: r.restored_from,
      body: r.body,
      ...textSize(r.body),
    }));
  }

  /** A postmortem as a bundle brought it: its own revision, times and authors, not this machine's. */
  importPostmortem(p: Postmortem): void {
    this.stmts.importRow.run(p);
    this.reindex(p.incidentId, p.body);
  }

  latestVersion(postmortemId: string): { at: number; body: string } | null {
    return this.stmts.latestVersion.get(postmortemId) ?? null;
  }

  private reindex(incidentId: number, body: string): void {
    this.stmts.deleteSearch.run(incidentId);
    this.stmts.insertSearch.run(incidentId, body);
  }
}
