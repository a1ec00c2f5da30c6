import type { SeriesData, SeriesPoint } from '../../shared/domain/telemetry';
import { metricTitle } from '../../shared/domain/telemetry';
import type { ChartSpec } from './embeds';

/** One drawn line of an embedded chart. Shares (0..1) go on a percent axis, everything else on a count axis. */
export interface EmbedLine {
  key: string;
  label: string;
  axis: 'share' | 'count';
  points: SeriesPoint[];
}

/** Lines per chart: more than this is a tangle nobody reads in a document. */
export const MAX_LINES = 12;
const BUCKETS = 300;

export function axisOf(metric: string): EmbedLine['axis'] {
  return /[._]share$/.test(metric) ? 'share' : 'count';
}

function labelText(labels: Record<string, string>): string {
  const order = ['node', 'gpu', 'queue', 'state', 'service', 'pod', 'mountpoint'];
  const keys = [
    ...order.filter((k) => k in labels),
    ...Object.keys(labels)
      .filter((k) => !order.includes(k))
      .sort(),
  ];
  return keys.map((k) => (k === 'gpu' ? `GPU ${labels[k]}` : labels[k])).join(' ');
}

/** Sums series that were not sampled at the same instants: each contributes its mean per time bucket. */
export function sumSeries(series: readonly SeriesData[], fromMs: number, toMs: number): SeriesPoint[] {
  const width = Math.max(1, (toMs - fromMs) / BUCKETS);
  const sums = new Map<number, number>();
  for (const s of series) {
    const acc = new Map<number, { sum: number; n: number }>();
    for (const [t, v] of s.points) {
      if (v === null || t < fromMs || t > toMs) continue;
      const k = Math.min(BUCKETS - 1, Math.floor((t - fromMs) / width));
      const a = acc.get(k) ?? { sum: 0, n: 0 };
      a.sum += v;
      a.n += 1;
      acc.set(k, a);
    }
    for (const [k, a] of acc) sums.set(k, (sums.get(k) ?? 0) + a.sum / a.n);
  }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [Math.round(fromMs + (k + 0.5) * width), v]);
}

function peak(points: readonly SeriesPoint[]): number {
  let max = -Infinity;
  for (const [, v] of points) if (v !== null && v > max) max = v;
  return max;
}

/** Keeps the lines that reach highest when there are too many to read. */
function capLines(lines: EmbedLine[]): { lines: EmbedLine[]; dropped: number } {
  if (lines.length <= MAX_LINES) return { lines, dropped: 0 };
  const kept = [...lines].sort((a, b) => peak(b.points) - peak(a.points)).slice(0, MAX_LINES);
  return { lines: lines.filter((l) => kept.includes(l)), dropped: lines.length - MAX_LINES };
}

/** Lines for a chart block from the stored series read for each of its series specs (in order). */
export function specLines(spec: ChartSpec, results: readonly (readonly SeriesData[])[]): { lines: EmbedLine[]; dropped: number } {
  const lines = spec.series.flatMap((s, i): EmbedLine[] => {
    const got = results[i] ?? [];
    const filter = Object.entries(s.match)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const title = s.label ?? `${metricTitle(s.metric)}${filter ? ` (${filter})` : ''}`;
    if (got.length === 0) return [];
    if (s.sum) return [{ key: `${i}:sum`, label: `${title}, summed`, axis: axisOf(s.metric), points: sumSeries(got, spec.from, spec.to) }];
    return got.map((g) => ({
      key: `${i}:${g.id}`,
      label: `${title} ${labelText(g.labels)}`.trim(),
      axis: axisOf(s.metric),
      points: g.points,
    }));
  });
  return capLines(lines);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pointsOf(v: unknown): SeriesPoint[] | null {
  if (!Array.isArray(v)) return null;
  const out: SeriesPoint[] = [];
  for (const p of v) {
    if (!Array.isArray(p) || typeof p[0] !== 'number') return null;
    const value: unknown = p[1];
    out.push([p[0], typeof value === 'number' && Number.isFinite(value) ? value : null]);
  }
  return out;
}

/** A pinned chart's frozen copy (electron/core/telemetry/evidence-service.ts) as lines; null when the data does not read as one. */
export function pinnedLines(data: unknown): { lines: EmbedLine[]; dropped: number; fromMs: number; toMs: number } | null {
  if (!isObject(data) || !Array.isArray(data.series) || typeof data.fromMs !== 'number' || typeof data.toMs !== 'number') return null;
  const lines: EmbedLine[] = [];
  data.series.forEach((s, i) => {
    if (!isObject(s) || typeof s.metric !== 'string') return;
    const points = pointsOf(s.points);
    if (!points) return;
    const labels: Record<string, string> = {};
    if (isObject(s.labels)) for (const [k, v] of Object.entries(s.labels)) if (typeof v === 'string') labels[k] = v;
    lines.push({ key: `pin:${i}`, label: `${metricTitle(s.metric)} ${labelText(labels)}`.trim(), axis: axisOf(s.metric), points });
  });
  return { ...capLines(lines), fromMs: data.fromMs, toMs: data.toMs };
}
