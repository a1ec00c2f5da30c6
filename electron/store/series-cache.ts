import type Database from 'better-sqlite3';

/** Labels as stored and compared: a JSON object with sorted keys, so order never makes a new series. */
export function canonicalLabels(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  const sorted: Record<string, string> = {};
  for (const k of keys) sorted[k] = String(labels[k]);
  return JSON.stringify(sorted);
}

/**
 * Series ids by (source, metric, canonical labels), kept in memory so a poll of known series
 * costs no lookup query. Enforces the per-source-and-metric cardinality cap: a label set beyond
 * it is refused (null) rather than stored, so a label explosion upstream cannot fill the disk.
 */
export class SeriesCache {
  private readonly ids = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      find: db.prepare<[number, string, string], { id: number }>('SELECT id FROM series WHERE source_id = ? AND metric = ? AND labels = ?'),
      count: db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM series WHERE source_id = ? AND metric = ?'),
      insert: db.prepare<[number, string, string]>('INSERT INTO series (source_id, metric, labels) VALUES (?, ?, ?)'),
    };
  }

  /** Must run inside the caller's transaction (it may insert). */
  idFor(sourceId: number, metric: string, labels: string, maxPerMetric: number): number | null {
    const key = `${sourceId}\u0000${metric}\u0000${labels}`;
    const cached = this.ids.get(key);
    if (cached !== undefined) return cached;
    const found = this.stmts.find.get(sourceId, metric, labels);
    if (found) {
      this.ids.set(key, found.id);
      return found.id;
    }
    const countKey = `${sourceId}\u0000${metric}`;
    const n = this.counts.get(countKey) ?? this.stmts.count.get(sourceId, metric)?.n ?? 0;
    if (n >= maxPerMetric) {
      this.counts.set(countKey, n);
      return null;
    }
    const id = Number(this.stmts.insert.run(sourceId, metric, labels).lastInsertRowid);
    this.ids.set(key, id);
    this.counts.set(countKey, n + 1);
    return id;
  }

  /**
   * Forget everything: after series were deleted (retention, a deleted source) or a transaction
   * that inserted series rolled back. Rare, and the next poll reloads what it needs.
   */
  clear(): void {
    this.ids.clear();
    this.counts.clear();
  }
}
