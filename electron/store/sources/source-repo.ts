import type Database from 'better-sqlite3';
import type { SourceKind } from '../../../shared/domain/sources';
import { fromRow, type SourceRow, type StoredConfig, type StoredSource } from './source-rows';

export interface SourceRecord {
  name: string;
  kind: SourceKind;
  baseUrl: string;
  config: StoredConfig;
  secrets: Buffer | null;
  enabled: boolean;
  demo: boolean;
}

/** SQL for sources. No rules here: the source service decides what is valid and seals secrets. */
export class SourceRepo {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      all: db.prepare<[], SourceRow>('SELECT * FROM sources ORDER BY name COLLATE NOCASE, id'),
      byId: db.prepare<[number], SourceRow>('SELECT * FROM sources WHERE id = ?'),
      idByName: db.prepare<[string], { id: number }>('SELECT id FROM sources WHERE name = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sources'),
      demo: db.prepare<[], SourceRow>('SELECT * FROM sources WHERE demo = 1 ORDER BY id'),
      insert: db.prepare(`INSERT INTO sources (name, kind, base_url, config, secrets, enabled, demo, created_at, updated_at)
        VALUES (@name, @kind, @baseUrl, @config, @secrets, @enabled, @demo, @at, @at)`),
      update: db.prepare(`UPDATE sources SET name = @name, kind = @kind, base_url = @baseUrl, config = @config,
        secrets = @secrets, enabled = @enabled, demo = @demo, updated_at = @at WHERE id = @id`),
      setBaseUrl: db.prepare('UPDATE sources SET base_url = ?, updated_at = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM sources WHERE id = ?'),
    };
  }

  list(): StoredSource[] {
    return this.stmts.all.all().map(fromRow);
  }

  get(id: number): StoredSource | null {
    const row = this.stmts.byId.get(id);
    return row ? fromRow(row) : null;
  }

  /** Names compare case-insensitively (the column is COLLATE NOCASE). */
  idByName(name: string): number | null {
    return this.stmts.idByName.get(name)?.id ?? null;
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  demoSources(): StoredSource[] {
    return this.stmts.demo.all().map(fromRow);
  }

  insert(r: SourceRecord, at: number): number {
    return Number(this.stmts.insert.run(toParams(r, at)).lastInsertRowid);
  }

  update(id: number, r: SourceRecord, at: number): void {
    this.stmts.update.run({ ...toParams(r, at), id });
  }

  setBaseUrl(id: number, baseUrl: string, at: number): void {
    this.stmts.setBaseUrl.run(baseUrl, at, id);
  }

  /** Cascades to its series, samples, rollups, snapshots and alert history. */
  delete(id: number): boolean {
    return this.stmts.delete.run(id).changes > 0;
  }
}

function toParams(r: SourceRecord, at: number) {
  return {
    name: r.name,
    kind: r.kind,
    baseUrl: r.baseUrl,
    config: JSON.stringify(r.config),
    secrets: r.secrets,
    enabled: r.enabled ? 1 : 0,
    demo: r.demo ? 1 : 0,
    at,
  };
}
