import { useEffect, useMemo, useRef } from 'react';
import { Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ChartSeries, TimeWindow } from '../../../../shared/chart/chart-data';
import { markChartPaintedWhen } from './paint-mark';

const HEIGHT = 340;

/**
 * The benchmark's baseline only (`?chartNaive=1`, see logic/chart-url.ts), never the product:
 * the same series, not downsampled, drawn the straightforward way — a recharts <LineChart> with
 * one <Line> per series over every stored point (animation and dots off, as anyone drawing
 * thousands of points would). chart.naive_ratio is this against the product's ChartPlot.
 */
export function NaiveLinePlot({ lines, win }: { lines: readonly ChartSeries[]; win: TimeWindow }) {
  const ref = useRef<HTMLDivElement>(null);
  const data = useMemo(() => lines.map((l) => l.points.map(([t, v]) => ({ t, v }))), [lines]);

  useEffect(() => {
    const el = ref.current;
    return markChartPaintedWhen(() => (el?.querySelectorAll('.recharts-line-curve').length ?? 0) >= lines.length);
  }, [lines]);

  return (
    <div className="chart-plot" ref={ref} style={{ height: HEIGHT }}>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart margin={{ top: 22, right: 4, bottom: 4, left: 4 }}>
          <XAxis dataKey="t" type="number" scale="time" domain={[win.fromMs, win.toMs]} allowDataOverflow stroke="#9fb0c2" />
          <YAxis yAxisId="gpu" type="number" domain={[0, 1]} stroke="#4cc9ff" />
          <YAxis yAxisId="queue" type="number" orientation="right" stroke="#ffb020" />
          {lines.map((l, i) => (
            <Line
              key={l.key}
              data={data[i]}
              dataKey="v"
              yAxisId={l.axis}
              stroke={l.color}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
