import type Database from 'better-sqlite3';

export interface PlaybookVersionRow {
  id: string;
  playbook_id: string;
  version: number;
  title: string;
  /** JSON of the playbook; null for a delete. */
  body: string | null;
  author: string;
  saved_at: number;
}

export interface VersionHead {
  version: number;
  title: string;
  author: string;
  saved_at: number;
  /** 1 for a delete. */
  deleted: number;
}

/** SQL for user playbooks' versions (append-only). The library decides what may be written. */
export class PlaybookRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      latestAll: db.prepare<[], PlaybookVersionRow>(`SELECT v.* FROM playbook_versions v
        JOIN (SELECT playbook_id, max(version) AS version FROM playbook_versions GROUP BY playbook_id) m
          ON m.playbook_id = v.playbook_id AND m.version = v.version
        ORDER BY v.playbook_id`),
      latest: db.prepare<[string], PlaybookVersionRow>(
        'SELECT * FROM playbook_versions WHERE playbook_id = ? ORDER BY version DESC LIMIT 1',
      ),
      version: db.prepare<[string, number], PlaybookVersionRow>('SELECT * FROM playbook_versions WHERE playbook_id = ? AND version = ?'),
      history: db.prepare<[string], VersionHead>(
        'SELECT version, title, author, saved_at, body IS NULL AS deleted FROM playbook_versions WHERE playbook_id = ? ORDER BY version DESC',
      ),
      insert: db.prepare(`INSERT INTO playbook_versions (id, playbook_id, version, title, body, author, saved_at)
        VALUES (@id, @playbook_id, @version, @title, @body, @author, @saved_at)`),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM playbook_versions'),
    };
  }

  /** The newest row of every id, deletes included (callers skip those). */
  latestAll(): PlaybookVersionRow[] {
    return this.stmts.latestAll.all();
  }

  latest(playbookId: string): PlaybookVersionRow | null {
    return this.stmts.latest.get(playbookId) ?? null;
  }

  version(playbookId: string, version: number): PlaybookVersionRow | null {
    return this.stmts.version.get(playbookId, version) ?? null;
  }

  /** Versions newest first, without their bodies. */
  history(playbookId: string): VersionHead[] {
    return this.stmts.history.all(playbookId);
  }

  insert(row: PlaybookVersionRow): void {
    this.stmts.insert.run(row);
  }

  /** Rows in the table (tests check a refused import wrote nothing). */
  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }
}
