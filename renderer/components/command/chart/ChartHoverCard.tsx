import { useMemo } from 'react';
import { useStore } from 'zustand';
import { nativeStep, valueAt, type ChartSeries } from '../../../../shared/chart/chart-data';
import { formatClock, formatUtc } from '../../../logic/format';
import type { ChartMarker } from '../../../../shared/chart/markers';
import type { HoverStore } from './hover-store';

const MAX_ROWS = 32;

export const formatShare = (v: number): string => `${(v * 100).toFixed(1)}%`;
export const formatDepth = (v: number): string => Math.round(v).toLocaleString('en-US');

interface Props {
  hover: HoverStore;
  lines: readonly ChartSeries[];
  markers: readonly ChartMarker[];
  /** Milliseconds per pixel at the current zoom: how near a marker must be to be listed. */
  msPerPx: number;
  width: number;
}

/**
 * Every line's value at the moment under the pointer (its last sample no older than a few of its
 * own steps — a line with no recent sample says so), plus the markers near that moment. Our own
 * card rather than recharts' Tooltip, whose shared mode matches per-line data by exact x only.
 */
export function ChartHoverCard({ hover, lines, markers, msPerPx, width }: Props) {
  const { t, x, near: nearLine } = useStore(hover);
  // Only while the pointer is over the plot: not on the chart's first paint, and not per move.
  const hovering = t !== null;
  const ages = useMemo(() => (hovering ? lines.map((l) => Math.max(nativeStep(l.points) * 2.5, 1000)) : []), [lines, hovering]);
  if (t === null) return null;
  const rows = lines.map((l, i) => ({ line: l, v: valueAt(l.points, t, ages[i] ?? 1000) }));
  const near = markers.filter((m) => Math.abs(m.t - t) <= msPerPx * 6);
  const left = x > width / 2;
  return (
    <div
      className={`chart-hover-card ${left ? 'on-left' : ''}`}
      style={left ? { right: width - x + 12 } : { left: x + 12 }}
      data-testid="chart-hover-card"
    >
      <div className="hover-time">{formatUtc(t)}</div>
      <table>
        <tbody>
          {rows.slice(0, MAX_ROWS).map(({ line, v }) => (
            <tr key={line.key} className={line.key === nearLine ? 'near' : undefined}>
              <td>
                <span className="swatch" style={{ background: line.color }} />
                {line.label}
              </td>
              <td className="num">{v === null ? '—' : line.axis === 'gpu' ? formatShare(v) : formatDepth(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && <div className="muted">and {rows.length - MAX_ROWS} more lines</div>}
      {near.map((m) => (
        <div key={`${m.kind}-${m.t}`} className={`hover-marker marker-${m.kind}`}>
          {formatClock(m.t)} {m.detail.slice(0, 4).join(' · ')}
          {m.detail.length > 4 ? ` · +${m.detail.length - 4}` : ''}
        </div>
      ))}
    </div>
  );
}
