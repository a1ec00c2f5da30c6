import { createLTTB } from 'downsample';
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

type Finite = [number, number];
const lttb = createLTTB<Finite>({ x: 0, y: 1 });

/**
 * An SVG path for a share (0..1) over [fromMs, toMs] in a width × height box, at most
 * `maxPoints` points per unbroken run (LTTB from the `downsample` package); a NaN sample breaks the line.
 */
export function sparkPath(
  points: readonly SeriesPoint[],
  fromMs: number,
  toMs: number,
  width: number,
  height: number,
  maxPoints = 48,
): string {
  const span = Math.max(1, toMs - fromMs);
  const runs: Finite[][] = [[]];
  for (const [t, v] of points) {
    if (t < fromMs || t > toMs) continue;
    if (v === null || !Number.isFinite(v)) {
      if ((runs[runs.length - 1]?.length ?? 0) > 0) runs.push([]);
      continue;
    }
    runs[runs.length - 1]?.push([t, v]);
  }
  const total = runs.reduce((n, r) => n + r.length, 0);
  const parts: string[] = [];
  for (const run of runs) {
    if (run.length === 0) continue;
    const budget = Math.max(3, Math.round((maxPoints * run.length) / Math.max(1, total)));
    const kept = run.length > budget ? Array.from(lttb(run, budget)) : run;
    kept.forEach(([t, v], i) => {
      const x = (((t - fromMs) / span) * width).toFixed(1);
      const y = ((1 - Math.min(1, Math.max(0, v))) * height).toFixed(1);
      parts.push(`${i === 0 ? 'M' : 'L'}${x},${y}`);
    });
  }
  return parts.join(' ');
}
