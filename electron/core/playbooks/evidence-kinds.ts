import { formatDuration } from '../../../shared/domain/response-metrics';
import { METRICS, type SeriesData, type TelemetrySnapshot } from '../../../shared/domain/telemetry';
import type { EvidenceQuery, EvidenceReading, EvidenceUnit } from '../../../shared/playbooks/evidence';
import { formatEvidenceValue } from '../../../shared/playbooks/evidence-format';
import { cumulative, nonNullPoints, thin, valued, type Valued } from './evidence-math';

/**
 * What each kind of evidence makes of the stored series it was given: the headline value, whose it
 * is, the runners-up, the trend and a sparkline. Pure: the reader (evidence-reader.ts) fetches the
 * series and judges the sources' health and the data's age.
 */
export interface Found {
  value: number;
  unit: EvidenceUnit;
  subject: string | null;
  /** The words after the value: "pending", "OOM kills in 15m", "mounts failing stat". */
  noun: string;
  trend: EvidenceReading['trend'];
  points: [number, number][];
  dataAt: number;
  sourceIds: number[];
  others: string[];
}

/** Found, or nothing to show: `none` says why in words when that is already known, `metrics` what was looked for. */
export type Outcome = Found | { none: string; metrics: string[] };

const SPARK_POINTS = 40;
/** Two points closer than this are one moment, not a trend ("+4 in 0s" says nothing). */
const MIN_TREND_MS = 5_000;

function trendOf(v: Valued): EvidenceReading['trend'] {
  return v.last[0] - v.first[0] < MIN_TREND_MS ? null : { from: v.first[1], to: v.last[1], fromAt: v.first[0], toAt: v.last[0] };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** The subject with the highest current value, its trend over the window, and the runners-up. */
export function gauge(
  series: SeriesData[],
  unit: EvidenceUnit,
  noun: string,
  subjectOf: (l: Record<string, string>) => string,
  metrics: string[],
): Outcome {
  const vals = valued(series).sort((a, b) => b.last[1] - a.last[1] || a.series.id - b.series.id);
  const top = vals[0];
  if (!top) return { none: '', metrics };
  return {
    value: top.last[1],
    unit,
    subject: subjectOf(top.series.labels),
    noun,
    trend: trendOf(top),
    points: thin(nonNullPoints(top.series.points), SPARK_POINTS),
    dataAt: Math.max(...vals.map((v) => v.last[0])),
    sourceIds: unique(vals.map((v) => v.series.sourceId)),
    others: vals.slice(1, 4).map((v) => `${subjectOf(v.series.labels)} ${formatEvidenceValue(v.last[1], unit)}`),
  };
}

export function counted(
  series: SeriesData[],
  byName: { name: string; count: number }[],
  events: [number, number][],
  unit: EvidenceUnit,
  noun: string,
  windowMin: number,
  now: number,
  metrics: string[],
): Outcome {
  const vals = valued(series);
  if (vals.length === 0) return { none: '', metrics };
  const ranked = byName.filter((b) => b.count > 0).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const total = ranked.reduce((n, b) => n + b.count, 0);
  const fromMs = now - windowMin * 60_000;
  // Counted over what is stored: when that is less than the window, say so rather than claim the whole window.
  const firstAt = Math.min(...vals.map((v) => v.first[0]));
  const covered = now - firstAt;
  const over = covered >= 0.9 * (now - fromMs) ? `in ${windowMin}m` : `in the ${formatDuration(covered)} stored`;
  return {
    value: total,
    unit,
    subject: null,
    noun: `${noun} ${over}`,
    trend: null,
    points: thin(
      cumulative(
        [...events].sort((a, b) => a[0] - b[0]),
        fromMs,
        now,
      ),
      SPARK_POINTS,
    ),
    dataAt: Math.max(...vals.map((v) => v.last[0])),
    sourceIds: unique(vals.map((v) => v.series.sourceId)),
    others: ranked.slice(0, 3).map((b) => `${b.name} ×${b.count}`),
  };
}

export function firingAlerts(snapshot: TelemetrySnapshot, q: EvidenceQuery): Outcome {
  const snap = snapshot.alerts;
  if (!snap) return { none: 'no Prometheus or Alertmanager source has reported alerts yet', metrics: ['alerts'] };
  const firing = snap.data.filter(
    (a) =>
      a.resolvedAt === null &&
      (q.alert === undefined || a.name === q.alert) &&
      (q.playbook === undefined || a.labels.playbook === q.playbook),
  );
  const names = unique(firing.map((a) => a.name));
  return {
    value: firing.length,
    unit: 'alerts',
    subject: null,
    noun: firing.length === 1 ? 'alert firing' : 'alerts firing',
    trend: null,
    points: [],
    dataAt: snap.at,
    sourceIds: [snap.sourceId],
    others: names.slice(0, 4),
  };
}

/** How many mounts fail stat right now (node_exporter's device error flag). */
export function deviceErrors(series: SeriesData[]): Outcome {
  const vals = valued(series);
  if (vals.length === 0) return { none: '', metrics: [METRICS.fsDeviceError] };
  const failing = vals.filter((v) => v.last[1] >= 1).map((v) => `${v.series.labels.node ?? '?'}:${v.series.labels.mountpoint ?? '?'}`);
  return {
    value: failing.length,
    unit: 'count',
    subject: failing[0] ?? null,
    noun: failing.length === 1 ? 'mount failing stat' : 'mounts failing stat',
    trend: null,
    points: [],
    dataAt: Math.max(...vals.map((v) => v.last[0])),
    sourceIds: unique(vals.map((v) => v.series.sourceId)),
    others: failing.slice(1, 4),
  };
}

/** Lines per minute (errors, auth failures) summed over services, or one service's (by its service or app label). */
export function errorLines(all: SeriesData[], service: string | undefined, metric: string, noun: string): Outcome {
  const series = service === undefined ? all : all.filter((s) => s.labels.service === service || s.labels.app === service);
  const vals = valued(series);
  if (vals.length === 0) return { none: '', metrics: [metric] };
  const name = (v: Valued): string => v.series.labels.service ?? v.series.labels.app ?? v.series.labels.job ?? 'all';
  const sorted = [...vals].sort((a, b) => b.last[1] - a.last[1]);
  const top = sorted[0];
  const total = vals.reduce((n, v) => n + v.last[1], 0);
  return {
    value: total,
    unit: 'lines-per-min',
    subject: vals.length === 1 && top ? name(top) : null,
    noun,
    trend: vals.length === 1 && top ? trendOf(top) : null,
    points: top ? thin(nonNullPoints(top.series.points), SPARK_POINTS) : [],
    dataAt: Math.max(...vals.map((v) => v.last[0])),
    sourceIds: unique(vals.map((v) => v.series.sourceId)),
    others: sorted
      .filter((v) => v.last[1] > 0)
      .slice(0, 3)
      .map((v) => `${name(v)} ${formatEvidenceValue(v.last[1], 'lines-per-min')}`),
  };
}
