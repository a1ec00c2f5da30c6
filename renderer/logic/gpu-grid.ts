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

/** A GPU with stored samples that the newest snapshot no longer lists: it stopped reporting (fell off the bus, node down). */
export interface MissingGpu {
  node: string;
  gpu: string;
  model: string;
  lastSeenAt: number;
  /** Its share at that last sample. */
  lastShare: number | null;
}

export interface NodeRow {
  node: string;
  gpus: GpuStat[];
  /** How many of its GPUs are near full. */
  full: number;
  /** Its GPUs that stopped reporting, in natural order. */
  missing: MissingGpu[];
}

// One collator for every comparison: localeCompare with options builds a new one per call.
const natural = new Intl.Collator('en', { numeric: true }).compare;

/** GPUs grouped by node, nodes and GPUs in natural order (gpu-2 before gpu-10); missing GPUs keep their node's place. */
export function nodeRows(gpus: readonly GpuStat[], missing: readonly MissingGpu[] = []): NodeRow[] {
  const by = new Map<string, { gpus: GpuStat[]; missing: MissingGpu[] }>();
  const entry = (node: string) => {
    let e = by.get(node);
    if (!e) by.set(node, (e = { gpus: [], missing: [] }));
    return e;
  };
  for (const g of gpus) entry(g.node).gpus.push(g);
  for (const m of missing) entry(m.node).missing.push(m);
  return [...by.entries()]
    .sort(([a], [b]) => natural(a, b))
    .map(([node, e]) => {
      const sorted = [...e.gpus].sort((a, b) => natural(a.gpu, b.gpu));
      return {
        node,
        gpus: sorted,
        full: sorted.filter((g) => shareTone(g.share) === 'full').length,
        missing: [...e.missing].sort((a, b) => natural(a.gpu, b.gpu)),
      };
    });
}

/**
 * GPUs that have `gpu.memory.share` samples (in `series`, read over a look-back of hours) but are
 * not in the snapshot: a node that stops reporting makes its series end rather than read zero, so
 * without this it would simply vanish from the panel. Only GPUs last seen before the snapshot count:
 * one that appeared after it is new, not missing.
 */
export function missingGpus(present: readonly GpuStat[], series: readonly SeriesData[], snapshotAt: number): MissingGpu[] {
  const here = new Set(present.map((g) => `${g.node}\u0000${g.gpu}`));
  const newest = new Map<string, MissingGpu>();
  for (const s of series) {
    const node = s.labels.node;
    const gpu = s.labels.gpu;
    const last = s.points[s.points.length - 1];
    if (node === undefined || gpu === undefined || !last || last[0] >= snapshotAt) continue;
    const key = `${node}\u0000${gpu}`;
    if (here.has(key)) continue;
    const prev = newest.get(key);
    if (!prev || last[0] > prev.lastSeenAt) {
      newest.set(key, { node, gpu, model: s.labels.model ?? '', lastSeenAt: last[0], lastShare: last[1] });
    }
  }
  return [...newest.values()];
}

/** The stored `gpu.memory.share` series for one GPU, if there is one. */
export function trendFor(series: readonly SeriesData[], node: string, gpu: string): SeriesPoint[] | null {
  return series.find((s) => s.labels.node === node && s.labels.gpu === gpu)?.points ?? null;
}

/**
 * A pod name as a tile shows it: "ocr-worker-7f9c2d8b4-x8k2q" → "ocr-worker ·x8k2q". A Deployment's
 * pod is its workload, a ReplicaSet hash and a random suffix; the workload says what holds the GPU
 * and the suffix tells two pods apart, the hash says nothing to a person. Other names are kept whole.
 */
export function podShortName(pod: string): string {
  // Kubernetes' name suffix alphabet: no vowels, no 0, 1 or 3.
  const m = /^(.+?)-[bcdfghjklmnpqrstvwxz2456789]{6,10}-([bcdfghjklmnpqrstvwxz2456789]{5})$/.exec(pod);
  return m ? `${m[1]} ·${m[2]}` : pod;
}
