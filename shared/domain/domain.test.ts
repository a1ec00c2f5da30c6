import { describe, expect, it } from 'vitest';
import { formatDuration, responseMetrics } from './response-metrics';
import { canTransition } from './status';

describe('status transitions', () => {
  it('allows skipping forward, reopening before close, closing only once resolved', () => {
    expect(canTransition('investigating', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'investigating')).toBe(true);
    expect(canTransition('monitoring', 'closed')).toBe(false);
    expect(canTransition('resolved', 'closed')).toBe(true);
    expect(canTransition('closed', 'investigating')).toBe(false);
    expect(canTransition('identified', 'identified')).toBe(false);
  });
});

describe('response metrics', () => {
  const base = {
    impactStartedAt: 1_000_000,
    detectedAt: 1_120_000,
    declaredAt: 1_180_000,
    acknowledgedAt: 1_240_000,
    mitigatedAt: 1_900_000,
    resolvedAt: 4_600_000,
    closedAt: null,
  };
  it('computes each from its formula', () => {
    const m = Object.fromEntries(responseMetrics(base).map((x) => [x.id, x.ms]));
    expect(m).toEqual({ ttd: 120_000, tta: 120_000, ttm: 900_000, ttr: 3_600_000 });
  });
  it('leaves a metric empty when a time is missing, and falls back to detection for the start', () => {
    const m = Object.fromEntries(responseMetrics({ ...base, impactStartedAt: null, resolvedAt: null }).map((x) => [x.id, x.ms]));
    expect(m).toEqual({ ttd: null, tta: 120_000, ttm: 780_000, ttr: null });
  });
  it('formats durations compactly', () => {
    expect([formatDuration(38_000), formatDuration(252_000), formatDuration(3_900_000), formatDuration(90_000_000)]).toEqual([
      '38s',
      '4m 12s',
      '1h 05m',
      '1d 01h',
    ]);
  });
});
