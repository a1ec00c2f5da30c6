import { GPU_MODES, type GpuMode } from './chart-data';
import type { ViewRange } from './view-range';

/**
 * Optional URL query parameters the command view reads once at start, so a view can be linked
 * and the chart benchmark can open a fixed window:
 *   chartFrom, chartTo  epoch ms: open on this custom range (both needed, from < to)
 *   chartGpu            pool | node | gpu: the GPU memory mode
 *   chartNaive=1        ask the store for every point (no downsampling, up to the contract's
 *                       20,000 per series) — the benchmark's baseline; never used otherwise.
 */
export interface ChartUrlOptions {
  range: ViewRange | null;
  gpuMode: GpuMode | null;
  naive: boolean;
}

const epoch = (v: string | null): number | null => (v !== null && /^\d{1,15}$/.test(v) ? Number(v) : null);

export function parseChartUrl(search: string): ChartUrlOptions {
  const p = new URLSearchParams(search);
  const from = epoch(p.get('chartFrom'));
  const to = epoch(p.get('chartTo'));
  const gpu = p.get('chartGpu');
  return {
    range: from !== null && to !== null && from < to ? { preset: 'custom', fromMs: from, toMs: to, follow: false } : null,
    gpuMode: gpu !== null && (GPU_MODES as readonly string[]).includes(gpu) ? (gpu as GpuMode) : null,
    naive: p.get('chartNaive') === '1',
  };
}

/** Parsed once: the options describe how the page was opened, not later navigation. */
let cached: ChartUrlOptions | null = null;

export function chartUrlOptions(): ChartUrlOptions {
  cached ??= parseChartUrl(typeof window === 'undefined' ? '' : window.location.search);
  return cached;
}
