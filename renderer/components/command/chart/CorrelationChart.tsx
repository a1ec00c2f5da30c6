import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { IncidentTimes, TimelineEvent } from '../../../../shared/domain/incident';
import {
  dedupeByLabels,
  drawnStats,
  gpuLines,
  queueLines,
  queueNames,
  type ChartSeries,
  type GpuMode,
  type QueueView,
  type TimeWindow,
} from '../../../../shared/chart/chart-data';
import { chartUrlOptions } from '../../../logic/chart-url';
import { alertMarkers, incidentMarkers, keyTimeMarkers, mergeClose, restartMarkers, withKeyTimes } from '../../../../shared/chart/markers';
import { zoomRange } from '../../../logic/range-actions';
import { setViewRange } from '../../../state/telemetry';
import { ChartControls } from './ChartControls';
import { ChartFooter } from './ChartFooter';
import { ChartPlot } from './ChartPlot';
import { NaiveLinePlot } from './NaiveLinePlot';
import { CorrelationText } from './CorrelationText';
import { createHoverStore } from './hover-store';
import { PinButton } from './PinButton';
import type { ChartFetch } from './useChartData';

interface Props {
  fetch: ChartFetch;
  /** The window to name while nothing is loaded yet. */
  shown: TimeWindow;
  gpuMode: GpuMode;
  onGpuMode: (mode: GpuMode) => void;
  incidentId: number | null;
  timeline: readonly TimelineEvent[];
  /** The incident's key times, marked on the time axis; null without an incident. */
  times: IncidentTimes | null;
  /** What the GPU panel says is missing (no source, a source down…), so an empty chart says the same. */
  gpuMissing?: string | null;
  /** The window ends now (logic/view-range.ts isLive): only then can its newest sample be stale. */
  live: boolean;
  /** The range toolbar, shown in the chart's head (it sets the window every panel shows). */
  toolbar?: ReactNode;
}

/** The benchmark's baseline (`?chartNaive=1`, logic/chart-url.ts): plain recharts lines instead of ChartPlot. */
const NAIVE_RECHARTS = chartUrlOptions().naive === 'recharts';

const DEFAULT_QUEUE: QueueView = { queue: 'all', states: ['pending', 'active', 'retry', 'archived'] };

function queueName(view: QueueView): string {
  const scope = view.queue === 'all' || view.queue === 'each' ? '' : `, ${view.queue}`;
  return `queue depth (${view.states.join('+')}${scope})`;
}

function Legend({ lines }: { lines: readonly ChartSeries[] }) {
  return (
    <ul className="chart-legend">
      {lines.map((l) => (
        <li key={l.key}>
          <span className={`swatch ${l.dashed ? 'dashed' : ''}`} style={{ borderColor: l.color }} />
          {l.label}
        </li>
      ))}
    </ul>
  );
}

/** GPU memory against queue depth on one time axis, with markers, brush zoom, hover values and the correlation in words. */
export function CorrelationChart({ fetch, shown, gpuMode, onGpuMode, incidentId, timeline, times, gpuMissing, live, toolbar }: Props) {
  const [queueView, setQueueView] = useState<QueueView>(DEFAULT_QUEUE);
  const [hover] = useState(createHoverStore);
  const { data, error } = fetch;
  const win = data?.win ?? shown;

  const lines = useMemo(
    () =>
      data
        ? [
            ...gpuLines(data.perGpu, data.perNode, data.gpuMode, data.win, data.maxPoints),
            ...queueLines(data.queue, queueView, data.win, data.maxPoints),
          ]
        : [],
    [data, queueView],
  );
  const markers = useMemo(() => {
    if (!data) return [];
    const span = data.win.toMs - data.win.fromMs;
    const bucket = span / data.maxPoints;
    return mergeClose(
      [
        ...restartMarkers(dedupeByLabels(data.restarts), dedupeByLabels(data.oom), Math.max(30_000, 2 * bucket)),
        ...alertMarkers(data.alerts, data.win.fromMs, data.win.toMs),
        ...withKeyTimes(
          incidentMarkers(timeline, data.win.fromMs, data.win.toMs),
          times ? keyTimeMarkers(times, data.win.fromMs, data.win.toMs) : [],
        ),
      ],
      span / 200,
    );
  }, [data, timeline, times]);
  // Once per lines, not per render: a pass over every drawn point (the plot's queue axis is sized from it too).
  const { drawn, gpuMax, queueMax } = useMemo(() => drawnStats(lines), [lines]);
  const onZoom = useCallback((a: number, b: number) => {
    const r = zoomRange(a, b);
    if (r) setViewRange(r);
  }, []);
  const hasGpu = lines.some((l) => l.axis === 'gpu');

  return (
    <section className="panel correlation-panel" aria-label="GPU memory against queue depth">
      <div className="chart-head">
        <h2>GPU memory × queue depth</h2>
        {toolbar}
        {incidentId !== null && <PinButton incidentId={incidentId} win={win} gpuMode={gpuMode} />}
      </div>
      <ChartControls
        gpuMode={gpuMode}
        onGpuMode={onGpuMode}
        queue={queueView}
        onQueue={setQueueView}
        queues={data ? queueNames(data.queue) : []}
      />
      <div
        className="correlation-chart"
        role="group"
        aria-label="GPU memory share (left axis) and queue depth (right axis) over time; drag across the plot to zoom"
        data-testid="correlation-chart"
        data-points={drawn}
        data-series={lines.length}
        data-from={win.fromMs}
        data-to={win.toMs}
        data-gpu-max={gpuMax ?? ''}
        data-queue-max={queueMax ?? ''}
      >
        {data === null && error === null && <p className="chart-message muted">Loading telemetry…</p>}
        {data === null && error !== null && (
          <p className="chart-message inline-error" data-testid="chart-error">
            {error}
          </p>
        )}
        {data !== null && !hasGpu && (
          <p className="chart-message" data-testid="chart-empty">
            No GPU memory samples in this window.{gpuMissing ? ` ${gpuMissing}` : ''}
          </p>
        )}
        {lines.length > 0 &&
          (NAIVE_RECHARTS ? (
            <NaiveLinePlot lines={lines} win={win} />
          ) : (
            <ChartPlot lines={lines} markers={markers} win={win} hover={hover} onZoom={onZoom} drawn={drawn} queueMax={queueMax} />
          ))}
      </div>
      {lines.length > 0 && <Legend lines={lines} />}
      <CorrelationText lines={lines} win={win} queueName={queueName(queueView)} />
      {data !== null && <ChartFooter data={data} error={error} drawn={drawn} live={live} />}
    </section>
  );
}
