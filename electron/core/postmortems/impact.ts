import type { Incident } from '../../../shared/domain/incident';
import type { SeriesData } from '../../../shared/domain/telemetry';

/** The stretch of time an incident hurt: from its best-known start to resolution (or now, while open). */
export interface ImpactWindow {
  fromMs: number;
  toMs: number;
  /** Which recorded moment each end is, in words. */
  from: 'impact start' | 'detected' | 'declared';
  to: 'resolved' | 'closed' | 'now (not resolved yet)';
}

export function impactWindow(inc: Incident, nowMs: number): ImpactWindow {
  const t = inc.times;
  const [fromMs, from] =
    t.impactStartedAt !== null
      ? ([t.impactStartedAt, 'impact start'] as const)
      : t.detectedAt !== null
        ? ([t.detectedAt, 'detected'] as const)
        : ([t.declaredAt, 'declared'] as const);
  const [toMs, to] =
    t.resolvedAt !== null
      ? ([t.resolvedAt, 'resolved'] as const)
      : t.closedAt !== null
        ? ([t.closedAt, 'closed'] as const)
        : ([nowMs, 'now (not resolved yet)'] as const);
  return { fromMs, toMs: Math.max(fromMs, toMs), from, to };
}

/** A GPU is counted as affected when its memory share reached this, or when it stopped reporting. */
export const GPU_FULL_SHARE = 0.9;
/** No sample for this long while the window runs means the GPU (or its node) stopped reporting. */
export const GPU_SILENT_MS = 2 * 60_000;

export interface AffectedGpu {
  node: string;
  gpu: string;
  /** Highest memory share seen in the window, 0..1; null when it never reported a number. */
  peak: number | null;
  /** When it first reached GPU_FULL_SHARE or fell silent, within the window. */
  affectedFromMs: number;
  why: 'memory full' | 'stopped reporting';
  hours: number;
}

export interface GpuImpact {
  /** GPUs with any sample in the window or just before it. */
  seen: number;
  affected: AffectedGpu[];
  gpuHours: number;
  rule: string;
  formula: string;
}

/**
 * Which GPUs the incident hit and roughly how many GPU-hours were lost, from the stored
 * `gpu.memory.share` samples of the window. The estimate counts, for each affected GPU, the time
 * from when it was first full (or fell silent) to the end of the window: an upper bound for work
 * lost on a full GPU, the right figure for a GPU that was gone. The draft prints the rule, the
 * formula and the per-GPU terms, so the commander can correct it.
 */
export function gpuImpact(series: readonly SeriesData[], w: ImpactWindow): GpuImpact {
  const affected: AffectedGpu[] = [];
  let seen = 0;
  for (const s of series) {
    // A sample from the lead-in says the GPU was there before: if none follows, it went away.
    const before = s.points.filter(([t]) => t < w.fromMs).at(-1);
    const points = s.points.filter(([t]) => t >= w.fromMs && t <= w.toMs);
    if (points.length === 0 && !before) continue;
    seen++;
    let peak: number | null = null;
    let fullAt: number | null = null;
    let silentAt: number | null = null;
    let prevT: number | null = before ? before[0] : null;
    for (const [t, v] of points) {
      if (v !== null && (peak === null || v > peak)) peak = v;
      if (fullAt === null && v !== null && v >= GPU_FULL_SHARE) fullAt = t;
      if (silentAt === null && prevT !== null && t - prevT > GPU_SILENT_MS) silentAt = Math.max(prevT, w.fromMs);
      prevT = t;
    }
    if (silentAt === null && prevT !== null && w.toMs - prevT > GPU_SILENT_MS) silentAt = Math.max(prevT, w.fromMs);
    const candidates = [
      fullAt === null ? null : { at: fullAt, why: 'memory full' as const },
      silentAt === null ? null : { at: silentAt, why: 'stopped reporting' as const },
    ].filter((c) => c !== null);
    const first = candidates.sort((a, b) => a.at - b.at)[0];
    if (!first) continue;
    affected.push({
      node: s.labels.node ?? '?',
      gpu: s.labels.gpu ?? '?',
      peak,
      affectedFromMs: first.at,
      why: first.why,
      hours: (w.toMs - first.at) / 3_600_000,
    });
  }
  affected.sort((a, b) => a.node.localeCompare(b.node) || a.gpu.localeCompare(b.gpu, undefined, { numeric: true }));
  const gpuHours = affected.reduce((sum, g) => sum + g.hours, 0);
  return {
    seen,
    affected,
    gpuHours,
    rule: `a GPU is affected when its memory use reached ${Math.round(GPU_FULL_SHARE * 100)}% or it sent no sample for over ${GPU_SILENT_MS / 60_000} minutes inside the window`,
    formula: 'GPU-hours lost ≈ Σ over affected GPUs of (window end − when that GPU was first affected)',
  };
}
