import { useMemo, useState, type PointerEvent } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale, useYAxisScale } from 'recharts';
import { useStore } from 'zustand';
import { nativeStep, type ChartSeries } from '../../../../shared/chart/chart-data';
import { nearestLine } from '../../../../shared/chart/chart-geometry';
import type { HoverStore } from './hover-store';

interface Props {
  hover: HoverStore;
  onZoom: (a: number, b: number) => void;
  lines: readonly ChartSeries[];
}

/** How close (px) the pointer must be to a line's value for that line to be the one highlighted. */
const NEAR_PX = 14;

/**
 * Rendered inside the chart: hovering sets the time under the pointer (cursor line + hover card),
 * dragging across the plot selects a window to zoom to (a brush). Pixels become times through the
 * chart's own x scale, so what is selected is exactly what was under the pointer.
 */
export function ChartInteraction({ hover, onZoom, lines }: Props) {
  const plot = usePlotArea();
  const invert = useXAxisInverseScale();
  const scale = useXAxisScale();
  const yGpu = useYAxisScale('gpu');
  const yQueue = useYAxisScale('queue');
  const hoverT = useStore(hover, (s) => s.t);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  // How old a line's last sample may be and still count at the pointer (as the hover card reads it).
  const holds = useMemo(() => lines.map((l) => Math.max(nativeStep(l.points) * 2.5, 1000)), [lines]);
  if (!plot || !invert || !scale) return null;

  const nearest = (t: number | null, y: number): string | null =>
    t === null ? null : nearestLine(lines, t, y, holds, (axis, v) => (axis === 'gpu' ? yGpu : yQueue)?.(v), NEAR_PX);

  const chartX = (e: PointerEvent<SVGRectElement>): number => {
    const svg = e.currentTarget.ownerSVGElement;
    const left = svg ? svg.getBoundingClientRect().left : 0;
    return Math.min(plot.x + plot.width, Math.max(plot.x, e.clientX - left));
  };
  const timeAt = (x: number): number | null => {
    // A time scale inverts to a Date.
    const v = invert(x);
    const t = v instanceof Date ? v.getTime() : v;
    return typeof t === 'number' && Number.isFinite(t) ? t : null;
  };

  const onMove = (e: PointerEvent<SVGRectElement>): void => {
    const x = chartX(e);
    const t = timeAt(x);
    const svg = e.currentTarget.ownerSVGElement;
    const y = e.clientY - (svg ? svg.getBoundingClientRect().top : 0);
    hover.setState({ t, x, near: drag ? null : nearest(t, y) });
    if (drag) setDrag({ x0: drag.x0, x1: x });
  };
  const onDown = (e: PointerEvent<SVGRectElement>): void => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const x = chartX(e);
    setDrag({ x0: x, x1: x });
  };
  const onUp = (e: PointerEvent<SVGRectElement>): void => {
    if (!drag) return;
    const a = timeAt(drag.x0);
    const b = timeAt(chartX(e));
    setDrag(null);
    if (a !== null && b !== null && Math.abs(chartX(e) - drag.x0) >= 4) onZoom(a, b);
  };

  const cursorX = hoverT !== null ? scale(hoverT) : undefined;
  return (
    <g className="chart-interaction">
      <rect
        data-testid="chart-brush-area"
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        onPointerMove={onMove}
        onPointerDown={onDown}
        onPointerUp={onUp}
        onPointerCancel={() => setDrag(null)}
        onPointerLeave={() => {
          if (!drag) hover.setState({ t: null, near: null });
        }}
      />
      {cursorX !== undefined && <line className="chart-cursor" x1={cursorX} x2={cursorX} y1={plot.y} y2={plot.y + plot.height} />}
      {drag && (
        <rect
          className="chart-selection"
          data-testid="chart-selection"
          x={Math.min(drag.x0, drag.x1)}
          y={plot.y}
          width={Math.abs(drag.x1 - drag.x0)}
          height={plot.height}
        />
      )}
    </g>
  );
}
