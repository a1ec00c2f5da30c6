import type { Migration } from './types';

/**
 * Suggested incidents (detection), after playbooks (003), command (004) and fidelity (005): its
 * `version` is its place in MIGRATIONS.
 *
 * - A suggestion is written by this workstation's detector, not by a person: it is "current state"
 *   the detector keeps up to date while its condition matches (last_matched_at, title, detail), and
 *   closes when the condition has been gone for a while, when a dismissal ran out, or when the incident
 *   it was declared as was resolved — a condition that persists after that is a new suggestion, so the
 *   row of an old one never changes meaning. At most one open row per key (the proposed playbook).
 * - What people do with a suggestion (dismiss with a reason, declare, attach to an incident) is an
 *   append-only action with its author; a suggestion's state is derived from its newest action.
 * - Ids are UUIDv7 text (electron/core/ids.ts) so suggestions and actions from several workstations can
 *   later sync into one database.
 * - `detail` is one JSON document (sources, affected, evidence) always read and written whole.
 */
export const migration006: Migration = {
  version: 6,
  name: 'detection',
  sql: `
CREATE TABLE detection_suggestions (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  playbook_id TEXT,
  title TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('SEV1','SEV2','SEV3','SEV4')),
  first_matched_at INTEGER NOT NULL,
  since INTEGER NOT NULL,
  last_matched_at INTEGER NOT NULL,
  closed_at INTEGER,
  close_reason TEXT CHECK (close_reason IN ('cleared','dismissal-expired','incident-closed')),
  detail TEXT NOT NULL,
  author TEXT NOT NULL
) STRICT;
-- The detector looks up the open suggestion of each key on every evaluation.
CREATE UNIQUE INDEX detection_suggestions_open ON detection_suggestions(key) WHERE closed_at IS NULL;
-- The console lists what is open or changed recently.
CREATE INDEX detection_suggestions_recent ON detection_suggestions(last_matched_at);

CREATE TABLE detection_actions (
  id TEXT PRIMARY KEY,
  suggestion_id TEXT NOT NULL REFERENCES detection_suggestions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('dismissed','declared','attached')),
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  until INTEGER,
  incident_id INTEGER REFERENCES incidents(id),
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX detection_actions_by_suggestion ON detection_actions(suggestion_id, at);
`,
};
