import { describe, expect, it } from 'vitest';
import type { GpuStat, SeriesData, SeriesPoint } from '../../shared/domain/telemetry';
import { missingGpus, nodeRows, podShortName, shareTone, trendFor } from './gpu-grid';

const gpu = (node: string, id: string, share: number | null): GpuStat => ({
  node,
  gpu: id,
  model: 'A100-SXM4-80GB',
  share,
  usedMiB: share === null ? 0 : Math.round(share * 81920),
  totalMiB: share === null ? 0 : 81920,
  namespace: null,
  pod: null,
});

describe('gpu grid', () => {
  it('names the tone of a share, near full from 90 %', () => {
    expect([0.2, 0.75, 0.899, 0.9, 1, null].map(shareTone)).toEqual(['ok', 'warn', 'warn', 'full', 'full', 'unknown']);
  });

  it('groups GPUs by node in natural order and counts the full ones', () => {
    const rows = nodeRows([
      gpu('gpu-node-10', '0', 0.1),
      gpu('gpu-node-2', '10', 0.95),
      gpu('gpu-node-2', '2', 0.92),
      gpu('gpu-node-2', '3', null),
    ]);
    expect(rows.map((r) => [r.node, r.gpus.map((g) => g.gpu), r.full])).toEqual([
      ['gpu-node-2', ['2', '3', '10'], 2],
      ['gpu-node-10', ['0'], 0],
    ]);
  });

  it('finds the trend series of one GPU', () => {
    const points: SeriesPoint[] = [[1, 0.5]];
    const series = [{ id: 1, sourceId: 1, metric: 'gpu.memory.share', labels: { node: 'a', gpu: '1' }, points }];
    expect(trendFor(series, 'a', '1')).toBe(points);
    expect(trendFor(series, 'a', '2')).toBeNull();
  });

  it('lists GPUs whose series ended before the snapshot as missing, with when they were last seen', () => {
    const present = [gpu('n1', '0', 0.5)];
    const series: SeriesData[] = [
      { id: 1, sourceId: 1, metric: 'gpu.memory.share', labels: { node: 'n1', gpu: '0' }, points: [[100, 0.5]] as SeriesPoint[] },
      // n2's GPU fell off the bus at t=50; a second source saw it until 60.
      {
        id: 2,
        sourceId: 1,
        metric: 'gpu.memory.share',
        labels: { node: 'n2', gpu: '0', model: 'A100' },
        points: [[50, 0.8]] as SeriesPoint[],
      },
      { id: 3, sourceId: 2, metric: 'gpu.memory.share', labels: { node: 'n2', gpu: '0' }, points: [[60, 0.81]] as SeriesPoint[] },
      // Reported after the snapshot was taken: new, not missing.
      { id: 4, sourceId: 1, metric: 'gpu.memory.share', labels: { node: 'n3', gpu: '0' }, points: [[120, 0.1]] as SeriesPoint[] },
    ];
    const missing = missingGpus(present, series, 100);
    expect(missing).toEqual([{ node: 'n2', gpu: '0', model: '', lastSeenAt: 60, lastShare: 0.81 }]);
    const rows = nodeRows(present, missing);
    expect(rows.map((r) => [r.node, r.gpus.length, r.missing.map((m) => m.gpu)])).toEqual([
      ['n1', 1, []],
      ['n2', 0, ['0']],
    ]);
  });

  it('shortens a Deployment pod to its workload and suffix, and keeps other names whole', () => {
    expect(podShortName('ocr-worker-rnkr8zm22w-x8k2q')).toBe('ocr-worker ·x8k2q');
    expect(podShortName('translation-worker-7f9c2d8b4-bq2zx')).toBe('translation-worker ·bq2zx');
    expect(podShortName('jupyter-chen')).toBe('jupyter-chen');
    expect(podShortName('minio-0')).toBe('minio-0');
  });
});
