import { drawnStats } from '../../../shared/chart/chart-data';
import { linePath, queueAxisTop, queueTicks, tenths, timeTicks } from '../../../shared/chart/chart-geometry';
import type { ChartMarker, MarkerKind } from '../../../shared/chart/markers';
import { html, join, raw, type SafeHtml } from '../html';
import { tickLabel } from '../report-format';
import type { CorrelationModel } from './chart-model';

/** Drawing size in CSS px; the SVG scales to the page width (A4 text width is ~690 px). */
const W = 680;
const H = 270;
const M = { left: 46, right: 48, top: 46, bottom: 26 };
/** Marker badges stack in up to three rows above the plot so neighbours do not cover each other. */
const BADGE_R = 7;
const BADGE_ROWS = [M.top - 10, M.top - 25, M.top - 40];

export const MARKER_COLORS: Readonly<Record<MarkerKind, string>> = {
  oom: '#c81e1e',
  restart: '#d97706',
  alert: '#7c3aed',
  incident: '#374151',
  key: '#0f766e',
};

const GPU_TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * GPU memory (left axis, 0–100 %) against queue depth (right axis) as one vector SVG. Markers are
 * numbered at the top and explained in a table under the chart, so labels never overlap however
 * close together things happened.
 */
export function correlationSvg(model: CorrelationModel, label: string): SafeHtml {
  const { lines, markers, win } = model;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const span = win.toMs - win.fromMs;
  const x = (t: number): number => M.left + ((t - win.fromMs) / span) * pw;
  const yGpu = (v: number): number => M.top + ph * (1 - Math.max(0, Math.min(1, v)));
  const { queueMax } = drawnStats(lines);
  const qMax = queueAxisTop(queueMax);
  const yQueue = (v: number): number => M.top + ph * (1 - v / qMax);
  const hasQueue = queueMax !== null;

  const grid = GPU_TICKS.map(
    (v) =>
      html`<line x1="${M.left}" x2="${W - M.right}" y1="${tenths(yGpu(v))}" y2="${tenths(yGpu(v))}" class="grid" /><text
          x="${M.left - 6}"
          y="${tenths(yGpu(v) + 3)}"
          class="tick"
          text-anchor="end"
          >${v * 100}%</text
        >`,
  );
  const qTicks = hasQueue
    ? queueTicks(qMax).map(
        (v) => html`<text x="${W - M.right + 6}" y="${tenths(yQueue(v) + 3)}" class="tick">${v.toLocaleString('en-US')}</text>`,
      )
    : [];
  const tTicks = timeTicks(win.fromMs, win.toMs, 8).map(
    (t) =>
      html`<line x1="${tenths(x(t))}" x2="${tenths(x(t))}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" class="axis" /><text
          x="${tenths(x(t))}"
          y="${H - M.bottom + 15}"
          class="tick"
          text-anchor="middle"
          >${tickLabel(t, span)}</text
        >`,
  );
  const paths = lines.map((l) => {
    const d = linePath(l.points, x, l.axis === 'gpu' ? yGpu : yQueue);
    return html`<path
      d="${d}"
      fill="none"
      stroke="${l.color}"
      stroke-width="${l.axis === 'gpu' ? 1.6 : 1.2}"
      ${raw(l.dashed ? ' stroke-dasharray="4 3"' : '')}
    />`;
  });
  const rows = badgeRows(markers.map((m) => x(m.t)));
  const marks = markers.map((m, i) => markerMark(m, i + 1, x(m.t), rows[i] ?? 0));
  return chartSvg(
    W,
    H,
    label,
    html` <rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" class="plot" />
      ${join(grid)}${join(qTicks)}${join(tTicks)}
      <text x="12" y="${M.top + ph / 2}" class="axis-title" transform="rotate(-90 12 ${M.top + ph / 2})" text-anchor="middle">
        GPU memory
      </text>
      ${hasQueue ? html`<text x="${W - 8}" y="${M.top + ph / 2}" class="axis-title" transform="rotate(90 ${W - 8} ${M.top + ph / 2})" text-anchor="middle">queue depth (tasks)</text>` : ''}
      ${join(marks)}${join(paths)}
      <line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" class="axis" />`,
  );
}

/** The root of a report chart: drawn at the size it is printed, and named for screen readers. */
export function chartSvg(w: number, h: number, label: string, body: SafeHtml): SafeHtml {
  return html`<svg
    class="chart"
    viewBox="0 0 ${w} ${h}"
    width="${w}"
    height="${h}"
    role="img"
    aria-label="${label}"
    xmlns="http://www.w3.org/2000/svg"
  >
    ${body}
  </svg>`;
}

/** For each badge (by x, in marker order), the first row where it clears the previous badge; else the emptiest. */
export function badgeRows(xs: readonly number[]): number[] {
  const lastX = BADGE_ROWS.map(() => -Infinity);
  return xs.map((px) => {
    let row = lastX.findIndex((l) => px - l >= 2 * BADGE_R + 1);
    if (row < 0) row = lastX.indexOf(Math.min(...lastX));
    lastX[row] = px;
    return row;
  });
}

function markerMark(m: ChartMarker, n: number, px: number, row: number): SafeHtml {
  const color = MARKER_COLORS[m.kind];
  const dash = m.kind === 'incident' ? raw(' stroke-dasharray="3 3"') : raw('');
  const cy = BADGE_ROWS[row] ?? M.top - 10;
  return html`<g class="marker"
    ><line x1="${tenths(px)}" x2="${tenths(px)}" y1="${cy}" y2="${H - M.bottom}" stroke="${color}" stroke-width="0.8" ${dash} /><circle
      cx="${tenths(px)}"
      cy="${cy}"
      r="${BADGE_R}"
      fill="${color}"
    /><text x="${tenths(px)}" y="${cy + 3}" class="marker-n" text-anchor="middle">${n}</text></g
  >`;
}
