import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import type { Incident, TimelineEvent } from '../../../shared/domain/incident';
import { useNow } from '../../hooks/useNow';
import type { GpuMode } from '../../../shared/chart/chart-data';
import { chartUrlOptions } from '../../logic/chart-url';
import { isLive, resolveRange } from '../../logic/view-range';
import { useSnapshot, useSnapshotError, useTelemetryTick, useViewRange } from '../../state/telemetry';
import '../../styles/command.css';
import { CorrelationChart } from './chart/CorrelationChart';
import { useChartData } from './chart/useChartData';
import { GpuHeatmap } from './GpuHeatmap';
import { LogsPanel } from './logs/LogsPanel';
import { QueuePanel } from './queue/QueuePanel';
import { RangeToolbar } from './RangeToolbar';

const NO_EVENTS: readonly TimelineEvent[] = [];

/**
 * The command view: the platform picture the incident commander lives in. Shown inside an incident
 * (its window and timeline events available) and without one (the platform only).
 *
 * Layout: range toolbar; then the correlation chart beside a side column (GPUs, queues); then logs,
 * beside `logsAside` when given (the incident's timeline, so evidence pinned from the logs lands in
 * view), else across the full width. A window named in the page's URL is applied by startApp (state/live.ts).
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
  const logs = <LogsPanel incident={incident} timeline={timeline} />;

  return (
    <section className="command-view" data-testid="command-view" aria-label="Platform telemetry">
      <div className="command-head">
        <h2>Platform</h2>
        <RangeToolbar range={range} shown={shown} live={live} hasIncident={incident !== null} />
      </div>
      <div className="command-grid">
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
        />
        <div className="command-side">
          <GpuHeatmap
            gpus={snapshot?.gpus ?? null}
            panel={snapshot?.panels?.gpus ?? null}
            error={snapshotError}
            trends={side.fetch.data?.perGpu ?? []}
            win={side.shown}
          />
          <QueuePanel incident={incident} chart={side.fetch} />
        </div>
      </div>
      {logsAside ? (
        <div className="command-evidence" data-testid="command-evidence">
          {logs}
          {logsAside}
        </div>
      ) : (
        logs
      )}
    </section>
  );
}
