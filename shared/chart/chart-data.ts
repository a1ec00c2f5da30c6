import type { QueueState, SeriesData, SeriesPoint } from '../domain/telemetry';

/** How GPU memory is drawn: the pool's max and average, one line per node, or one per GPU. */
export const GPU_MODES = ['pool', 'node', 'gpu'] as const;
export type GpuMode = (typeof GPU_MODES)[number];

/** 'all': one line per state summed over queues; 'each': one line per queue summed over states; else one queue. */
export type QueueFilter = string;

export interface QueueView {
  queue: QueueFilter;
  states: readonly QueueState[];
}

/** One line on the correlation chart. Points are what is drawn: nothing here invents values. */
export interface ChartSeries {
  key: string;
  label: string;
  axis: 'gpu' | 'queue';
  color: string;
  dashed: boolean;
  points: SeriesPoint[];
}

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export const STATE_COLORS: Record<QueueState, string> = {
  pending: '#ffb020',
  active: '#3ddc84',
  scheduled: '#b48cff',
  retry: '#ff6b4a',
  archived: '#9fb0c2',
};

/**
 * One hue per node, far apart and away from the queue states' orange, green, red and grey (queue lines
 * are dashed as well): sky, violet, pink, teal, lime, indigo, then round again with a lighter shade.
 */
const NODE_HUES = [198, 272, 325, 168, 95, 228] as const;

/**
 * A GPU line's colour: its node's hue, in a lightness that steps through the node's GPUs, so twelve
 * GPUs on three nodes read as three families of lines rather than twelve near-identical blues.
 */
export function nodeColor(nodeIndex: number, gpuIndex = 0, gpusOnNode = 1): string {
  const hue = NODE_HUES[nodeIndex % NODE_HUES.length] ?? 198;
  const round = Math.floor(nodeIndex / NODE_HUES.length);
  const span = gpusOnNode > 1 ? gpuIndex / (gpusOnNode - 1) : 0.5;
  const light = Math.round(46 + span * 34 + round * 6);
  return `hsl(${hue} ${round > 0 ? 60 : 85}% ${Math.min(light, 88)}%)`;
}

const QUEUE_PALETTE = ['#ffb020', '#ff6b4a', '#f2d024', '#ff8fb1', '#d9a066', '#ffd08a'];

/** Steps already worked out, per points array (drawn points are never mutated). */
const stepCache = new WeakMap<readonly SeriesPoint[], number>();

/** Median gap between consecutive points; 0 with fewer than two. Used as a series' native step. */
export function nativeStep(points: readonly SeriesPoint[]): number {
  if (points.length < 2) return 0;
  const known = stepCache.get(points);
  if (known !== undefined) return known;
  // Asked for every line several times on the chart's first paint (grid, hold time, correlation),
  // in a fresh page's interpreter: so cached, with a plain loop, and a typed array that sorts
  // numerically in native code instead of calling a JS comparator per comparison.
  const gaps = new Float64Array(points.length - 1);
  let prev = points[0]?.[0] ?? 0;
  for (let i = 1; i < points.length; i++) {
    const t = points[i]?.[0] ?? prev;
    gaps[i - 1] = t - prev;
    prev = t;
  }
  gaps.sort();
  const step = gaps[Math.floor(gaps.length / 2)] ?? 0;
  stepCache.set(points, step);
  return step;
}

/** Grid times from..to (inclusive of from) every `stepMs`. */
export function makeGrid(fromMs: number, toMs: number, stepMs: number): number[] {
  const grid: number[] = [];
  if (!(stepMs > 0) || fromMs > toMs) return grid;
  for (let t = fromMs; t <= toMs; t += stepMs) grid.push(t);
  return grid;
}

/** Index of the last point at or before `t` (points sorted by time), or -1. */
function lastAtOrBefore(points: readonly SeriesPoint[], t: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid]?.[0] ?? Infinity) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The value a series had at `t`: its last point at or before `t`, if that point is no older
 * than `maxAgeMs` (a poll that went missing must not look like a flat line). Null otherwise.
 */
export function valueAt(points: readonly SeriesPoint[], t: number, maxAgeMs: number): number | null {
  const i = lastAtOrBefore(points, t);
  const p = i >= 0 ? points[i] : undefined;
  if (!p || t - p[0] > maxAgeMs) return null;
  return p[1] !== null && Number.isFinite(p[1]) ? p[1] : null;
}

/**
 * Mean of the finite points in each grid bucket [g, g + step); null for an empty bucket.
 * This is how two series with different timestamps are put side by side for correlation.
 */
export function bucketMeans(points: readonly SeriesPoint[], grid: readonly number[], stepMs: number): (number | null)[] {
  const sums = new Array<number>(grid.length).fill(0);
  const counts = new Array<number>(grid.length).fill(0);
  const start = grid[0];
  if (start === undefined) return [];
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) continue;
    const i = Math.floor((t - start) / stepMs);
    if (i < 0 || i >= grid.length) continue;
    sums[i] = (sums[i] ?? 0) + v;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return sums.map((s, i) => ((counts[i] ?? 0) > 0 ? s / (counts[i] ?? 1) : null));
}

export type Aggregate = 'max' | 'avg' | 'sum';

/**
 * Several series combined on one grid: at each grid time every series contributes its last value
 * (no older than `maxAgeMs`). Series without a value there are left out; a time where none has one
 * is a gap. Server-side downsampling picks different timestamps per series, hence the grid.
 */
export function aggregate(
  series: readonly (readonly SeriesPoint[])[],
  grid: readonly number[],
  how: Aggregate,
  maxAgeMs: number,
): SeriesPoint[] {
  return grid.map((t): SeriesPoint => {
    let acc: number | null = null;
    let n = 0;
    for (const points of series) {
      const v = valueAt(points, t, maxAgeMs);
      if (v === null) continue;
      n++;
      acc = acc === null ? v : how === 'max' ? Math.max(acc, v) : acc + v;
    }
    if (acc === null) return [t, null];
    return [t, how === 'avg' ? acc / n : acc];
  });
}

/** The grid used for combined lines: no finer than the data, no more than `maxPoints` cells. */
export function gridFor(
  series: readonly (readonly SeriesPoint[])[],
  fromMs: number,
  toMs: number,
  maxPoints: number,
): { grid: number[]; stepMs: number } {
  const steps = series.map(nativeStep).filter((s) => s > 0);
  const finest = steps.length ? Math.min(...steps) : 0;
  const stepMs = Math.max(finest, Math.ceil((toMs - fromMs) / Math.max(1, maxPoints - 1)), 1000);
  // Aligned to the step, so a live window moving on does not shift every combined point.
  const first = Math.floor(fromMs / stepMs) * stepMs;
  return { grid: makeGrid(first, toMs, stepMs), stepMs };
}

/** How old a last value may be and still count at a grid time: a few of the data's own steps. */
function holdFor(series: readonly (readonly SeriesPoint[])[], stepMs: number): number {
  const steps = series.map(nativeStep).filter((s) => s > 0);
  const coarsest = steps.length ? Math.max(...steps) : stepMs;
  return Math.max(stepMs, coarsest) * 2.5;
}

/** Several series as one line on a shared grid (see `aggregate`); the input points when there is only one. */
export function combine(series: readonly (readonly SeriesPoint[])[], how: Aggregate, win: TimeWindow, maxPoints: number): SeriesPoint[] {
  const only = series[0];
  if (series.length === 1 && only) return [...only];
  if (series.length === 0) return [];
  const { grid, stepMs } = gridFor(series, win.fromMs, win.toMs, maxPoints);
  return aggregate(series, grid, how, holdFor(series, stepMs));
}

const labelKey = (labels: Record<string, string>): string =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');

/**
 * One series per label set. Two sources can report the same thing (the demo profile scrapes queue
 * depth from the exporter and from AsynqMon); summing both would double the backlog. The series
 * with the newest sample wins, then the one with more points.
 */
export function dedupeByLabels(series: readonly SeriesData[]): SeriesData[] {
  const best = new Map<string, SeriesData>();
  const newest = (s: SeriesData): number => s.points[s.points.length - 1]?.[0] ?? -Infinity;
  for (const s of series) {
    const key = labelKey(s.labels);
    const cur = best.get(key);
    if (!cur || newest(s) > newest(cur) || (newest(s) === newest(cur) && s.points.length > cur.points.length)) best.set(key, s);
  }
  return [...best.values()];
}

function gpuLabel(labels: Record<string, string>): string {
  const node = labels.node ?? '?';
  return labels.gpu !== undefined ? `${node} GPU ${labels.gpu}` : node;
}

const natural = new Intl.Collator('en', { numeric: true }).compare;

function byLabel(a: SeriesData, b: SeriesData): number {
  return natural(gpuLabel(a.labels), gpuLabel(b.labels));
}

/** GPU memory lines for a mode: per GPU / per node as stored, or the pool's max and mean. */
export function gpuLines(
  perGpu: readonly SeriesData[],
  perNode: readonly SeriesData[],
  mode: GpuMode,
  win: TimeWindow,
  maxPoints: number,
): ChartSeries[] {
  if (mode === 'pool') {
    const gpus = dedupeByLabels(perGpu);
    if (gpus.length === 0) return [];
    const pts = gpus.map((s) => s.points);
    const n = gpus.length;
    return [
      {
        key: 'gpu:max',
        label: `GPU memory, max of ${n}`,
        axis: 'gpu',
        color: '#4cc9ff',
        dashed: false,
        points: combine(pts, 'max', win, maxPoints),
      },
      {
        key: 'gpu:avg',
        label: `GPU memory, mean of ${n}`,
        axis: 'gpu',
        color: '#7ee0d0',
        dashed: true,
        points: combine(pts, 'avg', win, maxPoints),
      },
    ];
  }
  const source = dedupeByLabels(mode === 'node' ? perNode : perGpu).sort(byLabel);
  const nodes = [...new Set(source.map((s) => s.labels.node ?? '?'))];
  const gpusOf = (node: string): SeriesData[] => source.filter((s) => (s.labels.node ?? '?') === node);
  return source.map((s) => {
    const node = s.labels.node ?? '?';
    const siblings = gpusOf(node);
    return {
      key: `gpu:${s.id}`,
      label: gpuLabel(s.labels),
      axis: 'gpu',
      color: nodeColor(nodes.indexOf(node), siblings.indexOf(s), siblings.length),
      dashed: false,
      points: s.points,
    };
  });
}

/** Queue names present in the stored queue.depth series, sorted. */
export function queueNames(series: readonly SeriesData[]): string[] {
  return [...new Set(series.map((s) => s.labels.queue).filter((q): q is string => q !== undefined))].sort();
}

function sumLine(
  key: string,
  label: string,
  color: string,
  members: readonly SeriesData[],
  win: TimeWindow,
  maxPoints: number,
): ChartSeries | null {
  if (members.length === 0) return null;
  const points = combine(
    members.map((m) => m.points),
    'sum',
    win,
    maxPoints,
  );
  return { key, label, axis: 'queue', color, dashed: true, points };
}

/** Queue depth lines: by state (summed over the chosen queues) or by queue (summed over the chosen states). */
export function queueLines(series: readonly SeriesData[], view: QueueView, win: TimeWindow, maxPoints: number): ChartSeries[] {
  const wanted = dedupeByLabels(series).filter((s) => view.states.includes(s.labels.state as QueueState));
  const out: (ChartSeries | null)[] = [];
  if (view.queue === 'each') {
    queueNames(wanted).forEach((q, i) => {
      const members = wanted.filter((s) => s.labels.queue === q);
      out.push(
        sumLine(
          `queue:${q}`,
          `${q} (${view.states.join('+')})`,
          QUEUE_PALETTE[i % QUEUE_PALETTE.length] ?? '#ffb020',
          members,
          win,
          maxPoints,
        ),
      );
    });
  } else {
    const scoped = view.queue === 'all' ? wanted : wanted.filter((s) => s.labels.queue === view.queue);
    const scope = view.queue === 'all' ? 'all queues' : view.queue;
    for (const state of view.states) {
      const members = scoped.filter((s) => s.labels.state === state);
      out.push(sumLine(`queue:${state}`, `${state}, ${scope}`, STATE_COLORS[state], members, win, maxPoints));
    }
  }
  return out.filter((s): s is ChartSeries => s !== null);
}

export interface DrawnStats {
  /** Points the lines actually draw (nulls are gaps, not points). */
  drawn: number;
  /** The highest value drawn on each axis (null when that axis draws nothing): what the chart shows at its peak. */
  gpuMax: number | null;
  queueMax: number | null;
}

/** What the chart and its axes need to know about the drawn points, in one pass over them (they are many, on a cold page). */
export function drawnStats(series: readonly ChartSeries[]): DrawnStats {
  let drawn = 0;
  let gpuMax: number | null = null;
  let queueMax: number | null = null;
  // Indexed loops: they run over every drawn point on a fresh page's first paint.
  for (const s of series) {
    let max: number | null = null;
    for (let i = 0; i < s.points.length; i++) {
      const v = s.points[i]?.[1] ?? null;
      if (v === null) continue;
      drawn++;
      if (max === null || v > max) max = v;
    }
    if (max === null) continue;
    if (s.axis === 'gpu') gpuMax = gpuMax === null ? max : Math.max(gpuMax, max);
    else queueMax = queueMax === null ? max : Math.max(queueMax, max);
  }
  return { drawn, gpuMax, queueMax };
}
