import { lookbacks } from '../../../shared/detection/evaluate';
import type { DetectionSettings } from '../../../shared/detection/settings';
import type { DetectionFrame, FrameSeries, FrameSource } from '../../../shared/detection/types';
import type { SourceView } from '../../../shared/domain/source-config';
import { METRICS, type SeriesResult, type TelemetrySnapshot } from '../../../shared/domain/telemetry';

/** What one evaluation reads: the stores the console reads (no upstream is asked anything). */
export interface FrameReads {
  getSeries(req: { metric: string; fromMs: number; toMs: number; maxPoints: number; match: Record<string, string> }): SeriesResult;
  getSnapshot(): TelemetrySnapshot;
  sources(): SourceView[];
}

/** More than any rule window holds at any poll interval Pitwall allows (1 s): never downsampled. */
const ALL_POINTS = 1_000_000;

export function toFrameSeries(result: SeriesResult): FrameSeries[] {
  return result.series.map((s) => {
    const t = new Array<number>(s.points.length);
    const v = new Array<number | null>(s.points.length);
    for (let i = 0; i < s.points.length; i += 1) {
      const p = s.points[i] as [number, number | null];
      t[i] = p[0];
      v[i] = p[1];
    }
    return { sourceId: s.sourceId, labels: s.labels, t, v };
  });
}

/**
 * What a source stores by its kind and configuration (the collectors in electron/poller): exporter
 * scrapes and AsynqMon write fixed keys, Prometheus and Loki their enabled queries' keys.
 */
const FIXED_METRICS: Readonly<Partial<Record<SourceView['kind'], readonly string[]>>> = {
  'exporter-scrape': [
    METRICS.gpuMemoryShare,
    METRICS.nodeGpuMemoryShare,
    METRICS.queueDepth,
    METRICS.podRestarts,
    METRICS.podLastOom,
    METRICS.fsUsedShare,
    METRICS.fsDeviceError,
    METRICS.gpuXid,
    METRICS.nodeReady,
  ],
  asynqmon: [METRICS.queueDepth, METRICS.queueLatency, METRICS.queueProcessedToday, METRICS.queueFailedToday, METRICS.queuePaused],
};

function toFrameSource(s: SourceView): FrameSource {
  const metrics = FIXED_METRICS[s.kind] ?? s.queries.filter((q) => q.enabled).map((q) => q.metric);
  return { id: s.id, name: s.name, kind: s.kind, state: s.health.state, error: s.health.lastError?.message ?? null, metrics };
}

/** Stored telemetry, the firing alerts, the GPU snapshot and source health, as one pure input to the rules. */
export function readFrame(reads: FrameReads, settings: DetectionSettings, now: number): DetectionFrame {
  const series: Record<string, FrameSeries[]> = {};
  for (const [metric, lookMs] of Object.entries(lookbacks(settings))) {
    series[metric] = toFrameSeries(reads.getSeries({ metric, fromMs: now - lookMs, toMs: now, maxPoints: ALL_POINTS, match: {} }));
  }
  const snapshot = reads.getSnapshot();
  const podNodes: Record<string, string> = {};
  for (const g of snapshot.gpus?.data ?? []) if (g.pod) podNodes[`${g.namespace ?? ''}/${g.pod}`] = g.node;
  return {
    now,
    series,
    alerts: (snapshot.alerts?.data ?? []).map((a) => ({
      sourceId: a.sourceId,
      name: a.name,
      severity: a.severity,
      labels: a.labels,
      summary: a.summary,
      startsAt: a.startsAt,
      lastSeenAt: a.lastSeenAt,
    })),
    sources: reads.sources().map(toFrameSource),
    podNodes,
  };
}
