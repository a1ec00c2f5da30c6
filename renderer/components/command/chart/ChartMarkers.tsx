import { usePlotArea, useXAxisScale } from 'recharts';
import type { ChartMarker, MarkerKind } from '../../../../shared/chart/markers';
import { formatUtcTime } from '../../../logic/format';

/** Free pixels a marker's label needs after the previous one before it is written out. */
const LABEL_GAP_PX = 84;

const GLYPH: Record<MarkerKind, string> = { oom: '✕', restart: '↻', alert: '!', incident: '◆', key: '▾' };

/**
 * Vertical lines on the chart's time axis for restarts / OOM kills, alerts, the incident's key
 * times (impact start, detected, acknowledged, mitigated, resolved) and its own events. Labels are written only where there is room; every marker keeps its full detail
 * in a hover title, and the hover card lists the ones near the pointer.
 */
export function ChartMarkers({ markers }: { markers: readonly ChartMarker[] }) {
  const plot = usePlotArea();
  const scale = useXAxisScale();
  if (!plot || !scale) return null;
  const rightmost = plot.x + plot.width - LABEL_GAP_PX;
  // Positions first, then which get a written label. The incident's key times are labelled first (the
  // response is measured by them), then the others wherever their label does not cover one already written.
  const placed: { m: ChartMarker; x: number; showLabel: boolean }[] = [];
  for (const m of markers) {
    const x = scale(m.t);
    if (x === undefined || x < plot.x || x > plot.x + plot.width) continue;
    placed.push({ m, x, showLabel: false });
  }
  const taken: [number, number][] = [];
  const span = (x: number): [number, number] => (x > rightmost ? [x - LABEL_GAP_PX, x] : [x, x + LABEL_GAP_PX]);
  const free = ([a, b]: [number, number]): boolean => taken.every(([c, d]) => b <= c || a >= d);
  for (const keyFirst of [true, false]) {
    for (const p of placed) {
      if ((p.m.kind === 'key') !== keyFirst || !free(span(p.x))) continue;
      p.showLabel = true;
      taken.push(span(p.x));
    }
  }
  return (
    <g className="chart-markers">
      {placed.map(({ m, x, showLabel }) => (
        <g
          key={`${m.kind}-${m.t}-${m.label}`}
          className={`chart-marker marker-${m.kind}`}
          data-testid="chart-marker"
          data-kind={m.kind}
          data-event={m.event}
          data-times={m.times?.join(' ')}
          data-t={m.t}
        >
          <title>{`${formatUtcTime(m.t)} — ${m.detail.join('\n')}`}</title>
          <line x1={x} x2={x} y1={plot.y} y2={plot.y + plot.height} />
          <text x={x} y={plot.y - 6} textAnchor="middle" className="marker-glyph">
            {GLYPH[m.kind]}
          </text>
          {showLabel && (
            // Near the right edge the label goes to the left of its line, so it is not cut off.
            <text x={x > rightmost ? x - 4 : x + 4} textAnchor={x > rightmost ? 'end' : 'start'} y={plot.y + 11} className="marker-label">
              {m.label.length > 22 ? `${m.label.slice(0, 21)}…` : m.label}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}
