import type { Migration } from './types';

/**
 * Incidents, their roles and their timeline. Times are epoch ms (INTEGER).
 * Lists (services, tenants) are JSON arrays in TEXT: they are always read and
 * written whole with the incident, never queried by element.
 */
export const migration001: Migration = {
  version: 1,
  name: 'incidents',
  sql: `
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL CHECK (severity IN ('SEV1','SEV2','SEV3','SEV4')),
  status TEXT NOT NULL CHECK (status IN ('investigating','identified','monitoring','resolved','closed')),
  services TEXT NOT NULL DEFAULT '[]',
  tenants TEXT NOT NULL DEFAULT '[]',
  impact_started_at INTEGER,
  detected_at INTEGER,
  declared_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  mitigated_at INTEGER,
  resolved_at INTEGER,
  closed_at INTEGER,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE incident_roles (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('commander','communications','operations','scribe')),
  person TEXT NOT NULL,
  assigned_at INTEGER NOT NULL,
  PRIMARY KEY (incident_id, role)
) STRICT;

CREATE TABLE timeline_events (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  summary TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX timeline_events_by_incident ON timeline_events(incident_id, at, id);

-- Full-text search over what a person remembers about an incident: its words and its notes.
-- Incident text is keyed by incident id and rewritten on edit; notes are keyed by their
-- timeline event id and only ever appended, so adding a note costs one small insert.
CREATE VIRTUAL TABLE incident_text_search USING fts5(ref, title, summary, tokenize = 'unicode61');
CREATE VIRTUAL TABLE note_search USING fts5(body, tokenize = 'unicode61');

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
};
