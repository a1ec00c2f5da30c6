import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EmbedLine } from '../../logic/embed-chart';
import { formatUtc, formatUtcHm, formatUtcTime } from '../../logic/format';
import { Name } from '../text/UntrustedText';

// Okabe–Ito and neighbours: distinct on the white page, and for the common colour-vision deficiencies.
const COLORS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#b2182b',
  '#6a3d9a',
  '#1b7837',
  '#8c510a',
  '#01665e',
  '#762a83',
];

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const count = (v: number): string => (Math.abs(v) >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v * 10) / 10));

/** An embedded chart in the postmortem preview: stored points only, drawn as vectors, no animation. */
export function EmbedPlot({ lines, fromMs, toMs }: { lines: readonly EmbedLine[]; fromMs: number; toMs: number }) {
  const hasShare = lines.some((l) => l.axis === 'share');
  const hasCount = lines.some((l) => l.axis === 'count');
  // Minutes repeat on the axis of a short window: seconds then.
  const tick = toMs - fromMs < 10 * 60_000 ? formatUtcTime : formatUtcHm;
  return (
    <div className="embed-plot" data-testid="embed-plot" data-lines={lines.length}>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#d8dee6" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[fromMs, toMs]}
            tickFormatter={tick}
            allowDuplicatedCategory={false}
            stroke="#53606e"
            fontSize={11}
          />
          {hasShare && <YAxis yAxisId="share" domain={[0, 1]} tickFormatter={pct} stroke="#53606e" fontSize={11} width={40} />}
          {hasCount && (
            <YAxis
              yAxisId="count"
              orientation={hasShare ? 'right' : 'left'}
              tickFormatter={count}
              stroke="#53606e"
              fontSize={11}
              width={44}
            />
          )}
          <Tooltip
            labelFormatter={(t) => (typeof t === 'number' ? formatUtc(t) : '')}
            formatter={(v, name, item) => {
              const axis = (item as { payload?: { axis?: string } }).payload?.axis;
              return [typeof v === 'number' ? (axis === 'share' ? pct(v) : count(v)) : '—', name];
            }}
          />
          {lines.map((l, i) => (
            <Line
              key={l.key}
              yAxisId={l.axis}
              data={l.points.map(([t, v]) => ({ t, v, axis: l.axis }))}
              dataKey="v"
              name={l.label}
              stroke={COLORS[i % COLORS.length]}
              dot={false}
              strokeWidth={1.5}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {/* Beside, not inside, the plot: a dozen names must not squeeze the lines away. */}
      <ul className="embed-legend">
        {lines.map((l, i) => (
          <li key={l.key}>
            <span className="embed-swatch" style={{ background: COLORS[i % COLORS.length] }} />
            <Name text={l.label} />
            {l.axis === 'count' && hasShare ? ' (right axis)' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
