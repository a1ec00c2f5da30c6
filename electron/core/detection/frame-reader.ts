import { lookbacks } from '../../../shared/detection/evaluate';
import type { DetectionSettings } from '../../../shared/detection/settings';
import type { DetectionFrame, FrameSeries, FrameSource } from '../../../shared/detection/types';
import type { SourceView } from '../../../shared/domain/source-config';
import { METRICS, type TelemetrySnapshot } from '../../../shared/domain/telemetry';

/** What one evaluation reads: the stores the console reads (no upstream is asked anything). */
export interface FrameReads {
  windows(specs: readonly { metric: string; fromMs: number }[], toMs: number): Map<string, FrameSeries[]>;
  getSnapshot(): TelemetrySnapshot;
  sources(): SourceInput[];
}

/** What detection needs of a source: its name, kind, queries (what it stores) and health. */
export type SourceInput = Pick<SourceView, 'id' | 'name' | 'kind' | 'queries' | 'health'>;

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

function toFrameSource(s: SourceInput): FrameSource {
  const metrics = FIXED_METRICS[s.kind] ?? s.queries.filter((q) => q.enabled).map((q) => q.metric);
  return { id: s.id, name: s.name, kind: s.kind, state: s.health.state, error: s.health.lastError?.message ?? null, metrics };
}

/** Stored telemetry, the firing alerts, the GPU snapshot and source health, as one pure input to the rules. */
export function readFrame(reads: FrameReads, settings: DetectionSettings, now: number): DetectionFrame {
  const specs = Object.entries(lookbacks(settings)).map(([metric, lookMs]) => ({ metric, fromMs: now - lookMs }));
  const series = Object.fromEntries(reads.windows(specs, now));
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
