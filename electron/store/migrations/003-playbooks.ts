import type { Migration } from './types';

/**
 * User playbooks and the checklists attached to incidents.
 *
 * - Records are append-only with UUIDv7 text ids and an author, so that several responders'
 *   machines can one day exchange them without renumbering (DESIGN.md "Looking ahead").
 * - playbook_versions: every save of a user playbook is a new row; the current version of an id is
 *   its highest. A delete is a row too (body NULL), so importing the same id later continues the
 *   count instead of reusing version numbers an incident may already name. Built-ins live in code
 *   (shared/playbooks/builtin) and are never stored here.
 * - incident_checklists: a playbook attached to an incident keeps a copy of the version it was
 *   attached with (`playbook`, JSON): editing or deleting the playbook, or a newer Pitwall changing
 *   a built-in, never rewrites what an incident ran with.
 * - checklist_actions: what was done to an item (done, skipped with a reason, not applicable, note,
 *   assign a role, answer a decision, reopen) with the evidence values frozen when the status was
 *   set. An item's state is folded from these (shared/playbooks/checklist.ts), never stored.
 *   `event_id` is the timeline event written in the same transaction.
 */
export const migration003: Migration = {
  version: 3,
  name: 'playbooks',
  sql: `
CREATE TABLE playbook_versions (
  id TEXT PRIMARY KEY,
  playbook_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL,
  body TEXT,
  author TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  UNIQUE (playbook_id, version)
) STRICT;

CREATE TABLE incident_checklists (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  playbook_id TEXT NOT NULL,
  playbook_version INTEGER NOT NULL,
  playbook TEXT NOT NULL,
  attached_at INTEGER NOT NULL,
  attached_by TEXT NOT NULL,
  UNIQUE (incident_id, playbook_id)
) STRICT;

CREATE TABLE checklist_actions (
  id TEXT PRIMARY KEY,
  checklist_id TEXT NOT NULL REFERENCES incident_checklists(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('done','skipped','not-applicable','reopen','note','assign','answer')),
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  text TEXT,
  role TEXT CHECK (role IN ('commander','communications','operations','scribe')),
  answer TEXT CHECK (answer IN ('yes','no')),
  evidence TEXT,
  event_id INTEGER
) STRICT;
-- Folding a checklist reads its actions in order.
CREATE INDEX checklist_actions_by_checklist ON checklist_actions(checklist_id, at, id);
`,
};
