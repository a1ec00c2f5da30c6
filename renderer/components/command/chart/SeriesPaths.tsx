import { useId, useMemo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartSeries } from '../../../../shared/chart/chart-data';
import { linePath, linearScale } from '../../../../shared/chart/chart-geometry';

/**
 * The lines, drawn through the chart's own recharts scales as one SVG path each. Not recharts'
 * <Line>: its per-point bookkeeping (domains over every item's values, animation items, frozen
 * store copies) made a 24 h × 16-series window take about a second to first paint on the
 * 2-core reference machine, against about 0.2 s for these paths over the same recharts axes.
 * The scales are linear (time and value axes), so each is applied as `a + b·v` rather than
 * through recharts' and d3's wrappers for each of the ~24,000 points; and the paths are built
 * once per lines and scales, not again on every chart-store update that re-renders this.
 */
export function SeriesPaths({ lines }: { lines: readonly ChartSeries[] }) {
  const clipId = useId();
  const plot = usePlotArea();
  const x = useXAxisScale();
  const yGpu = useYAxisScale('gpu');
  const yQueue = useYAxisScale('queue');
  const paths = useMemo(() => {
    const t0 = lines[0]?.points[0]?.[0] ?? 0;
    const fx = x && linearScale(x, t0, t0 + 3_600_000);
    const fGpu = yGpu && linearScale(yGpu, 0, 1);
    const fQueue = yQueue && linearScale(yQueue, 0, 1);
    return lines.map((l) => {
      const fy = l.axis === 'gpu' ? fGpu : fQueue;
      return fx && fy ? linePath(l.points, fx, fy) : null;
    });
  }, [lines, x, yGpu, yQueue]);
  if (!plot || !x) return null;
  return (
    <g className="series-paths" clipPath={`url(#${CSS.escape(clipId)})`}>
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y - 1} width={plot.width} height={plot.height + 2} />
        </clipPath>
      </defs>
      {lines.map((l, i) => {
        const d = paths[i];
        if (d === null || d === undefined) return null;
        return (
          <path
            key={l.key}
            className="series-path"
            data-series={l.key}
            d={d}
            stroke={l.color}
            strokeWidth={l.axis === 'gpu' ? 1.6 : 1.4}
            strokeDasharray={l.dashed ? '5 3' : undefined}
            fill="none"
          />
        );
      })}
    </g>
  );
}
