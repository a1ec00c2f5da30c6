import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { CartesianGrid, ComposedChart, XAxis, YAxis } from 'recharts';
import type { ChartSeries, TimeWindow } from '../../../../shared/chart/chart-data';
import { queueAxisTop, queueTicks, timeTicks } from '../../../../shared/chart/chart-geometry';
import { formatTick } from '../../../logic/format';
import type { ChartMarker } from '../../../../shared/chart/markers';
import { AxisTitles, PlainTick, type AxisTitle } from './AxisText';
import { ChartHoverCard, formatDepth } from './ChartHoverCard';
import { ChartInteraction } from './ChartInteraction';
import { ChartMarkers } from './ChartMarkers';
import type { HoverStore } from './hover-store';
import { markChartPaintedWhen } from './paint-mark';
import { SeriesHighlight } from './SeriesHighlight';
import { SeriesPaths } from './SeriesPaths';

/** Below this the plot would be unreadable: the panel grows (and the page scrolls) instead. */
const MIN_HEIGHT = 160;
const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];
const MARGIN = { top: 22, right: 4, bottom: 4, left: 4 };
const GPU_TITLE: AxisTitle = { text: 'GPU memory', color: '#4cc9ff', width: 44 };
const QUEUE_TITLE: AxisTitle = { text: 'queue depth', color: '#ffb020', width: 52 };
const formatShare = (v: number): string => `${Math.round(v * 100)}%`;

interface Props {
  lines: readonly ChartSeries[];
  markers: readonly ChartMarker[];
  win: TimeWindow;
  hover: HoverStore;
  onZoom: (a: number, b: number) => void;
  drawn: number;
  /** The highest drawn queue value (drawnStats), which the queue axis is rounded up from. */
  queueMax: number | null;
}

/** Axis ticks in the display zone (logic/format.ts): seconds once ticks are closer than a minute, the date once the window spans days. */
function tickFormatter(win: TimeWindow, ticks: readonly number[]): (v: number) => string {
  const date = win.toMs - win.fromMs > 24 * 3_600_000;
  const seconds = ticks.length > 1 && (ticks[1] ?? 0) - (ticks[0] ?? 0) < 60_000;
  return (v) => formatTick(v, { seconds, date });
}

function useSize(): [RefObject<HTMLDivElement | null>, number, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  // Measured before the first paint (a layout effect), so the chart draws in the same task as it
  // mounts instead of a frame later when the ResizeObserver first reports; the observer follows
  // resizes. The height is the space the one-screen layout leaves the plot.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = (w: number, h: number): void => {
      const next = { width: Math.floor(w), height: Math.max(MIN_HEIGHT, Math.floor(h)) };
      setSize((s) => (s.width === next.width && s.height === next.height ? s : next));
    };
    const box = el.getBoundingClientRect();
    read(box.width, box.height);
    const ro = new ResizeObserver((entries) => read(entries[0]?.contentRect.width ?? 0, entries[0]?.contentRect.height ?? 0));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, size.width, size.height];
}

/**
 * The recharts chart: GPU memory share on the left axis, queue depth on the right, one time axis,
 * series, markers, brush and cursor. Memoised: hovering and the clock never redraw thousands of
 * points. Ticks are given with interval 0, so recharts never measures label text to thin them out.
 */
export const ChartPlot = memo(function ChartPlot({ lines, markers, win, hover, onZoom, drawn, queueMax: drawnQueueMax }: Props) {
  const [ref, width, height] = useSize();
  const hasQueue = lines.some((l) => l.axis === 'queue');
  const queueMax = queueAxisTop(drawnQueueMax);
  const ticks = useMemo(() => timeTicks(win.fromMs, win.toMs, Math.max(2, Math.floor(width / 90))), [win, width]);
  // Two rows spanning the window and both value ranges: they give recharts its axes and scales,
  // while the series themselves are drawn by SeriesPaths.
  const frame = useMemo(
    () => [
      { t: win.fromMs, g: 0, q: 0 },
      { t: win.toMs, g: 1, q: queueMax },
    ],
    [win, queueMax],
  );

  useEffect(() => {
    if (width === 0 || drawn === 0) return;
    const el = ref.current;
    return markChartPaintedWhen(() => (el?.querySelectorAll('.series-path').length ?? 0) >= lines.length);
  }, [width, drawn, lines, ref]);

  return (
    <div className="chart-plot" ref={ref}>
      {width > 0 && (
        <ComposedChart width={width} height={height} margin={MARGIN} data={frame} accessibilityLayer={false}>
          <CartesianGrid stroke="#1c2532" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[win.fromMs, win.toMs]}
            allowDataOverflow
            ticks={ticks}
            interval={0}
            tickFormatter={tickFormatter(win, ticks)}
            stroke="#9fb0c2"
            tick={PlainTick}
          />
          <YAxis
            yAxisId="gpu"
            dataKey="g"
            type="number"
            domain={[0, 1]}
            allowDataOverflow
            ticks={SHARE_TICKS}
            interval={0}
            tickFormatter={formatShare}
            stroke={GPU_TITLE.color}
            tick={PlainTick}
            width={GPU_TITLE.width}
          />
          <YAxis
            yAxisId="queue"
            dataKey="q"
            type="number"
            orientation="right"
            domain={[0, queueMax]}
            allowDataOverflow
            ticks={queueTicks(queueMax)}
            interval={0}
            tickFormatter={formatDepth}
            stroke={QUEUE_TITLE.color}
            tick={PlainTick}
            width={QUEUE_TITLE.width}
            hide={!hasQueue}
          />
          <AxisTitles left={GPU_TITLE} right={hasQueue ? QUEUE_TITLE : null} />
          <ChartInteraction hover={hover} onZoom={onZoom} lines={lines} />
          <SeriesPaths lines={lines} />
          <SeriesHighlight lines={lines} hover={hover} />
          <ChartMarkers markers={markers} />
        </ComposedChart>
      )}
      {width > 0 && (
        <ChartHoverCard
          hover={hover}
          lines={lines}
          markers={markers}
          msPerPx={(win.toMs - win.fromMs) / Math.max(1, width)}
          width={width}
        />
      )}
    </div>
  );
});
