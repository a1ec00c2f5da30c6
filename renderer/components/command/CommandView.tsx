import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { useNow } from '../../hooks/useNow';
import { authSummary } from '../../logic/auth-summary';
import type { GpuMode } from '../../../shared/chart/chart-data';
import { chartUrlOptions } from '../../logic/chart-url';
import { isLive, resolveRange } from '../../logic/view-range';
import { useSnapshot, useSnapshotError, useTelemetryTick, useViewRange } from '../../state/telemetry';
import '../../styles/command.css';
import { CorrelationChart } from './chart/CorrelationChart';
import { useChartData } from './chart/useChartData';
import { GpuHeatmap } from './GpuHeatmap';
import { LogsPanel } from './logs/LogsPanel';
import { AuthPanel } from './panels/AuthPanel';
import { StoragePanel } from './panels/StoragePanel';
import { usePanelSeries } from './panels/usePanelSeries';
import { QueuePanel } from './queue/QueuePanel';
import { RangeToolbar } from './RangeToolbar';

const NO_EVENTS: readonly TimelineEvent[] = [];

/**
 * The command view: the platform picture the incident commander lives in, on one screen. Shown inside
 * an incident (its window and timeline events available) and without one (the platform only).
 *
 * Layout (a grid that fills the height it is given): the correlation chart, with the range toolbar in
 * its head, above the logs (beside `logsAside` when given: the incident's timeline, so evidence pinned
 * from the logs lands in view); to the right, a column of GPUs, queues, storage and auth. A window
 * named in the page's URL is applied by startApp (state/live.ts).
 */
export function CommandView({
  incident,
  timeline = NO_EVENTS,
  logsAside,
}: {
  incident: Incident | null;
  timeline?: readonly TimelineEvent[];
  logsAside?: ReactNode;
}) {
  const range = useViewRange();
  const tick = useTelemetryTick();
  const snapshot = useSnapshot();
  const snapshotError = useSnapshotError();
  const [gpuMode, setGpuMode] = useState<GpuMode>(() => chartUrlOptions().gpuMode ?? 'node');
  const live = isLive(range, incident);
  // While live, the window moves on every 10 s even when no poll lands (a dead source shows as a gap).
  const clock = useNow(live ? 10_000 : 30_000);
  const fetch = useChartData(range, incident, gpuMode, tick, live ? clock : 0);
  const resolved = fetch.data ? null : resolveRange(range, incident, clock);
  const fromMs = fetch.data?.win.fromMs ?? resolved?.fromMs ?? 0;
  const toMs = fetch.data?.win.toMs ?? resolved?.toMs ?? 0;
  const shown = useMemo(() => ({ fromMs, toMs }), [fromMs, toMs]);
  // The side column's trends (a sparkline per GPU and queue) follow the chart in a background render.
  const side = useDeferredValue(useMemo(() => ({ fetch, shown }), [fetch, shown]));
  const panels = usePanelSeries(shown, tick);
  const auth = useMemo(
    () => (panels.data ? authSummary(panels.data.requests, panels.data.tokenFailures, panels.data.providerUp, panels.data.win) : null),
    [panels.data],
  );

  return (
    <section className={`command-view${logsAside ? ' with-aside' : ''}`} data-testid="command-view" aria-label="Platform telemetry">
      <CorrelationChart
        fetch={fetch}
        shown={shown}
        gpuMode={gpuMode}
        onGpuMode={setGpuMode}
        incidentId={incident?.id ?? null}
        timeline={timeline}
        times={incident?.times ?? null}
        gpuMissing={snapshot?.panels?.gpus.missing ?? null}
        live={live}
        toolbar={<RangeToolbar range={range} shown={shown} live={live} hasIncident={incident !== null} />}
      />
      <div className="command-side" data-testid="command-side">
        <GpuHeatmap
          gpus={snapshot?.gpus ?? null}
          panel={snapshot?.panels?.gpus ?? null}
          error={snapshotError}
          trends={side.fetch.data?.perGpu ?? []}
          win={side.shown}
          lastSeen={panels.data?.gpuLastSeen ?? []}
        />
        <QueuePanel incident={incident} chart={side.fetch} />
        <StoragePanel fetch={panels} storageFullPerMin={auth?.storageFullPerMin ?? null} />
        <AuthPanel summary={auth} win={panels.data?.win ?? null} error={panels.error} />
      </div>
      <div className="command-evidence" data-testid="command-evidence">
        <LogsPanel incident={incident} timeline={timeline} />
        {logsAside}
      </div>
    </section>
  );
}
