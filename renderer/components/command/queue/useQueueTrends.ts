import { useEffect, useState } from 'react';
import type { Incident } from '../../../../shared/domain/incident';
import { METRICS } from '../../../../shared/domain/telemetry';
import { call, errorMessage } from '../../../api/client';
import { pendingTrends, type QueueTrend } from '../../../logic/queue-table';
import { INCIDENT_LEAD_IN_MS, incidentStart, resolveRange } from '../../../logic/view-range';
import { useTelemetryTick, useViewRange } from '../../../state/telemetry';

// A sparkline is ~80 px wide; more points than that only cost bytes.
const SPARK_POINTS = 60;

export interface QueueTrends {
  trends: Map<string, QueueTrend>;
  /** What "start" means: the incident's start, or the start of the shown window. */
  sinceMs: number | null;
  error: string | null;
}

/**
 * Pending tasks per queue since the incident began (with the lead-in drawn before it), or over
 * the shown window without an incident; re-read whenever a poll stored new data.
 */
export function useQueueTrends(incident: Incident | null, preferSourceId: number | null): QueueTrends {
  const tick = useTelemetryTick();
  const range = useViewRange();
  const [state, setState] = useState<QueueTrends>({ trends: new Map(), sinceMs: null, error: null });
  const startMs = incident ? incidentStart(incident) : null;
  const rangeKey = [range.preset, range.fromMs, range.toMs].join('|');

  useEffect(() => {
    let current = true;
    const now = Date.now();
    const since = startMs ?? resolveRange(range, null, now).fromMs;
    const fromMs = startMs === null ? since : Math.min(since - INCIDENT_LEAD_IN_MS, now - 60_000);
    call('telemetry:get-series', {
      metric: METRICS.queueDepth,
      fromMs,
      toMs: Math.max(now, fromMs + 1),
      maxPoints: SPARK_POINTS,
      match: { state: 'pending' },
    }).then(
      (result) => {
        if (current) setState({ trends: pendingTrends(result.series, since, preferSourceId), sinceMs: since, error: null });
      },
      (err: unknown) => {
        // Keep the last trends on screen; say why they are not moving.
        if (current) setState((s) => ({ ...s, error: `Trend unavailable: ${errorMessage(err)}` }));
      },
    );
    return () => {
      current = false;
    };
    // `range` is read through rangeKey: a new object with the same window must not re-ask.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, startMs, rangeKey, preferSourceId]);

  return state;
}
