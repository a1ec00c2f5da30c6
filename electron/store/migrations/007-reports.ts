import type { Migration } from './types';

/**
 * Reports and bundles: which incident is which across machines, what was imported, and the
 * telemetry that came with an imported incident.
 *
 * - incident_identity gives an incident a UUIDv7 `uid` the first time it leaves this machine (or
 *   when it arrives in a bundle). Incidents keep their INTEGER id and INC-… ref locally; the uid is
 *   what says "the same incident" on another Pitwall, so importing a bundle twice finds it. It is
 *   assigned lazily at export, so incidents written by any path (detection, tests) get one.
 * - bundle_imports records each import (who, when, from which file and export) outside the
 *   timeline: an import event on the timeline would make a re-export differ from the bundle it
 *   came from. `original_ref` is kept when the incoming ref was taken here and was renumbered.
 *   The window is the range the bundle's samples cover, so a re-export states the same range.
 * - archived_series / archived_points hold the samples an imported incident brought along, apart
 *   from the live telemetry tables: those belong to this machine's sources, and a foreign GPU must
 *   never appear on the live console. Deleted with their incident. `position` keeps the bundle's
 *   order so a re-export is byte-for-byte the same. A NULL value is an upstream NaN, as in samples.
 * - archived_rows holds an imported incident's rows of other bundle tables (alerts, and what other
 *   domains register until they store imports in tables of their own) as the bundle's JSON, by table
 *   and position: read back whole, never queried by field.
 */
export const migration007: Migration = {
  version: 7,
  name: 'reports',
  sql: `
CREATE TABLE incident_identity (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
  uid TEXT NOT NULL UNIQUE,
  origin TEXT NOT NULL CHECK (origin IN ('local', 'imported'))
) STRICT;

CREATE TABLE bundle_imports (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  uid TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  original_ref TEXT NOT NULL,
  exported_at INTEGER NOT NULL,
  exported_by TEXT NOT NULL,
  exported_from TEXT NOT NULL,
  window_from_ms INTEGER NOT NULL,
  window_to_ms INTEGER NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT NOT NULL
) STRICT;
CREATE INDEX bundle_imports_by_incident ON bundle_imports(incident_id);

CREATE TABLE archived_series (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  source_name TEXT,
  source_kind TEXT,
  metric TEXT NOT NULL,
  labels TEXT NOT NULL,
  UNIQUE (incident_id, position)
) STRICT;
CREATE INDEX archived_series_by_metric ON archived_series(incident_id, metric);

CREATE TABLE archived_points (
  series_id TEXT NOT NULL REFERENCES archived_series(id) ON DELETE CASCADE,
  t_ms INTEGER NOT NULL,
  value REAL,
  PRIMARY KEY (series_id, t_ms)
) STRICT, WITHOUT ROWID;

CREATE TABLE archived_rows (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  table_name TEXT NOT NULL,
  position INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (incident_id, table_name, position)
) STRICT;
`,
};
