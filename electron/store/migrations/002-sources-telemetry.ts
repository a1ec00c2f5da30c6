import type { Migration } from './types';

/**
 * Sources (with their secrets sealed by the platform's SecretBox) and what their polls stored.
 *
 * - `enabled` and `demo` are columns, not config JSON: snapshot reads filter on `enabled` and the
 *   demo profile looks sources up by `demo`. Everything else non-secret is one JSON document that
 *   is always read and written whole.
 * - Sources and series ids are AUTOINCREMENT: an id is never reused after a delete, so a stale id
 *   cached by the poller or pinned in evidence can never point at someone else's data.
 * - Series are identified by (source, metric, canonical labels) so a poll only looks up an id;
 *   samples are keyed by (series_id, t_ms) WITHOUT ROWID: the primary key IS the time index every
 *   range read and every retention delete walks, and a re-poll of the same instant replaces.
 * - Polls write to samples_recent first, keyed time-first: one poll's samples land on one or two
 *   pages, where the series-first samples table would dirty one page per series per commit (14x
 *   slower measured at 50 series, worse with more). The store moves recent rows into samples
 *   every couple of minutes, touching each series' page once. It has no foreign key (a cascade would
 *   scan it per deleted series); rows of a deleted series are dropped when they are moved.
 * - A NULL sample value is an upstream NaN (0/0 on an idle GPU); it is kept so the chart shows a gap.
 * - Rollups hold downsampled history (one row per step bucket) once raw samples are compacted.
 * - Snapshots are the last good answer per source and kind, so a down source still shows what it
 *   last knew, with its age.
 * - Alert history is one row per (source, alert key, firing episode): an alert that re-fires with a
 *   new start time is a new row; one missed poll and back with the same start reopens its row.
 */
export const migration002: Migration = {
  version: 2,
  name: 'sources-telemetry',
  sql: `
CREATE TABLE sources (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('prometheus','asynqmon','loki','alertmanager','exporter-scrape')),
  base_url TEXT NOT NULL,
  config TEXT NOT NULL,
  secrets BLOB,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE series (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  metric TEXT NOT NULL,
  labels TEXT NOT NULL,
  UNIQUE (source_id, metric, labels)
) STRICT;
-- Charts ask for one metric across all sources.
CREATE INDEX series_by_metric ON series(metric, source_id);

CREATE TABLE samples (
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  t_ms INTEGER NOT NULL,
  value REAL,
  PRIMARY KEY (series_id, t_ms)
) STRICT, WITHOUT ROWID;

CREATE TABLE samples_recent (
  t_ms INTEGER NOT NULL,
  series_id INTEGER NOT NULL,
  value REAL,
  PRIMARY KEY (t_ms, series_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE rollups (
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  bucket_ms INTEGER NOT NULL,
  avg REAL,
  min REAL,
  max REAL,
  -- Finite samples averaged into the bucket; 0 when every sample in it was NaN (avg NULL).
  n INTEGER NOT NULL,
  PRIMARY KEY (series_id, bucket_ms)
) STRICT, WITHOUT ROWID;

CREATE TABLE snapshots (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('queues','gpus','alerts')),
  at INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (source_id, kind)
) STRICT;

CREATE TABLE alert_history (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  severity TEXT,
  labels TEXT NOT NULL,
  summary TEXT,
  starts_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  resolved_at INTEGER,
  UNIQUE (source_id, key, starts_at)
) STRICT;
-- Resolving what a poll no longer sees, and the "firing now" snapshot, read only open rows.
CREATE INDEX alert_history_open ON alert_history(source_id, last_seen_at) WHERE resolved_at IS NULL;
-- Listing alerts that overlap an incident window.
CREATE INDEX alert_history_by_start ON alert_history(starts_at);
`,
};
