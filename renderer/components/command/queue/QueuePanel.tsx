import { useMemo, useState } from 'react';
import type { Incident } from '../../../../shared/domain/incident';
import { useIsStale } from '../../../hooks/useDataAge';
import { formatUtcTime } from '../../../logic/format';
import { panelSourceText } from '../../../logic/panel-source';
import { DEFAULT_QUEUE_SORT, QUEUE_COLUMNS, nextSort, sortQueues, type QueueColumn, type QueueSort } from '../../../logic/queue-table';
import { useSources } from '../../../state/sources';
import { useSnapshot, useSnapshotError } from '../../../state/telemetry';
import { DataAge } from '../../DataAge';
import type { ChartFetch } from '../chart/useChartData';
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

/**
 * The asynq queues from the last snapshot (AsynqMon's, or Prometheus' asynq metrics), sortable, with the pending trend since the incident
 * began (from the chart's queue series where they cover it). Only its age ticks every second.
 */
export function QueuePanel({ incident, chart }: { incident: Incident | null; chart: ChartFetch }) {
  const snapshot = useSnapshot();
  const snapshotError = useSnapshotError();
  const sources = useSources();
  const [sort, setSort] = useState<QueueSort>(DEFAULT_QUEUE_SORT);
  const queues = snapshot?.queues ?? null;
  const { trends, sinceMs, win: trendWin, error: trendError } = useQueueTrends(incident, chart);
  const rows = useMemo(() => (queues ? sortQueues(queues.data, sort, trends) : []), [queues, sort, trends]);

  const source = queues ? sources.find((s) => s.id === queues.sourceId) : undefined;
  const stale = useIsStale(queues?.at ?? null, source?.intervalMs, queues !== null);
  const panel = snapshot?.panels?.queues ?? null;
  const from = panelSourceText(panel, queues?.sourceId ?? null);

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
          <span className="data-age" data-testid="queue-source" title={from.others ?? undefined}>
            {from.shown ? `${from.shown} · ` : source ? `${source.name} · ` : ''}
            <DataAge
              at={queues.at}
              intervalMs={source?.intervalMs}
              testId="queue-age"
              title={`Snapshot taken ${formatUtcTime(queues.at)}`}
            />
          </span>
        )}
        {sinceMs !== null && (
          <span className="data-age queue-since" title={`Δ: pending now minus pending at ${formatUtcTime(sinceMs)}`}>
            Δ since {formatUtcTime(sinceMs)}
          </span>
        )}
      </div>
      {snapshotError && (
        <p className="inline-error queue-note" role="alert" data-testid="queue-error">
          {snapshotError}
        </p>
      )}
      {queues === null || rows.length === 0 ? (
        <p className="muted queue-note panel-missing" data-testid="queue-missing">
          {panel?.missing ??
            (snapshotError ? 'No queue data to show.' : queues ? 'The last poll reported no queues.' : 'No queue snapshot yet.')}
        </p>
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
              <QueueRow key={r.queue} row={r} trend={trends.get(r.queue)} trendWin={trendWin} />
            ))}
          </ul>
        </>
      )}
      {trendError && <p className="muted queue-note">{trendError}</p>}
    </section>
  );
}
