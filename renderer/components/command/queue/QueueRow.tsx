import type { QueueStat } from '../../../../shared/domain/telemetry';
import { formatDelta, formatLatency, trendDelta, type QueueTrend } from '../../../logic/queue-table';
import { Sparkline } from './Sparkline';

const n = (v: number): string => v.toLocaleString('en-US');

function Num({ value, bad = false }: { value: number; bad?: boolean }) {
  return <td className={value === 0 ? 'num-zero' : bad ? 'num-bad' : undefined}>{n(value)}</td>;
}

export function QueueRow({ row, trend }: { row: QueueStat; trend: QueueTrend | undefined }) {
  const delta = trendDelta(trend);
  const direction = delta === null || delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
  return (
    <tr data-testid="queue-row" data-queue={row.queue} data-paused={row.paused ? 'true' : 'false'}>
      <td className="queue-name">{row.queue}</td>
      <Num value={row.pending} />
      <td>
        <span
          className={`trend ${direction}`}
          title={
            trend && trend.start !== null ? `${n(trend.start)} pending at the start, ${n(trend.end ?? 0)} now` : 'No stored samples yet'
          }
        >
          <Sparkline values={trend?.values ?? []} />
          <span className="trend-delta">{formatDelta(delta)}</span>
        </span>
      </td>
      <Num value={row.active} />
      <Num value={row.scheduled} />
      <Num value={row.retry} bad />
      <Num value={row.archived} bad />
      <td className={row.latencyMs === 0 ? 'num-zero' : undefined}>{formatLatency(row.latencyMs)}</td>
      <Num value={row.processedToday} />
      <Num value={row.failedToday} bad />
      <td className={row.paused ? 'paused' : 'num-zero'}>{row.paused ? 'PAUSED' : 'no'}</td>
    </tr>
  );
}
