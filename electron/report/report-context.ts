import { responseMetrics, type ResponseMetric } from '../../shared/domain/response-metrics';
import type { ImportRecord } from '../../shared/domain/reports';
import type { BundleBody, BundleEvent } from '../bundle/bundle-schema';
import { ALERTS_TABLE, SERIES_TABLE, type AlertRow, type SeriesRow } from '../bundle/tables/telemetry-tables';

/** Everything a report section renders from: the stored incident (bundle shape) and what follows from it. */
export interface ReportContext {
  body: BundleBody;
  imported: ImportRecord | null;
  generatedAt: number;
  generatedBy: string;
  appName: string;
  metrics: ResponseMetric[];
  /** Where the story starts (impact start, else detection, else declaration) and what that moment was. */
  start: { at: number; what: string };
  /** Resolution, or the report's own time while the incident is open. */
  end: { at: number; what: string; ongoing: boolean };
  /** What the charts show: a little before the start to a little after the end, inside the stored window. */
  chartWindow: { fromMs: number; toMs: number };
  series: SeriesRow[];
  alerts: AlertRow[];
  /** Events by kind, in time order. */
  eventsOf(kind: BundleEvent['kind']): BundleEvent[];
}

/** Lead-in and tail the charts show around the incident: enough to see the climb and the recovery. */
const CHART_LEAD_MS = 15 * 60_000;
const CHART_TAIL_MS = 5 * 60_000;

export function reportContext(
  body: BundleBody,
  opts: { imported: ImportRecord | null; generatedAt: number; generatedBy: string; appName: string },
): ReportContext {
  const t = body.incident.times;
  const start =
    t.impactStartedAt !== null
      ? { at: t.impactStartedAt, what: 'impact start' }
      : t.detectedAt !== null
        ? { at: t.detectedAt, what: 'detection' }
        : { at: t.declaredAt, what: 'declaration' };
  const closedEnd = t.resolvedAt ?? t.closedAt;
  const end =
    closedEnd !== null
      ? { at: closedEnd, what: t.resolvedAt !== null ? 'resolved' : 'closed', ongoing: false }
      : { at: Math.min(opts.generatedAt, body.window.toMs), what: 'this report', ongoing: true };
  const chartWindow = {
    fromMs: Math.max(body.window.fromMs, Math.min(start.at, t.declaredAt) - CHART_LEAD_MS),
    toMs: Math.min(body.window.toMs, end.at + CHART_TAIL_MS),
  };
  if (chartWindow.toMs <= chartWindow.fromMs) chartWindow.toMs = chartWindow.fromMs + 60_000;
  const byKind = new Map<string, BundleEvent[]>();
  for (const e of body.timeline) {
    const list = byKind.get(e.kind);
    if (list) list.push(e);
    else byKind.set(e.kind, [e]);
  }
  return {
    body,
    imported: opts.imported,
    generatedAt: opts.generatedAt,
    generatedBy: opts.generatedBy,
    appName: opts.appName,
    metrics: responseMetrics(t),
    start,
    end,
    chartWindow,
    series: (body.tables[SERIES_TABLE] ?? []) as SeriesRow[],
    alerts: (body.tables[ALERTS_TABLE] ?? []) as AlertRow[],
    eventsOf: (kind) => byKind.get(kind) ?? [],
  };
}
