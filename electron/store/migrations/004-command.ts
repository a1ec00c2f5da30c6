import type { Migration } from './types';

/**
 * Incident command: messages marked sent, mitigations, notifications fired and snoozes.
 *
 * - Every row is a record of something that happened, appended and never updated: what is "still
 *   paused" or "still silenced" is derived by reading them in order, so records made on several
 *   machines can later be merged by id. Ids are UUIDv7 text with an author, never AUTOINCREMENT.
 * - Mitigations keep the source's id AND name, without a foreign key: deleting a source later must
 *   not erase the record of what was done through it.
 * - A notification is keyed by what fired it (`fire_key`: incident, due item, snooze), UNIQUE, so a
 *   restart or a second check can never fire the same due item twice.
 * - Comms keep the stakeholder fields as sent (JSON), which is what stakeholders were last told,
 *   kept apart from the incident's internal status.
 */
export const migration004: Migration = {
  // The file carries the number the lead assigned; `version` is this migration's place in MIGRATIONS.
  version: 4,
  name: 'command',
  sql: `
CREATE TABLE comms_messages (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  template_id TEXT,
  purpose TEXT NOT NULL CHECK (purpose IN ('update','resolution','handoff')),
  body TEXT NOT NULL,
  audience TEXT NOT NULL,
  fields TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  author TEXT NOT NULL
) STRICT;
CREATE INDEX comms_messages_by_incident ON comms_messages(incident_id, sent_at);

CREATE TABLE mitigations (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('queue-pause','queue-resume','silence','silence-expire')),
  source_id INTEGER NOT NULL,
  source_name TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok','failed')),
  message TEXT NOT NULL,
  relates_to TEXT,
  -- Silences only: Alertmanager's id, matchers (JSON), end time, and whether resolving expires it.
  silence_id TEXT,
  matchers TEXT,
  ends_at INTEGER,
  expire_on_resolve INTEGER NOT NULL DEFAULT 0 CHECK (expire_on_resolve IN (0, 1)),
  at INTEGER NOT NULL,
  author TEXT NOT NULL
) STRICT;
CREATE INDEX mitigations_by_incident ON mitigations(incident_id, at);

CREATE TABLE due_notices (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL,
  incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
  due_key TEXT NOT NULL,
  fire_key TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  fired_at INTEGER NOT NULL
) STRICT;
CREATE INDEX due_notices_by_time ON due_notices(fired_at);

CREATE TABLE due_snoozes (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  due_key TEXT NOT NULL,
  until_at INTEGER NOT NULL,
  at INTEGER NOT NULL,
  author TEXT NOT NULL
) STRICT;
CREATE INDEX due_snoozes_by_item ON due_snoozes(incident_id, due_key, at);
`,
};
