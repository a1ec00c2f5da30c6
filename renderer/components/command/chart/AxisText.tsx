import { usePlotArea } from 'recharts';

/*
 * Axis text as plain SVG <text>. recharts' own <Text>, which draws tick labels and axis labels,
 * measures every word in the DOM (to wrap lines) whenever it is given a width, and an axis always
 * gives its ticks one: about 10 ms of a fresh page's first chart paint, for text that never wraps.
 */

interface TickProps {
  x?: number;
  y?: number;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  verticalAnchor?: 'start' | 'middle' | 'end';
  fill?: string;
  index?: number;
  payload?: { value?: unknown };
  tickFormatter?: (value: unknown, index: number) => string;
}

/** Where recharts' <Text> puts a single line for each vertical anchor. */
const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/** A tick label: pass as an axis' `tick`; recharts gives it the position, anchor, colour and formatter. */
export function PlainTick(raw: unknown) {
  const p = raw as TickProps;
  const value = p.payload?.value;
  const text = p.tickFormatter ? p.tickFormatter(value, p.index ?? 0) : String(value);
  return (
    <text
      className="recharts-cartesian-axis-tick-value"
      x={p.x}
      y={p.y}
      dy={DY[p.verticalAnchor ?? 'middle']}
      textAnchor={p.textAnchor}
      fill={p.fill}
      fontSize={11}
    >
      {text}
    </text>
  );
}

export interface AxisTitle {
  text: string;
  color: string;
  /** The axis' width in px (its YAxis `width`); the title sits near its outer edge. */
  width: number;
}

/** Rotated titles beside the plot, for the left and (when shown) right value axes. */
export function AxisTitles({ left, right }: { left: AxisTitle; right: AxisTitle | null }) {
  const plot = usePlotArea();
  if (!plot) return null;
  const midY = plot.y + plot.height / 2;
  const leftX = plot.x - left.width + 9;
  return (
    <g className="axis-titles" fontSize={11} textAnchor="middle">
      <text transform={`translate(${leftX},${midY}) rotate(-90)`} fill={left.color}>
        {left.text}
      </text>
      {right && (
        <text transform={`translate(${plot.x + plot.width + right.width - 9},${midY}) rotate(90)`} fill={right.color}>
          {right.text}
        </text>
      )}
    </g>
  );
}
