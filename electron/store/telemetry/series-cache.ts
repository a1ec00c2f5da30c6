import type Database from 'better-sqlite3';

/** Labels as stored and compared: a JSON object with sorted keys, so order never makes a new series. */
export function canonicalLabels(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  const sorted: Record<string, string> = {};
  for (const k of keys) sorted[k] = String(labels[k]);
  return JSON.stringify(sorted);
}

/**
 * Source, metric and label pairs in arrival order, NUL-separated: exact (it can be split back) unless a
 * part holds a NUL itself, which is then left to the canonical path. Two orders of one set are two keys
 * for the same id, which is fine for a cache.
 */
function arrivalKey(sourceId: number, metric: string, labels: Readonly<Record<string, string>>): string | null {
  if (metric.includes('\u0000')) return null;
  let key = `${sourceId}\u0000${metric}`;
  for (const name in labels) {
    const value = String(labels[name]);
    if (name.includes('\u0000') || value.includes('\u0000')) return null;
    key += `\u0000${name}\u0000${value}`;
  }
  return key;
}

/**
 * Series ids by (source, metric, canonical labels), kept in memory so a poll of known series
 * costs no lookup query. Enforces the per-source-and-metric cardinality cap: a label set beyond
 * it is refused (null) rather than stored, so a label explosion upstream cannot fill the disk.
 */
export class SeriesCache {
  private readonly ids = new Map<string, number>();
  /** The same ids by label set as it arrived (arrivalKey): a known series costs neither a sort nor a JSON string. */
  private readonly arrived = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      find: db.prepare<[number, string, string], { id: number }>('SELECT id FROM series WHERE source_id = ? AND metric = ? AND labels = ?'),
      count: db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM series WHERE source_id = ? AND metric = ?'),
      insert: db.prepare<[number, string, string]>('INSERT INTO series (source_id, metric, labels) VALUES (?, ?, ?)'),
    };
  }

  /** idFor, from the labels as an upstream sent them. Must run inside the caller's transaction (it may insert). */
  idForLabels(sourceId: number, metric: string, labels: Readonly<Record<string, string>>, maxPerMetric: number): number | null {
    const key = arrivalKey(sourceId, metric, labels);
    const known = key === null ? undefined : this.arrived.get(key);
    if (known !== undefined) return known;
    const canonical = canonicalLabels(labels);
    const id = this.idFor(sourceId, metric, canonical, maxPerMetric);
    if (id !== null && key !== null) this.arrived.set(key, id);
    return id;
  }

  /** Must run inside the caller's transaction (it may insert). */
  private idFor(sourceId: number, metric: string, labels: string, maxPerMetric: number): number | null {
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
    this.arrived.clear();
    this.counts.clear();
  }
}
