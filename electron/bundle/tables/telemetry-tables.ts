import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AlertRecord, SeriesData, SeriesPoint } from '../../../shared/domain/telemetry';
import type { ArchiveRepo } from '../../store/reports/archive-repo';
import { downsamplePoints } from '../../store/telemetry/downsample-points';
import { epochMs } from '../bundle-schema';
import { defineTable, type AnyBundleTable } from '../bundle-tables';

export interface TelemetryTableDeps {
  db: Database.Database;
  archive: ArchiveRepo;
  copyWindow: (metrics: readonly string[], fromMs: number, toMs: number, match: Record<string, string>, maxPoints: number) => SeriesData[];
  listAlerts: (fromMs: number, toMs: number) => AlertRecord[];
  sources: () => readonly { id: number; name: string; kind: string }[];
  newId: () => string;
}

export const SERIES_TABLE = 'telemetry.series';
export const ALERTS_TABLE = 'telemetry.alerts';

const MAX_POINTS_PER_SERIES = 2_000_000;

/** `[epoch ms, value | null]` pairs in strictly increasing time: checked in one loop, not per point through zod (millions of them). */
const points = z.custom<SeriesPoint[]>(
  (v) => {
    if (!Array.isArray(v) || v.length > MAX_POINTS_PER_SERIES) return false;
    let prev = -Infinity;
    for (const p of v as unknown[]) {
      if (!Array.isArray(p) || p.length !== 2) return false;
      const [t, value] = p as unknown[];
      if (typeof t !== 'number' || !Number.isInteger(t) || t <= prev || t < 946_684_800_000 || t > 4_102_444_800_000) return false;
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) return false;
      prev = t;
    }
    return true;
  },
  { message: 'points must be [epoch ms, number or null] pairs in increasing time' },
);

const labels = z.record(z.string().max(200), z.string().max(1_000));

export const seriesRow = z.strictObject({
  source: z.strictObject({ name: z.string().min(1).max(120), kind: z.string().min(1).max(40) }).nullable(),
  metric: z.string().min(1).max(100),
  labels,
  points,
});
export type SeriesRow = z.infer<typeof seriesRow>;

export const alertRow = z.strictObject({
  source: z.string().max(120).nullable(),
  key: z.string().max(4_000),
  name: z.string().min(1).max(500),
  severity: z.string().max(100).nullable(),
  labels,
  summary: z.string().max(10_000).nullable(),
  startsAt: epochMs,
  lastSeenAt: epochMs,
  resolvedAt: epochMs.nullable(),
});
export type AlertRow = z.infer<typeof alertRow>;

const labelKey = (l: Record<string, string>): string =>
  Object.keys(l)
    .sort()
    .map((k) => `${k}=${l[k]}`)
    .join(',');

/** Bundle order: by metric, source, labels; so the same stored data always gives the same bytes. */
function bySeries(a: SeriesRow, b: SeriesRow): number {
  return (
    a.metric.localeCompare(b.metric) ||
    (a.source?.name ?? '').localeCompare(b.source?.name ?? '') ||
    labelKey(a.labels).localeCompare(labelKey(b.labels))
  );
}

/** Labels with sorted keys: stored label JSON may list them in any order. */
function sortedLabels(l: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(l).sort()) out[k] = l[k] ?? '';
  return out;
}

/**
 * The incident window's stored samples. A local incident reads this machine's telemetry store (at
 * full resolution for a bundle); an imported one reads what its bundle brought (archived_series).
 */
export function telemetrySeriesTable(deps: TelemetryTableDeps): AnyBundleTable {
  return defineTable<SeriesRow>({
    name: SERIES_TABLE,
    what: 'stored samples',
    maxRows: 20_000,
    row: seriesRow,
    read(scope, opts) {
      if (scope.imported) {
        const archived = deps.archive.readSeries(scope.incidentId, opts.metrics);
        return archived.map((s) => ({ ...s, points: opts.maxPoints ? downsamplePoints(s.points, opts.maxPoints) : s.points }));
      }
      const metrics = opts.metrics ?? deps.db.prepare<[], string>('SELECT DISTINCT metric FROM series ORDER BY metric').pluck().all();
      const byId = new Map(deps.sources().map((s) => [s.id, s]));
      const { fromMs, toMs } = scope.window;
      return deps
        .copyWindow(metrics, fromMs, toMs, {}, opts.maxPoints ?? Number.MAX_SAFE_INTEGER)
        .filter((s) => s.points.length > 0)
        .map((s): SeriesRow => {
          const src = byId.get(s.sourceId);
          return {
            source: src ? { name: src.name, kind: src.kind } : null,
            metric: s.metric,
            labels: sortedLabels(s.labels),
            points: s.points,
          };
        })
        .sort(bySeries);
    },
    write(incidentId, rows) {
      deps.archive.writeSeries(incidentId, rows, deps.newId);
    },
    weight: (rows) => rows.reduce((n, r) => n + r.points.length, 0),
  });
}

/** Alerts firing at some point in the window, with their source named instead of numbered. */
export function telemetryAlertsTable(deps: TelemetryTableDeps): AnyBundleTable {
  return defineTable<AlertRow>({
    name: ALERTS_TABLE,
    what: 'alerts',
    maxRows: 50_000,
    row: alertRow,
    read(scope) {
      if (scope.imported) return deps.archive.readRows(scope.incidentId, ALERTS_TABLE) as AlertRow[];
      const names = new Map(deps.sources().map((s) => [s.id, s.name]));
      return deps
        .listAlerts(scope.window.fromMs, scope.window.toMs)
        .map((a): AlertRow => ({
          source: names.get(a.sourceId) ?? null,
          key: a.key,
          name: a.name,
          severity: a.severity,
          labels: sortedLabels(a.labels),
          summary: a.summary,
          startsAt: a.startsAt,
          lastSeenAt: a.lastSeenAt,
          resolvedAt: a.resolvedAt,
        }))
        .sort((a, b) => a.startsAt - b.startsAt || a.key.localeCompare(b.key) || (a.source ?? '').localeCompare(b.source ?? ''));
    },
    write(incidentId, rows) {
      deps.archive.writeRows(incidentId, ALERTS_TABLE, rows);
    },
  });
}
