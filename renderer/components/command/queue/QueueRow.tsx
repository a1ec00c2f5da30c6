import type { QueueStat } from '../../../../shared/domain/telemetry';
import type { TimeWindow } from '../../../../shared/chart/chart-data';
import { formatDelta, formatLatency, trendDelta, type QueueTrend } from '../../../logic/queue-table';
import { Sparkline } from './Sparkline';
import { Name } from '../../text/UntrustedText';

const n = (v: number): string => v.toLocaleString('en-US');
/** A daily count this source may not report: a dash, never a zero. */
const maybe = (v: number | null): string => (v === null ? '—' : n(v));

/** Why a daily count is blank: asynq's Prometheus metrics carry only all-time counters. */
const NOT_REPORTED = 'Not reported by this source: only AsynqMon counts tasks per day (Prometheus has all-time counters only)';

/** One figure; zero is muted, a non-zero `bad` figure (retry, archived, failed) stands out, an unreported one is a dash. */
function Stat({ label, value, text, bad = false }: { label: string; value: number | null; text?: string; bad?: boolean }) {
  if (value === null) {
    return (
      <span className="q-stat zero" title={NOT_REPORTED} data-testid="queue-stat-unreported">
        <span className="q-label">{label}</span> —
      </span>
    );
  }
  const tone = value === 0 ? ' zero' : bad ? ' bad' : '';
  return (
    <span className={`q-stat${tone}`}>
      <span className="q-label">{label}</span> {text ?? n(value)}
    </span>
  );
}

/**
 * A queue as two short lines, so five queues fit the side column: name, pending and its trend first
 * (what an IC scans), then the rest on one line, most telling first.
 */
export function QueueRow({ row, trend, trendWin }: { row: QueueStat; trend: QueueTrend | undefined; trendWin: TimeWindow | null }) {
  const delta = trendDelta(trend);
  const direction = delta === null || delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
  return (
    <li
      className={`queue-row${row.paused ? ' is-paused' : ''}`}
      data-testid="queue-row"
      data-queue={row.queue}
      data-paused={row.paused}
      title={`${row.queue}: ${n(row.pending)} pending, ${n(row.active)} active, ${n(row.scheduled)} scheduled, ${n(row.retry)} retry, ${n(row.archived)} archived; latency ${formatLatency(row.latencyMs)}; today ${maybe(row.processedToday)} done, ${maybe(row.failedToday)} failed`}
    >
      <div className="q-main">
        <span className="q-name" title={row.queue}>
          <Name text={row.queue} />
        </span>
        {row.paused && <span className="q-paused">PAUSED</span>}
        <span className="q-pending" title="Tasks waiting for a worker">
          <b>{n(row.pending)}</b> pending
        </span>
        <span
          className={`trend ${direction}`}
          title={
            trend && trend.start !== null ? `${n(trend.start)} pending at the start, ${n(trend.end ?? 0)} now` : 'No stored samples yet'
          }
        >
          <Sparkline points={trend?.points ?? []} win={trendWin} />
          <span className="trend-delta">{formatDelta(delta)}</span>
        </span>
      </div>
      {/* One line, most telling first: what is cut at the panel's edge is the least urgent. */}
      <div className="q-stats">
        <Stat label="active" value={row.active} />
        <Stat label="retry" value={row.retry} bad />
        <Stat label="archived" value={row.archived} bad />
        <Stat label="latency" value={row.latencyMs} text={formatLatency(row.latencyMs)} />
        <Stat label="failed today" value={row.failedToday} bad />
        <Stat label="sched" value={row.scheduled} />
        <Stat label="done today" value={row.processedToday} />
      </div>
    </li>
  );
}
