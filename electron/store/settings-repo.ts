import type Database from 'better-sqlite3';

/** Small JSON values by key. Callers parse what they read: a settings row is as untrusted as a file. */
export class SettingsRepo {
  constructor(private readonly db: Database.Database) {}

  read(key: string): unknown {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  write(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
