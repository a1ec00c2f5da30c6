import { formatUtc } from '../../../logic/format';
import { useSlowestInterval } from '../../../state/sources';
import { DataAge } from '../../DataAge';
import type { ChartData } from './useChartData';

/** The sources behind the drawn lines: their newest sample is late once the slowest of them missed its polls. */
function lineSources(data: ChartData): number[] {
  const drawn = [...(data.gpuMode === 'node' ? data.perNode : data.perGpu), ...data.queue];
  return [...new Set(drawn.map((s) => s.sourceId))];
}

/**
 * What the chart is made of and how old it is: drawn vs stored points, the newest sample's age, what
 * failed. The newest sample of a window that ends in the past is old by design: only a `live` window
 * (one that ends now) can be stale.
 */
export function ChartFooter({ data, error, drawn, live }: { data: ChartData; error: string | null; drawn: number; live: boolean }) {
  const intervalMs = useSlowestInterval(lineSources(data));
  return (
    <p className="chart-footer">
      <span data-testid="chart-points">
        {drawn.toLocaleString('en-US')} points drawn of {data.storedPoints.toLocaleString('en-US')} stored
        {data.downsampled ? ' (downsampled)' : ''}
      </span>
      {data.newestAt !== null && (
        <span className="muted">
          newest sample {formatUtc(data.newestAt)} · <DataAge at={data.newestAt} intervalMs={intervalMs} live={live} testId="chart-age" />
        </span>
      )}
      {data.partial.length > 0 && <span className="stale">unavailable: {data.partial.join(', ')}</span>}
      {error !== null && (
        <span className="inline-error" data-testid="chart-error">
          {error} — showing data read at {formatUtc(data.fetchedAt)}
        </span>
      )}
    </p>
  );
}
