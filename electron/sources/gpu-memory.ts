import { gpuModelOf, gpuOf, nodeOf, workloadNamespaceOf, workloadPodOf } from './gpu-labels';
import type { Labels } from './samples';

/** The DCGM framebuffer fields, all in MiB. There is no FB_TOTAL by default: total = used + free + reserved. */
export const FB_METRICS = ['DCGM_FI_DEV_FB_USED', 'DCGM_FI_DEV_FB_FREE', 'DCGM_FI_DEV_FB_RESERVED'] as const;

export interface GpuMemory {
  node: string;
  gpu: string;
  model?: string;
  /** The first of `pods` (by namespace, then name): the same whichever order the series arrived in. */
  pod?: string;
  namespace?: string;
  /** Every workload exported on this GPU (a shared GPU is exported once per pod), sorted. */
  pods: { namespace?: string; pod: string }[];
  usedMiB: number;
  totalMiB: number;
  /** used / total; NaN when the GPU reports no memory at all (or NaN fields). */
  share: number;
}

export interface NodeMemory {
  node: string;
  usedMiB: number;
  totalMiB: number;
  /** Memory-weighted: sum(used) / sum(total) — not the mean of per-GPU ratios. */
  share: number;
  /** The fullest GPU, which is what runs out first. */
  maxGpuShare: number;
  gpus: number;
}

interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

interface GpuEntry {
  labels: Labels;
  used?: number;
  free?: number;
  reserved?: number;
  pods: Map<string, { namespace?: string; pod: string }>;
}

/**
 * The same numbers as the default PromQL, computed from an exporter scrape when Prometheus is down.
 * Node + GPU (gpuOf) is the join key: the three fields of one GPU carry its index, and a GPU shared by
 * two pods (exported once per pod, same values) is still one GPU.
 */
export function gpuMemoryFromSamples(samples: readonly Sample[]): GpuMemory[] {
  const byGpu = new Map<
    string,
    { labels: Labels; used?: number; free?: number; reserved?: number; pods: Map<string, { namespace?: string; pod: string }> }
  >();
  for (const s of samples) {
    const field =
      s.name === 'DCGM_FI_DEV_FB_USED'
        ? 'used'
        : s.name === 'DCGM_FI_DEV_FB_FREE'
          ? 'free'
          : s.name === 'DCGM_FI_DEV_FB_RESERVED'
            ? 'reserved'
            : undefined;
    if (!field) continue;
    const key = `${nodeOf(s.labels)}\u0000${gpuOf(s.labels)}`;
    const entry: GpuEntry = byGpu.get(key) ?? { labels: s.labels, pods: new Map() };
    entry[field] = s.value;
    const pod = workloadPodOf(s.labels);
    if (pod !== undefined) {
      const namespace = workloadNamespaceOf(s.labels);
      entry.pods.set(`${namespace ?? ''}\u0000${pod}`, namespace === undefined ? { pod } : { namespace, pod });
    }
    byGpu.set(key, entry);
  }
  const out: GpuMemory[] = [];
  for (const { labels, used, free, reserved, pods } of byGpu.values()) {
    if (used === undefined || free === undefined) continue;
    // Older exporters have no FB_RESERVED; treat it as zero rather than dropping the GPU.
    const total = used + free + (reserved ?? 0);
    const gpu: GpuMemory = {
      node: nodeOf(labels),
      gpu: gpuOf(labels),
      usedMiB: used,
      totalMiB: total,
      share: total > 0 ? used / total : Number.NaN,
      pods: [...pods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p),
    };
    const model = gpuModelOf(labels);
    if (model !== undefined) gpu.model = model;
    const first = gpu.pods[0];
    if (first) {
      gpu.pod = first.pod;
      if (first.namespace !== undefined) gpu.namespace = first.namespace;
    }
    out.push(gpu);
  }
  return out;
}

export function nodeMemory(gpus: readonly GpuMemory[]): NodeMemory[] {
  const byNode = new Map<string, NodeMemory>();
  for (const g of gpus) {
    const n = byNode.get(g.node) ?? { node: g.node, usedMiB: 0, totalMiB: 0, share: Number.NaN, maxGpuShare: Number.NaN, gpus: 0 };
    n.usedMiB += g.usedMiB;
    n.totalMiB += g.totalMiB;
    n.gpus += 1;
    if (!Number.isNaN(g.share) && !(g.share <= n.maxGpuShare)) n.maxGpuShare = g.share;
    byNode.set(g.node, n);
  }
  for (const n of byNode.values()) n.share = n.totalMiB > 0 ? n.usedMiB / n.totalMiB : Number.NaN;
  return [...byNode.values()];
}
