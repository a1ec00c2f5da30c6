import type Database from 'better-sqlite3';

/**
 * When a source's last good data was stored: the newest snapshot or sample it wrote. Health lives
 * in memory, so after a restart this is what tells the commander how old the data on screen is.
 */
export function lastDataAt(db: Database.Database, sourceId: number): number | null {
  const row = db
    .prepare<[number, number, number], { at: number | null }>(
      `SELECT max(
         coalesce((SELECT max(at) FROM snapshots WHERE source_id = ?), 0),
         coalesce((SELECT max((SELECT max(t_ms) FROM samples WHERE series_id = s.id)) FROM series s WHERE s.source_id = ?), 0),
         coalesce((SELECT max(r.t_ms) FROM samples_recent r JOIN series s ON s.id = r.series_id WHERE s.source_id = ?), 0)
       ) AS at`,
    )
    .get(sourceId, sourceId, sourceId);
  return row?.at ? row.at : null;
}
