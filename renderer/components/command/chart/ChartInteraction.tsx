import { useState, type PointerEvent } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale } from 'recharts';
import { useStore } from 'zustand';
import type { HoverStore } from './hover-store';

interface Props {
  hover: HoverStore;
  onZoom: (a: number, b: number) => void;
}

/**
 * Rendered inside the chart: hovering sets the time under the pointer (cursor line + hover card),
 * dragging across the plot selects a window to zoom to (a brush). Pixels become times through the
 * chart's own x scale, so what is selected is exactly what was under the pointer.
 */
export function ChartInteraction({ hover, onZoom }: Props) {
  const plot = usePlotArea();
  const invert = useXAxisInverseScale();
  const scale = useXAxisScale();
  const hoverT = useStore(hover, (s) => s.t);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  if (!plot || !invert || !scale) return null;

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
    hover.setState({ t: timeAt(x), x });
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
          if (!drag) hover.setState({ t: null });
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
