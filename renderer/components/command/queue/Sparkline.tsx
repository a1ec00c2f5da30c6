import type { SeriesPoint } from '../../../../shared/domain/telemetry';
import type { TimeWindow } from '../../../../shared/chart/chart-data';
import { sparkPath, sparkSpan, valueDomain } from '../../../logic/spark-path';

const W = 56;
const H = 16;

/**
 * A tiny line of pending tasks over the trend window (from its first stored point, sparkSpan), drawn
 * like the GPU sparklines (time on x, gaps kept) and scaled to its own low and high; decorative, the
 * numbers beside it carry the meaning.
 */
export function Sparkline({ points, win }: { points: readonly SeriesPoint[]; win: TimeWindow | null }) {
  const domain = win ? valueDomain(points, win.fromMs, win.toMs) : null;
  const drawn = points.filter((p) => p[1] !== null && Number.isFinite(p[1])).length;
  if (!win || !domain || drawn < 2) return <svg width={W} height={H} aria-hidden="true" />;
  return (
    <svg width={W} height={H} viewBox={`-1 -1 ${W + 2} ${H + 2}`} aria-hidden="true">
      <path d={sparkPath(points, ...sparkSpan(points, win.fromMs, win.toMs), W, H, { yDomain: domain })} />
    </svg>
  );
}
