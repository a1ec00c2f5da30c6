import { useId } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartSeries } from '../../../logic/chart-data';
import { linePath } from '../../../logic/chart-geometry';

/**
 * The lines, drawn through the chart's own recharts scales as one SVG path each. Not recharts'
 * <Line>: its per-point bookkeeping (domains over every item's values, animation items, frozen
 * store copies) made a 24 h × 16-series window take about a second to first paint on the
 * 2-core reference machine, against about 0.2 s for these paths over the same recharts axes.
 */
export function SeriesPaths({ lines }: { lines: readonly ChartSeries[] }) {
  const clipId = useId();
  const plot = usePlotArea();
  const x = useXAxisScale();
  const yGpu = useYAxisScale('gpu');
  const yQueue = useYAxisScale('queue');
  if (!plot || !x) return null;
  return (
    <g className="series-paths" clipPath={`url(#${CSS.escape(clipId)})`}>
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y - 1} width={plot.width} height={plot.height + 2} />
        </clipPath>
      </defs>
      {lines.map((l) => {
        const y = l.axis === 'gpu' ? yGpu : yQueue;
        if (!y) return null;
        return (
          <path
            key={l.key}
            className="series-path"
            data-series={l.key}
            d={linePath(
              l.points,
              (t) => x(t),
              (v) => y(v),
            )}
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
