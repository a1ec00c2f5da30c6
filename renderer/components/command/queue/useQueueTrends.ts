import { useEffect, useMemo, useState } from 'react';
import type { Incident } from '../../../../shared/domain/incident';
import { METRICS } from '../../../../shared/domain/telemetry';
import { call, errorMessage } from '../../../api/client';
import type { TimeWindow } from '../../../../shared/chart/chart-data';
import { pendingTrends, trendWindow, type QueueTrend } from '../../../logic/queue-table';
import { incidentStart, isLive, resolveRange, windowKey } from '../../../logic/view-range';
import { useTelemetryTick, useViewRange } from '../../../state/telemetry';
import type { ChartData, ChartFetch } from '../chart/useChartData';

// A sparkline is ~60 px wide; more points than that only cost bytes.
const SPARK_POINTS = 60;

export interface QueueTrends {
  trends: Map<string, QueueTrend>;
  /** What "start" means: the incident's start, or the start of the shown window. */
  sinceMs: number | null;
  /** The window the sparklines cover. */
  win: TimeWindow | null;
  error: string | null;
}

const NONE: QueueTrends = { trends: new Map(), sinceMs: null, win: null, error: null };

/**
 * The trends out of the chart's own queue series, when they cover the trend window: then the table
 * and the chart are the same numbers and no second read is made. Null when they do not (a window
 * that ends in the past, or starts after the trend must).
 */
export function trendsFromChart(data: ChartData | null, live: boolean, startMs: number | null): QueueTrends | null {
  if (!data || !live) return null;
  const w = trendWindow(startMs, data.win.fromMs, data.win.toMs);
  if (data.win.fromMs > w.fromMs) return null;
  const win = { fromMs: w.fromMs, toMs: w.toMs };
  return { trends: pendingTrends(data.queue, w.sinceMs, win, data.maxPoints), sinceMs: w.sinceMs, win, error: null };
}

/**
 * Pending tasks per queue since the incident began (with the lead-in drawn before it), or over
 * the shown window without an incident. Taken from the chart's data where it covers that window;
 * otherwise read on their own, again whenever a poll stored new data.
 */
export function useQueueTrends(incident: Incident | null, chart: ChartFetch): QueueTrends {
  const tick = useTelemetryTick();
  const range = useViewRange();
  const startMs = incident ? incidentStart(incident) : null;
  const live = isLive(range, incident);
  const fromChart = useMemo(() => trendsFromChart(chart.data, live, startMs), [chart.data, live, startMs]);
  // While the chart's first read is in flight, wait for it rather than ask twice.
  const mustRead = fromChart === null && (chart.data !== null || chart.error !== null);
  const [read, setRead] = useState<QueueTrends>(NONE);
  const rangeKey = windowKey(range, null);

  useEffect(() => {
    if (!mustRead) return;
    let current = true;
    const now = Date.now();
    const w = trendWindow(startMs, resolveRange(range, null, now).fromMs, now);
    const win = { fromMs: w.fromMs, toMs: w.toMs };
    call('telemetry:get-series', { ...win, metric: METRICS.queueDepth, maxPoints: SPARK_POINTS, match: { state: 'pending' } }).then(
      (result) => {
        if (current) setRead({ trends: pendingTrends(result.series, w.sinceMs, win, SPARK_POINTS), sinceMs: w.sinceMs, win, error: null });
      },
      (err: unknown) => {
        // Keep the last trends on screen; say why they are not moving.
        if (current) setRead((s) => ({ ...s, error: `Trend unavailable: ${errorMessage(err)}` }));
      },
    );
    return () => {
      current = false;
    };
    // `range` is read through rangeKey: a new object with the same window must not re-ask.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mustRead, tick, startMs, rangeKey]);

  return fromChart ?? read;
}
