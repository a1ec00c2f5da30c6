import { describe, expect, it } from 'vitest';
import type { SeriesData, SeriesPoint } from '../domain/telemetry';
import { aggregate, dedupeByLabels, bucketMeans, drawnStats, gpuLines, makeGrid, nativeStep, queueLines, valueAt } from './chart-data';

const T0 = 1_699_999_995_000; // a multiple of the 15 s step, as aligned grids are
const S = 15_000;

function pts(values: (number | null)[], start = T0, step = S): SeriesPoint[] {
  return values.map((v, i) => [start + i * step, v]);
}

function sd(id: number, metric: string, labels: Record<string, string>, points: SeriesPoint[]): SeriesData {
  return { id, sourceId: 1, metric, labels, points };
}

describe('valueAt', () => {
  const p = pts([1, 2, null, 4]);
  it('takes the last point at or before t, within the allowed age', () => {
    expect(valueAt(p, T0 + S + 5000, S)).toBe(2);
    expect(valueAt(p, T0 + 3 * S, S)).toBe(4);
    expect(valueAt(p, T0 - 1, S)).toBeNull();
    expect(valueAt(p, T0 + 3 * S + 2 * S, S)).toBeNull();
  });
  it('treats a NaN sample (null) as no value', () => {
    expect(valueAt(p, T0 + 2 * S, S)).toBeNull();
  });
});

describe('grids', () => {
  it('makes an inclusive grid and finds the native step', () => {
    expect(makeGrid(0, 30, 10)).toEqual([0, 10, 20, 30]);
    expect(makeGrid(0, 30, 0)).toEqual([]);
    expect(nativeStep(pts([1, 2, 3, 4]))).toBe(S);
    expect(nativeStep(pts([1]))).toBe(0);
  });

  it('averages points into buckets and leaves empty buckets null', () => {
    const grid = [T0, T0 + 2 * S, T0 + 4 * S];
    expect(bucketMeans(pts([1, 3, null, null, 10]), grid, 2 * S)).toEqual([2, null, 10]);
  });
});

describe('aggregate', () => {
  it('combines series sampled at different times on one grid', () => {
    const a = pts([0.5, 0.6, 0.7]);
    const b = pts([0.9, 0.1, 0.3], T0 + 5000);
    const grid = [T0 + 10_000, T0 + 25_000, T0 + 40_000];
    expect(aggregate([a, b], grid, 'max', S)).toEqual([
      [T0 + 10_000, 0.9],
      [T0 + 25_000, 0.6],
      [T0 + 40_000, 0.7],
    ]);
    const sum = aggregate([a, b], grid, 'sum', S).map((p) => p[1]);
    expect(sum[0]).toBeCloseTo(1.4);
    const avg = aggregate([a, b], grid, 'avg', S).map((p) => p[1]);
    expect(avg[2]).toBeCloseTo(0.5);
  });

  it('leaves a gap where no series has a recent value', () => {
    const a = pts([1, 2]);
    expect(aggregate([a], [T0 + 10 * S], 'max', S)).toEqual([[T0 + 10 * S, null]]);
  });
});

describe('gpuLines', () => {
  const win = { fromMs: T0, toMs: T0 + 4 * S };
  const perGpu = [
    sd(1, 'gpu.memory.share', { node: 'gpu-b', gpu: '0', model: 'A100' }, pts([0.2, 0.3, 0.4, 0.5, 0.6])),
    sd(2, 'gpu.memory.share', { node: 'gpu-a', gpu: '10', model: 'A100' }, pts([0.9, 0.9, 0.95, 0.97, 0.99])),
    sd(3, 'gpu.memory.share', { node: 'gpu-a', gpu: '2', model: 'A100' }, pts([0.1, 0.1, 0.1, 0.1, 0.1])),
  ];
  const perNode = [sd(9, 'node.gpu.memory.share', { node: 'gpu-a' }, pts([0.5, 0.5, 0.5, 0.5, 0.5]))];

  it('draws one line per GPU in node / GPU order, as stored', () => {
    const lines = gpuLines(perGpu, perNode, 'gpu', win, 1500);
    expect(lines.map((l) => l.label)).toEqual(['gpu-a GPU 2', 'gpu-a GPU 10', 'gpu-b GPU 0']);
    expect(lines[0]?.points).toBe(perGpu[2]?.points);
  });

  it('colours lines by node: one hue per node, the GPUs of a node in shades of it', () => {
    const lines = gpuLines(perGpu, perNode, 'gpu', win, 1500);
    const hue = (c: string | undefined): string => /^hsl\((\d+) /.exec(c ?? '')?.[1] ?? '';
    const light = (c: string | undefined): string => / (\d+)%\)$/.exec(c ?? '')?.[1] ?? '';
    const [a2, a10, b0] = lines;
    expect(hue(a2?.color)).toBe(hue(a10?.color));
    expect(hue(b0?.color)).not.toBe(hue(a2?.color));
    expect(light(a2?.color)).not.toBe(light(a10?.color));
    // The same node keeps its hue in per-node mode.
    expect(hue(gpuLines(perGpu, perNode, 'node', win, 1500)[0]?.color)).toBe(hue(a2?.color));
  });

  it('draws per-node lines from the node metric', () => {
    expect(gpuLines(perGpu, perNode, 'node', win, 1500).map((l) => l.label)).toEqual(['gpu-a']);
  });

  it('draws the pool max and mean', () => {
    const [max, avg] = gpuLines(perGpu, perNode, 'pool', win, 1500);
    expect(max?.points.map((p) => p[1])).toEqual([0.9, 0.9, 0.95, 0.97, 0.99]);
    expect(avg?.points[0]?.[1]).toBeCloseTo(0.4);
    expect(gpuLines([], perNode, 'pool', win, 1500)).toEqual([]);
  });

  it('never puts more than maxPoints on a combined line', () => {
    const long = pts(
      Array.from({ length: 5760 }, (_, i) => i / 5760),
      T0,
    );
    const big = { fromMs: T0, toMs: T0 + 5760 * S };
    const [max] = gpuLines(
      [sd(1, 'gpu.memory.share', { node: 'a', gpu: '0' }, long), sd(2, 'gpu.memory.share', { node: 'a', gpu: '1' }, long)],
      [],
      'pool',
      big,
      1500,
    );
    expect(max?.points.length).toBeLessThanOrEqual(1500);
    expect(drawnStats(max ? [max] : []).drawn).toBeGreaterThan(1400);
  });
});

describe('queueLines', () => {
  const win = { fromMs: T0, toMs: T0 + 2 * S };
  const q = (id: number, queue: string, state: string, values: number[]): SeriesData =>
    sd(id, 'queue.depth', { queue, state }, pts(values));
  const series = [
    q(1, 'ocr', 'pending', [1, 2, 3]),
    q(2, 'echo', 'pending', [10, 10, 10]),
    q(3, 'ocr', 'retry', [0, 5, 9]),
    q(4, 'ocr', 'active', [7, 7, 7]),
  ];

  it('sums each state over all queues', () => {
    const lines = queueLines(series, { queue: 'all', states: ['pending', 'retry'] }, win, 1500);
    expect(lines.map((l) => l.label)).toEqual(['pending, all queues', 'retry, all queues']);
    expect(lines[0]?.points.map((p) => p[1])).toEqual([11, 12, 13]);
    expect(lines[1]?.points).toEqual(series[2]?.points);
  });

  it('shows one queue by state, or each queue summed over the chosen states', () => {
    expect(queueLines(series, { queue: 'echo', states: ['pending', 'retry'] }, win, 1500).map((l) => l.label)).toEqual(['pending, echo']);
    const each = queueLines(series, { queue: 'each', states: ['pending', 'retry'] }, win, 1500);
    expect(each.map((l) => l.label)).toEqual(['echo (pending+retry)', 'ocr (pending+retry)']);
    expect(each[1]?.points.map((p) => p[1])).toEqual([1, 7, 12]);
  });
});

describe('dedupeByLabels', () => {
  it('keeps one series per label set, the freshest, so two sources do not double a sum', () => {
    const fromExporter = { ...sd(1, 'queue.depth', { queue: 'ocr', state: 'pending' }, pts([5, 6])), sourceId: 1 };
    const fromAsynqmon = { ...sd(2, 'queue.depth', { state: 'pending', queue: 'ocr' }, pts([5, 6, 7])), sourceId: 2 };
    const win = { fromMs: T0, toMs: T0 + 2 * S };
    const [line] = queueLines([fromExporter, fromAsynqmon], { queue: 'all', states: ['pending'] }, win, 1500);
    expect(line?.points.map((p) => p[1])).toEqual([5, 6, 7]);
    expect(dedupeByLabels([fromExporter, fromAsynqmon]).map((s) => s.id)).toEqual([2]);
  });
});

describe('drawnStats', () => {
  it('counts drawn points and finds the peak drawn on each axis', () => {
    const line = (axis: 'gpu' | 'queue', values: (number | null)[]) => ({
      key: axis,
      label: axis,
      axis,
      color: '',
      dashed: false,
      points: pts(values),
    });
    expect(drawnStats([line('gpu', [0.2, null, 0.9]), line('gpu', [0.4]), line('queue', [40, 7])])).toEqual({
      drawn: 5,
      gpuMax: 0.9,
      queueMax: 40,
    });
    expect(drawnStats([line('gpu', [null])])).toEqual({ drawn: 0, gpuMax: null, queueMax: null });
    expect(drawnStats([line('gpu', [0.5])]).queueMax).toBeNull();
  });
});
