import type { GpuStat, SeriesData, SeriesPoint } from '../../shared/domain/telemetry';

export type ShareTone = 'ok' | 'warn' | 'full' | 'unknown';

/** Near full starts at 90 %: DCGM reserves a little, and fragmentation makes the last 10 % unusable. */
export const FULL_SHARE = 0.9;
export const WARN_SHARE = 0.75;

export function shareTone(share: number | null): ShareTone {
  if (share === null || !Number.isFinite(share)) return 'unknown';
  if (share >= FULL_SHARE) return 'full';
  if (share >= WARN_SHARE) return 'warn';
  return 'ok';
}

export interface NodeRow {
  node: string;
  gpus: GpuStat[];
  /** How many of its GPUs are near full. */
  full: number;
}

// One collator for every comparison: localeCompare with options builds a new one per call.
const natural = new Intl.Collator('en', { numeric: true }).compare;

/** GPUs grouped by node, nodes and GPUs in natural order (gpu-2 before gpu-10). */
export function nodeRows(gpus: readonly GpuStat[]): NodeRow[] {
  const by = new Map<string, GpuStat[]>();
  for (const g of gpus) by.set(g.node, [...(by.get(g.node) ?? []), g]);
  return [...by.entries()]
    .sort(([a], [b]) => natural(a, b))
    .map(([node, list]) => {
      const sorted = [...list].sort((a, b) => natural(a.gpu, b.gpu));
      return { node, gpus: sorted, full: sorted.filter((g) => shareTone(g.share) === 'full').length };
    });
}

/** The stored `gpu.memory.share` series for one GPU, if there is one. */
export function trendFor(series: readonly SeriesData[], node: string, gpu: string): SeriesPoint[] | null {
  return series.find((s) => s.labels.node === node && s.labels.gpu === gpu)?.points ?? null;
}
