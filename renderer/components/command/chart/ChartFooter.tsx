import { formatAge, formatUtc } from '../../../logic/format';
import type { ChartData } from './useChartData';

/** Older than this, the newest sample is called stale: several poll intervals have gone by without data. */
export const STALE_MS = 2 * 60_000;

/** What the chart is made of and how old it is: drawn vs stored points, the newest sample's age, what failed. */
export function ChartFooter({ data, error, drawn, clock }: { data: ChartData; error: string | null; drawn: number; clock: number }) {
  const stale = data.newestAt !== null && clock - data.newestAt > STALE_MS;
  return (
    <p className="chart-footer">
      <span data-testid="chart-points">
        {drawn.toLocaleString('en-US')} points drawn of {data.storedPoints.toLocaleString('en-US')} stored
        {data.downsampled ? ' (downsampled)' : ''}
      </span>
      {data.newestAt !== null && (
        <span className={stale ? 'stale' : 'muted'} data-testid="chart-age" data-stale={stale}>
          newest sample {formatUtc(data.newestAt)} ({formatAge(data.newestAt, clock)}){stale ? ' — stale' : ''}
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
