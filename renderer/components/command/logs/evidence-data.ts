/**
 * Reads pinned evidence out of a timeline event's `data`. That is plain JSON written by whichever
 * version of main pinned it, so every field is checked and anything odd is left out, not thrown.
 */

import type { TimelineEvent } from '../../../../shared/domain/incident';
import { windowExtremes, type MetricExtremes, type SeriesLike } from '../../../../shared/domain/metric-values';
import type { SeriesPoint } from '../../../../shared/domain/telemetry';

export interface PinnedLog {
  line: string;
  labels: Record<string, string>;
  tNs: string | null;
  tMs: number | null;
  query: string | null;
  comment: string | null;
}

export interface PinnedMetric {
  metrics: string[];
  fromMs: number | null;
  toMs: number | null;
  seriesCount: number;
  pointCount: number;
  /** Each metric's own lowest and highest value with the time it was first reached: never mixed across metrics. */
  extremes: MetricExtremes[];
  comment: string | null;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => {
  const s = str(v);
  return s !== null && s.trim() !== '' ? s : null;
};

function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** Loki's ns string to ms without a float: "1767225600123456789" → 1767225600123. */
export function nsToMs(ns: string): number | null {
  if (!/^\d{7,20}$/.test(ns)) return null;
  return Number(ns.slice(0, -6));
}

/** Accepts `{ line: { tNs, labels, line } }` (the pin input, copied) or the same fields flat. */
export function pinnedLogOf(data: unknown): PinnedLog | null {
  if (!isObject(data)) return null;
  const inner = isObject(data.line) ? data.line : data;
  const line = str(inner.line);
  if (line === null) return null;
  const tNs = str(inner.tNs) ?? str(data.tNs);
  const tMs = num(inner.tMs) ?? num(data.tMs) ?? (tNs !== null ? nsToMs(tNs) : null);
  return {
    line,
    labels: labelsOf(inner.labels ?? data.labels),
    tNs,
    tMs,
    query: text(data.query),
    comment: text(data.comment),
  };
}

/** The lines the timeline's pin-log events hold, as `lineKey` (state/logs.ts) reads them: the pinned set survives reloads. */
export function pinnedLines(events: readonly TimelineEvent[]): { tNs: string; labels: Record<string, string> }[] {
  const out: { tNs: string; labels: Record<string, string> }[] = [];
  for (const e of events) {
    const pinned = e.kind === 'pin-log' ? pinnedLogOf(e.data) : null;
    if (pinned?.tNs) out.push({ tNs: pinned.tNs, labels: pinned.labels });
  }
  return out;
}

/** Summarises the copied `SeriesData[]` (under `series`): how many series and points, and each metric's extremes. */
export function pinnedMetricOf(data: unknown): PinnedMetric | null {
  if (!isObject(data)) return null;
  const raw = Array.isArray(data.series) ? data.series.filter(isObject) : [];
  const metrics = new Set<string>();
  if (Array.isArray(data.metrics)) for (const m of data.metrics) if (typeof m === 'string') metrics.add(m);
  const series: SeriesLike[] = [];
  for (const s of raw) {
    const metric = str(s.metric) ?? '';
    if (metric) metrics.add(metric);
    const points: SeriesPoint[] = [];
    if (Array.isArray(s.points)) {
      for (const p of s.points) {
        const t = Array.isArray(p) ? num(p[0]) : null;
        if (t !== null) points.push([t, num((p as unknown[])[1])]);
      }
    }
    series.push({ metric, labels: labelsOf(s.labels), points });
  }
  if (metrics.size === 0 && raw.length === 0) return null;
  const extremes = windowExtremes(series);
  return {
    metrics: [...metrics],
    fromMs: num(data.fromMs),
    toMs: num(data.toMs),
    seriesCount: raw.length,
    pointCount: extremes.reduce((n, m) => n + m.points, 0),
    extremes,
    comment: text(data.comment),
  };
}
