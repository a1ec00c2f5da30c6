import type { Migration } from './types';

/**
 * Postmortems, their versions, action items; search over what they and the timeline say; the
 * telemetry shapes "similar past incidents" compares.
 *
 * - Postmortems, versions and action items get UUIDv7 text ids and an author: they are records
 *   other machines will one day sync, never numbered by an AUTOINCREMENT integer.
 * - One postmortem per incident (UNIQUE): the body is the current Markdown, rewritten by every
 *   autosave. `revision` is bumped on each change so a save typed on an older text is refused
 *   rather than silently overwriting another window.
 * - Versions are append-only snapshots (at most one every few minutes while typing, plus one
 *   before every restore or redraft), each holding the whole text: a restore is a copy, never a replay.
 * - Action items keep their current state in the row; every change is also a timeline event.
 *   `due_date` is a calendar day (YYYY-MM-DD text): it is compared as text, which sorts by date.
 * - postmortem_search is keyed by incident id (one postmortem each) and rewritten on save.
 * - event_search: timeline events whose text people search for but which the incident service
 *   writes without a search entry (role holders, handoff notes, status and severity reasons,
 *   comms, mitigations, checklist notes). A trigger indexes them as they are appended, whoever
 *   appends them, so no other domain has to remember to; notes and pinned evidence are already in
 *   note_search and are left out here, as are the declaration (its title is indexed with the
 *   incident) and history backfills (machine bookkeeping nobody searches for).
 * - Two indexes on incidents for reads that grew with the incident count: the console's first read
 *   (the incident list, open before ended, newest first) sorted the whole table on every start
 *   (62 ms at 10,000 incidents; 5 ms walking this index), and metrics and the search filters select
 *   by declaration time.
 * - incident_shapes caches the resampled GPU-memory and queue-depth curves of an incident's impact
 *   window: reading every past incident's samples on each "similar incidents" request would not scale.
 */
export const migration008: Migration = {
  version: 8,
  name: 'postmortems',
  sql: `
CREATE TABLE postmortems (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL UNIQUE REFERENCES incidents(id) ON DELETE CASCADE,
  template TEXT NOT NULL CHECK (template IN ('lecture','gaudi')),
  body TEXT NOT NULL,
  revision INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE postmortem_versions (
  id TEXT PRIMARY KEY,
  postmortem_id TEXT NOT NULL REFERENCES postmortems(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('drafted','autosave','manual','before-restore','restored','before-redraft')),
  restored_from TEXT,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX postmortem_versions_by_postmortem ON postmortem_versions(postmortem_id, at);

CREATE TABLE action_items (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  owner TEXT NOT NULL DEFAULT '',
  ticket TEXT NOT NULL DEFAULT '',
  due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  status TEXT NOT NULL CHECK (status IN ('open','in-progress','done','wont-do')),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
CREATE INDEX action_items_by_incident ON action_items(incident_id, created_at);
CREATE INDEX action_items_by_due ON action_items(status, due_date);

CREATE VIRTUAL TABLE postmortem_search USING fts5(body, tokenize = 'unicode61');
CREATE VIRTUAL TABLE event_search USING fts5(body, tokenize = 'unicode61');

CREATE TRIGGER timeline_event_search AFTER INSERT ON timeline_events
WHEN NEW.kind NOT IN ('note', 'pin-log', 'pin-metric', 'declared', 'backfill')
BEGIN
  INSERT INTO event_search (rowid, body) VALUES (NEW.id, NEW.summary);
END;
INSERT INTO event_search (rowid, body)
  SELECT id, summary FROM timeline_events WHERE kind NOT IN ('note', 'pin-log', 'pin-metric', 'declared', 'backfill');

CREATE INDEX incidents_by_list_order ON incidents((status IN ('resolved','closed')), declared_at DESC);
CREATE INDEX incidents_by_declared ON incidents(declared_at);

CREATE TABLE incident_shapes (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
  from_ms INTEGER NOT NULL,
  to_ms INTEGER NOT NULL,
  -- JSON arrays of numbers (or null where nothing was stored), one per step across the window.
  gpu TEXT NOT NULL,
  queue TEXT NOT NULL,
  computed_at INTEGER NOT NULL
) STRICT;
`,
};
