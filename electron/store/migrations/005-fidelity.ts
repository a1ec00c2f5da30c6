import type { Migration } from './types';

/**
 * Fidelity (issue #16): what the console shows must equal what the sources say, whichever sources
 * the user has.
 *
 * - backfill_jobs: a range of history an incident needs from one Prometheus or Loki source (the
 *   lead-in at declaration, or what a corrected impact / detected time newly covers). A row is
 *   written in the same transaction as the change that needs it, so a crash or restart cannot lose
 *   it, and deleted once the samples are stored — in the same transaction as the timeline event
 *   that says what was fetched. A failed attempt leaves the row with its error until the source
 *   answers again. source_id has no foreign key on purpose: a source deleted meanwhile is said on
 *   the timeline, not cascaded away in silence. The id is a UUIDv7 and the author who changed the
 *   incident is kept, like every record another machine may one day sync.
 * - Prometheus sources saved before the panels could be filled from Prometheus get the two panel
 *   queries (stored as snapshot.gpus / snapshot.queues) once, so Prometheus alone fills the GPU and
 *   queue panels without anyone editing their source. A source that already has a query stored
 *   under that key, or with that id, or no room under the 30-query limit, is left as it is. The
 *   query text is written out here, frozen: later edits of the defaults must not change this file.
 */
export const migration005: Migration = {
  version: 5,
  name: 'fidelity',
  sql: `
CREATE TABLE backfill_jobs (
  id TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL,
  from_ms INTEGER NOT NULL,
  to_ms INTEGER NOT NULL CHECK (to_ms > from_ms),
  -- Why the range is needed, in words for the timeline: 'lead-in', 'impact start moved earlier', ...
  reason TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_attempt_at INTEGER,
  last_error TEXT
) STRICT;
-- A source that answers again runs its pending jobs, oldest first.
CREATE INDEX backfill_jobs_by_source ON backfill_jobs(source_id, created_at);

UPDATE sources SET config = json_set(config, '$.queries[#]', json('{"id":"gpu-snapshot","metric":"snapshot.gpus","title":"GPU panel: framebuffer per GPU (MiB)","expr":"{__name__=~\\"DCGM_FI_DEV_FB_USED|DCGM_FI_DEV_FB_FREE|DCGM_FI_DEV_FB_RESERVED\\"}","enabled":true}'))
WHERE kind = 'prometheus' AND json_array_length(config, '$.queries') < 30
  AND NOT EXISTS (SELECT 1 FROM json_each(config, '$.queries') q
    WHERE json_extract(q.value, '$.metric') = 'snapshot.gpus' OR json_extract(q.value, '$.id') = 'gpu-snapshot');

UPDATE sources SET config = json_set(config, '$.queries[#]', json('{"id":"queue-snapshot","metric":"snapshot.queues","title":"Queue panel: asynq queues by state","expr":"{__name__=~\\"asynq_tasks_enqueued_total|asynq_queue_latency_seconds|asynq_queue_paused_total\\"}","enabled":true}'))
WHERE kind = 'prometheus' AND json_array_length(config, '$.queries') < 30
  AND NOT EXISTS (SELECT 1 FROM json_each(config, '$.queries') q
    WHERE json_extract(q.value, '$.metric') = 'snapshot.queues' OR json_extract(q.value, '$.id') = 'queue-snapshot');
`,
};
