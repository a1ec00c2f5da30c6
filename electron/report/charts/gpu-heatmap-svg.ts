import { bucketMeans, dedupeByLabels, makeGrid } from '../../../shared/chart/chart-data';
import { tenths, timeTicks } from '../../../shared/chart/chart-geometry';
import type { ChartMarker } from '../../../shared/chart/markers';
import type { SeriesData } from '../../../shared/domain/telemetry';
import { html, join, type SafeHtml } from '../html';
import { tickLabel } from '../report-format';
import { chartSvg, MARKER_COLORS } from './correlation-svg';

const W = 680;
const M = { left: 110, right: 12, top: 8, bottom: 40 };
const ROW_H = 13;
const COLUMNS = 140;
/** More GPUs than this are summarised in words: a report page is not a fleet dashboard. */
export const MAX_GPU_ROWS = 48;

/** Memory share bands and their print colours, from idle to the OOM zone. */
export const SHARE_BANDS: readonly { upTo: number; color: string; label: string }[] = [
  { upTo: 0.25, color: '#e8f1f8', label: '< 25 %' },
  { upTo: 0.5, color: '#b9d6ec', label: '25–50 %' },
  { upTo: 0.75, color: '#6fa8d6', label: '50–75 %' },
  { upTo: 0.9, color: '#f2b84b', label: '75–90 %' },
  { upTo: 0.97, color: '#e8762d', label: '90–97 %' },
  { upTo: Infinity, color: '#c81e1e', label: '≥ 97 %' },
];
const NO_DATA = '#ffffff';

function bandColor(v: number | null): string {
  if (v === null) return NO_DATA;
  return (SHARE_BANDS.find((b) => v < b.upTo) ?? SHARE_BANDS[SHARE_BANDS.length - 1])?.color ?? NO_DATA;
}

const natural = new Intl.Collator('en', { numeric: true }).compare;

function gpuName(l: Record<string, string>): string {
  return `${l.node ?? '?'} · GPU ${l.gpu ?? '?'}`;
}

/**
 * The per-GPU view: one row per GPU, time across, each cell the mean memory share in its slice of
 * the window, banded in colour (a legend under it). OOM kills are drawn across all rows. Runs of
 * equal colour are one rectangle, so the SVG stays small for long windows.
 */
export function gpuHeatmapSvg(
  perGpu: readonly SeriesData[],
  markers: readonly ChartMarker[],
  win: { fromMs: number; toMs: number },
): SafeHtml {
  const gpus = dedupeByLabels(perGpu)
    .sort((a, b) => natural(gpuName(a.labels), gpuName(b.labels)))
    .slice(0, MAX_GPU_ROWS);
  const span = win.toMs - win.fromMs;
  const step = Math.max(1_000, Math.ceil(span / COLUMNS));
  const grid = makeGrid(win.fromMs, win.toMs - 1, step);
  const pw = W - M.left - M.right;
  const cellW = pw / Math.max(1, grid.length);
  const H = M.top + gpus.length * ROW_H + M.bottom;
  const x = (t: number): number => M.left + ((t - win.fromMs) / span) * pw;

  const rows = gpus.map((s, r) => {
    const y = M.top + r * ROW_H;
    const colors = bucketMeans(s.points, grid, step).map(bandColor);
    const rects: SafeHtml[] = [];
    let start = 0;
    for (let i = 1; i <= colors.length; i++) {
      if (i < colors.length && colors[i] === colors[start]) continue;
      rects.push(
        html`<rect
          x="${tenths(M.left + start * cellW)}"
          y="${y}"
          width="${tenths((i - start) * cellW + 0.3)}"
          height="${ROW_H - 1}"
          fill="${colors[start] ?? NO_DATA}"
        />`,
      );
      start = i;
    }
    return html`<text x="${M.left - 6}" y="${y + ROW_H - 3}" class="tick" text-anchor="end">${gpuName(s.labels)}</text>${join(rects)}`;
  });
  const bottom = M.top + gpus.length * ROW_H;
  const ooms = markers
    .filter((m) => m.kind === 'oom')
    .map(
      (m) =>
        html`<line
          x1="${tenths(x(m.t))}"
          x2="${tenths(x(m.t))}"
          y1="${M.top}"
          y2="${bottom}"
          stroke="${MARKER_COLORS.oom}"
          stroke-width="1.2"
          stroke-dasharray="2 2"
        />`,
    );
  const ticks = timeTicks(win.fromMs, win.toMs, 8).map(
    (t) => html`<text x="${tenths(x(t))}" y="${bottom + 13}" class="tick" text-anchor="middle">${tickLabel(t, span)}</text>`,
  );
  const legendX = (i: number): number => M.left + i * 86;
  const legend = SHARE_BANDS.map(
    (b, i) =>
      html`<rect x="${legendX(i)}" y="${bottom + 22}" width="10" height="10" fill="${b.color}" class="swatch" /><text
          x="${legendX(i) + 14}"
          y="${bottom + 31}"
          class="tick"
          >${b.label}</text
        >`,
  );
  return chartSvg(
    W,
    H,
    'GPU memory per GPU over the incident window',
    html` <rect x="${M.left}" y="${M.top}" width="${pw}" height="${gpus.length * ROW_H}" class="plot" />
      ${join(rows)}${join(ooms)}${join(ticks)}${join(legend)}`,
  );
}
