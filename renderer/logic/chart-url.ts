import { GPU_MODES, type GpuMode } from '../../shared/chart/chart-data';
import type { ViewRange } from './view-range';

/**
 * Optional URL query parameters the command view reads once at start, so a view can be linked
 * and the chart benchmark can open a fixed window:
 *   chartFrom, chartTo  epoch ms: open on this custom range (both needed, from < to)
 *   chartGpu            pool | node | gpu: the GPU memory mode
 *   chartNaive=1        the benchmark's baseline, "the same series without downsampling" drawn the
 *                       straightforward way: every stored point (maxPoints 20,000, the contract's
 *                       ceiling) as a plain recharts <LineChart>/<Line> (NaiveLinePlot.tsx)
 *   chartNaive=paths    every stored point through the product's own chart (SVG paths over
 *                       recharts' axes): what downsampling alone saves, reported beside it
 * Read only by the chart (useChartData, CorrelationChart); never used otherwise.
 */
export interface ChartUrlOptions {
  range: ViewRange | null;
  gpuMode: GpuMode | null;
  naive: NaiveMode;
}

/** 'off': the product (downsampled, SVG paths); the others are the benchmark's baselines above. */
export type NaiveMode = 'off' | 'recharts' | 'paths';

function naiveMode(v: string | null): NaiveMode {
  if (v === '1') return 'recharts';
  return v === 'paths' ? 'paths' : 'off';
}

const epoch = (v: string | null): number | null => (v !== null && /^\d{1,15}$/.test(v) ? Number(v) : null);

export function parseChartUrl(search: string): ChartUrlOptions {
  const p = new URLSearchParams(search);
  const from = epoch(p.get('chartFrom'));
  const to = epoch(p.get('chartTo'));
  const gpu = p.get('chartGpu');
  return {
    range: from !== null && to !== null && from < to ? { preset: 'custom', fromMs: from, toMs: to } : null,
    gpuMode: gpu !== null && (GPU_MODES as readonly string[]).includes(gpu) ? (gpu as GpuMode) : null,
    naive: naiveMode(p.get('chartNaive')),
  };
}

/** Parsed once: the options describe how the page was opened, not later navigation. */
let cached: ChartUrlOptions | null = null;

export function chartUrlOptions(): ChartUrlOptions {
  cached ??= parseChartUrl(typeof window === 'undefined' ? '' : window.location.search);
  return cached;
}
