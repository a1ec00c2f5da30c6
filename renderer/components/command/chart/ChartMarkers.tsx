import { usePlotArea, useXAxisScale } from 'recharts';
import { formatClock } from '../../../logic/format';
import { layoutMarkerLabels } from '../../../logic/marker-layout';
import type { ChartMarker, MarkerKind } from '../../../../shared/chart/markers';

const GLYPH: Record<MarkerKind, string> = { oom: '✕', restart: '↻', alert: '!', incident: '◆', key: '▾' };
/**
 * Which labels keep their place when lanes run out: the incident's key times first (the response is
 * measured by them), then what the response did, OOM kills, alerts, restarts.
 */
const PRIORITY: Record<MarkerKind, number> = { key: 0, incident: 1, oom: 2, alert: 3, restart: 4 };
const LANE_PX = 12;

/**
 * Vertical lines on the chart's time axis for restarts / OOM kills, alerts, the incident's key
 * times (impact start, detected, acknowledged, mitigated, resolved) and its own events. Labels sit in up to three lanes under the top edge, never over one another and never
 * cut by the plot's edge (logic/marker-layout.ts); a marker without room for its label keeps its
 * glyph and full detail in a hover title, and the hover card lists the ones near the pointer.
 */
export function ChartMarkers({ markers }: { markers: readonly ChartMarker[] }) {
  const plot = usePlotArea();
  const scale = useXAxisScale();
  if (!plot || !scale) return null;
  const shown: { m: ChartMarker; x: number }[] = [];
  for (const m of markers) {
    const x = scale(m.t);
    if (x === undefined || x < plot.x || x > plot.x + plot.width) continue;
    shown.push({ m, x });
  }
  const labels = layoutMarkerLabels(
    shown.map(({ m, x }) => ({ x, label: m.label, priority: PRIORITY[m.kind] ?? 5 })),
    plot.x,
    plot.x + plot.width,
  );
  return (
    <g className="chart-markers">
      {shown.map(({ m, x }, i) => {
        const label = labels[i];
        return (
          <g
            key={`${m.kind}-${m.t}-${m.label}`}
            className={`chart-marker marker-${m.kind}`}
            data-testid="chart-marker"
            data-kind={m.kind}
            data-event={m.event}
            data-times={m.times?.join(' ')}
            data-t={m.t}
          >
            <title>{`${formatClock(m.t)} — ${m.detail.join('\n')}`}</title>
            <line x1={x} x2={x} y1={plot.y} y2={plot.y + plot.height} />
            <text x={x} y={plot.y - 6} textAnchor="middle" className="marker-glyph">
              {GLYPH[m.kind]}
            </text>
            {label?.text && (
              <text x={label.textX} textAnchor={label.anchor} y={plot.y + 11 + label.lane * LANE_PX} className="marker-label">
                {label.text}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
