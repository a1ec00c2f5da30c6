import { describe, expect, it } from 'vitest';
import { formatMetricValue, seriesName, windowExtremes } from './metric-values';

describe('formatMetricValue', () => {
  it('writes each metric with its unit', () => {
    expect(formatMetricValue('gpu.memory.share', 0.991)).toBe('99.1 %');
    expect(formatMetricValue('queue.depth', 1_212)).toBe('1,212 tasks');
    expect(formatMetricValue('queue.depth', 1)).toBe('1 task');
    expect(formatMetricValue('pod.restarts_total', 3)).toBe('3 restarts');
    expect(formatMetricValue('queue.latency_s', 12.54)).toBe('12.5 s');
    expect(formatMetricValue('pod.last_oom', 1)).toBe('yes (1)');
    expect(formatMetricValue('my.own', 0.1234)).toBe('0.123');
  });
});

describe('windowExtremes', () => {
  it('keeps the first time a value was reached, across series too', () => {
    const [m] = windowExtremes([
      {
        metric: 'gpu.memory.share',
        labels: { node: 'b', gpu: '1' },
        points: [
          [20, 0.9],
          [30, 0.9],
        ],
      },
      {
        metric: 'gpu.memory.share',
        labels: { node: 'a', gpu: '0' },
        points: [
          [10, 0.9],
          [40, Number.NaN],
        ],
      },
    ]);
    expect(m?.max).toEqual({ value: 0.9, t: 10, labels: { node: 'a', gpu: '0' } });
    expect(m?.points).toBe(3);
  });

  it('names the series an extreme came from', () => {
    expect(seriesName({ node: 'gpu-node-01', gpu: '3', model: 'H100' })).toBe('gpu-node-01 GPU 3');
    expect(seriesName({ queue: 'ocr', state: 'pending' })).toBe('ocr pending');
    expect(seriesName({ namespace: 'ml', pod: 'ocr-2', container: 'worker' })).toBe('ml/ocr-2 (worker)');
    expect(seriesName({ node: 'gpu-node-02' })).toBe('gpu-node-02');
    expect(seriesName({ service: 'ocr' })).toBe('service=ocr');
  });
});
