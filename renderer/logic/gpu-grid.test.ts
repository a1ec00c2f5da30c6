import { describe, expect, it } from 'vitest';
import type { GpuStat, SeriesPoint } from '../../shared/domain/telemetry';
import { nodeRows, shareTone, trendFor } from './gpu-grid';

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
});
