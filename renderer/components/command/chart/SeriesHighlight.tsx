import { useMemo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { useStore } from 'zustand';
import type { ChartSeries } from '../../../../shared/chart/chart-data';
import { linePath, linearScale } from '../../../../shared/chart/chart-geometry';
import type { HoverStore } from './hover-store';

/**
 * The line under the pointer, drawn again on top and thicker over a veil that dims the others, so
 * one GPU among twelve can be followed. Only this component re-renders as the pointer moves; the
 * lines themselves (SeriesPaths) are never redrawn for it.
 */
export function SeriesHighlight({ lines, hover }: { lines: readonly ChartSeries[]; hover: HoverStore }) {
  const near = useStore(hover, (s) => s.near);
  const plot = usePlotArea();
  const x = useXAxisScale();
  const yGpu = useYAxisScale('gpu');
  const yQueue = useYAxisScale('queue');
  const line = near === null ? undefined : lines.find((l) => l.key === near);
  const d = useMemo(() => {
    if (!line || !x) return null;
    const t0 = line.points[0]?.[0] ?? 0;
    const fy = line.axis === 'gpu' ? yGpu && linearScale(yGpu, 0, 1) : yQueue && linearScale(yQueue, 0, 1);
    return fy ? linePath(line.points, linearScale(x, t0, t0 + 3_600_000), fy) : null;
  }, [line, x, yGpu, yQueue]);
  if (!line || !plot || d === null) return null;
  return (
    <g className="series-highlight" data-testid="series-highlight" data-series={line.key} pointerEvents="none">
      <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} className="series-veil" />
      <path d={d} stroke={line.color} strokeWidth={3} strokeDasharray={line.dashed ? '6 3' : undefined} fill="none" />
    </g>
  );
}
