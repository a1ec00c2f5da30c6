import { useMemo, useState } from 'react';
import type { Incident } from '../../../../shared/domain/incident';
import { useNow } from '../../../hooks/useNow';
import { formatDataAge, isStale } from '../../../logic/data-age';
import { formatUtcTime } from '../../../logic/format';
import { DEFAULT_QUEUE_SORT, QUEUE_COLUMNS, nextSort, sortQueues, type QueueColumn, type QueueSort } from '../../../logic/queue-table';
import { useSources } from '../../../state/sources';
import { useSnapshot, useSnapshotError } from '../../../state/telemetry';
import { QueueRow } from './QueueRow';
import { useQueueTrends } from './useQueueTrends';
import '../../../styles/logs.css';

const SORT_LABEL: Readonly<Record<QueueColumn, { label: string; title: string }>> = {
  queue: { label: 'name', title: 'asynq queue name' },
  pending: { label: 'pending', title: 'Tasks waiting for a worker' },
  trend: { label: 'Δ', title: 'Pending now minus pending at the start' },
  active: { label: 'active', title: 'Tasks being processed' },
  scheduled: { label: 'sched', title: 'Tasks scheduled for later' },
  retry: { label: 'retry', title: 'Failed tasks waiting to be retried' },
  archived: { label: 'archived', title: 'Tasks that ran out of retries' },
  latency: { label: 'latency', title: 'Age of the oldest pending task' },
  processed: { label: 'done', title: 'Processed since midnight UTC' },
  failed: { label: 'failed', title: 'Failed since midnight UTC' },
  paused: { label: 'paused', title: 'Paused queues are not processed' },
};

/** AsynqMon's queues from the last snapshot, sortable, with the pending trend since the incident began. */
export function QueuePanel({ incident }: { incident: Incident | null }) {
  const snapshot = useSnapshot();
  const snapshotError = useSnapshotError();
  const sources = useSources();
  const now = useNow(1000);
  const [sort, setSort] = useState<QueueSort>(DEFAULT_QUEUE_SORT);
  const queues = snapshot?.queues ?? null;
  const { trends, sinceMs, error: trendError } = useQueueTrends(incident, queues?.sourceId ?? null);
  const rows = useMemo(() => (queues ? sortQueues(queues.data, sort, trends) : []), [queues, sort, trends]);

  const source = queues ? sources.find((s) => s.id === queues.sourceId) : undefined;
  const stale = queues !== null && isStale(queues.at, now, source?.intervalMs);
  const age = queues ? formatDataAge(queues.at, now) : null;

  return (
    <section
      className={`panel queue-panel${stale ? ' stale' : ''}`}
      aria-labelledby="queues-h"
      data-testid="queue-panel"
      data-stale={stale ? 'true' : 'false'}
    >
      <div className="queue-head">
        <h2 id="queues-h">Queues</h2>
        {queues && (
          <span className={`data-age${stale ? ' stale' : ''}`} data-testid="queue-age" title={`Snapshot taken ${formatUtcTime(queues.at)}`}>
            {source ? `${source.name} · ` : ''}
            {stale ? `stale · ${age}` : age}
          </span>
        )}
        {sinceMs !== null && <span className="data-age">Δ since {formatUtcTime(sinceMs)}</span>}
      </div>
      {snapshotError && (
        <p className="inline-error queue-note" role="alert" data-testid="queue-error">
          {snapshotError}
        </p>
      )}
      {queues === null ? (
        <p className="muted queue-note">{snapshotError ? 'No queue data to show.' : 'No AsynqMon source has answered yet.'}</p>
      ) : rows.length === 0 ? (
        <p className="muted queue-note">AsynqMon reports no queues.</p>
      ) : (
        <>
          <div className="queue-sort" role="group" aria-label="Sort queues by">
            <span className="q-label">sort</span>
            {QUEUE_COLUMNS.map((c) => (
              <button
                key={c}
                type="button"
                className={sort.column === c ? 'active' : undefined}
                aria-pressed={sort.column === c}
                title={`${SORT_LABEL[c].title}${sort.column === c ? (sort.dir === 'asc' ? ' (ascending)' : ' (descending)') : ''}`}
                onClick={() => setSort((s) => nextSort(s, c))}
                data-testid={`queue-sort-${c}`}
              >
                {SORT_LABEL[c].label}
                {sort.column === c ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ))}
          </div>
          <ul className="queue-list">
            {rows.map((r) => (
              <QueueRow key={r.queue} row={r} trend={trends.get(r.queue)} />
            ))}
          </ul>
        </>
      )}
      {trendError && <p className="muted queue-note">{trendError}</p>}
    </section>
  );
}
