import { describe, expect, it } from 'vitest';
import { METRICS } from '../../shared/domain/telemetry';
import { guardSamples, implausible, METRIC_DOMAINS, plausibleGpuMemory } from './sample-domain';

describe('sample domains', () => {
  it('keeps NaN as a gap and refuses what is not finite or out of range', () => {
    const share = METRIC_DOMAINS[METRICS.gpuMemoryShare];
    if (!share) throw new Error('no share domain');
    expect(implausible(Number.NaN, share)).toBeNull();
    expect(implausible(0.99, share)).toBeNull();
    expect(implausible(Number.POSITIVE_INFINITY, share)).toBe('not finite');
    expect(implausible(-0.2, share)).toBe('out of range');
    expect(implausible(1.2, share)).toBe('out of range');
  });

  it('holds backfilled history to the same domains, clamping float noise on shares', () => {
    const at = (value: number, metric: string = METRICS.queueDepth) => ({
      metric,
      labels: { queue: 'q', state: 'pending' },
      tMs: 1,
      value,
    });
    const { samples, refused } = guardSamples(
      [at(3), at(-1), at(1e15), at(Number.NEGATIVE_INFINITY), at(1 + 1e-9, METRICS.fsUsedShare)],
      'Prometheus "prod"',
    );
    expect(samples.map((s) => s.value)).toEqual([3, 1]);
    expect(refused.map((e) => e.message)).toEqual([
      '2 queue depth values out of range 0–1,000,000,000 from Prometheus "prod", not stored (e.g. queue="q",state="pending": -1)',
      '1 queue depth value not finite (±Inf) from Prometheus "prod", not stored (e.g. queue="q",state="pending": -Inf)',
    ]);
  });

  it('a GPU needs non-negative framebuffer numbers, used within total', () => {
    expect(plausibleGpuMemory(1000, 4000)).toBe(true);
    expect(plausibleGpuMemory(-5, 4000)).toBe(false);
    expect(plausibleGpuMemory(5000, 4000)).toBe(false);
    expect(plausibleGpuMemory(1, 1e15)).toBe(false);
  });
});
