import { dedupeByLabels, gpuLines, queueLines, type ChartSeries, type QueueView, type TimeWindow } from '../../../shared/chart/chart-data';
import {
  alertMarkers,
  incidentMarkers,
  keyTimeMarkers,
  mergeClose,
  restartMarkers,
  withKeyTimes,
  type ChartMarker,
} from '../../../shared/chart/markers';
import type { IncidentTimes, TimelineEvent } from '../../../shared/domain/incident';
import { METRICS, type AlertRecord, type SeriesData } from '../../../shared/domain/telemetry';
import type { BundleEvent } from '../../bundle/bundle-schema';
import type { AlertRow, SeriesRow } from '../../bundle/tables/telemetry-tables';

/** The metrics the report's charts draw; a report reads only these. */
export const CHART_METRICS: readonly string[] = [
  METRICS.gpuMemoryShare,
  METRICS.nodeGpuMemoryShare,
  METRICS.queueDepth,
  METRICS.podRestarts,
  METRICS.podLastOom,
];

/** The console's default queue view (CorrelationChart), so the report shows what the IC saw. */
export const REPORT_QUEUE_VIEW: QueueView = { queue: 'all', states: ['pending', 'active', 'retry', 'archived'] };

/** Points per line: about a point per 0.6 px at the printed width. */
export const REPORT_MAX_POINTS = 1_200;

/** Print colours: the console's palette is for a dark screen and fades on paper. */
const PRINT_COLORS: Readonly<Record<string, string>> = {
  'gpu:max': '#0b5f8a',
  'gpu:avg': '#6b9bd1',
  'queue:pending': '#b45309',
  'queue:active': '#15803d',
  'queue:scheduled': '#6d28d9',
  'queue:retry': '#b91c1c',
  'queue:archived': '#57534e',
};

/** Rows of one metric as the chart rules want them (SeriesData; ids are positions, unique within the report). */
export function seriesOf(rows: readonly SeriesRow[], metric: string): SeriesData[] {
  return rows.flatMap((r, i) =>
    r.metric === metric ? [{ id: i + 1, sourceId: 0, metric: r.metric, labels: r.labels, points: r.points }] : [],
  );
}

export function alertRecords(rows: readonly AlertRow[]): AlertRecord[] {
  return rows.map((a) => ({ ...a, sourceId: 0 }));
}

export interface CorrelationModel {
  lines: ChartSeries[];
  markers: ChartMarker[];
  win: TimeWindow;
}

/**
 * The correlation chart for a window, by the console's rules (shared/chart): GPU memory of the
 * pool (max and mean) against queue depth by state, with OOM kills, restarts, alerts, the
 * incident's key times (impact start, detected, …) and its own turning points as markers.
 */
export function correlationModel(
  series: readonly SeriesData[],
  alerts: readonly AlertRecord[],
  timeline: readonly BundleEvent[],
  win: TimeWindow,
  times: IncidentTimes | null = null,
): CorrelationModel {
  const of = (metric: string): SeriesData[] => series.filter((s) => s.metric === metric);
  const lines = [
    ...gpuLines(of(METRICS.gpuMemoryShare), of(METRICS.nodeGpuMemoryShare), 'pool', win, REPORT_MAX_POINTS),
    ...queueLines(of(METRICS.queueDepth), REPORT_QUEUE_VIEW, win, REPORT_MAX_POINTS),
  ].map((l) => ({ ...l, color: PRINT_COLORS[l.key] ?? l.color }));
  const span = win.toMs - win.fromMs;
  const bucket = span / REPORT_MAX_POINTS;
  const events: TimelineEvent[] = timeline.map((e, i) => ({ ...e, id: i + 1, incidentId: 0 }));
  const markers = mergeClose(
    [
      ...restartMarkers(dedupeByLabels(of(METRICS.podRestarts)), dedupeByLabels(of(METRICS.podLastOom)), Math.max(30_000, 2 * bucket)),
      ...alertMarkers(alerts, win.fromMs, win.toMs),
      ...withKeyTimes(incidentMarkers(events, win.fromMs, win.toMs), times ? keyTimeMarkers(times, win.fromMs, win.toMs) : []),
    ],
    span / 120,
  );
  return { lines, markers, win };
}
