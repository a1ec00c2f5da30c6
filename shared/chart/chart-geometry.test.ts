import { describe, expect, it } from 'vitest';
import { linePath, linearScale, nearestLine, queueAxisTop, queueTicks, tenths, timeTicks } from './chart-geometry';
import type { ChartSeries } from './chart-data';

const T0 = 1_699_999_995_000;

describe('timeTicks', () => {
  const H = 3_600_000;
  const base = Date.UTC(2025, 10, 22, 14, 7, 0);
  it('places round ticks on UTC boundaries, no more than asked for', () => {
    const hour = Date.UTC(2025, 10, 22, 14, 0, 0);
    expect(timeTicks(base, base + H, 8)).toEqual([10, 20, 30, 40, 50, 60].map((m) => hour + m * 60_000));
    expect(timeTicks(base, base + H, 5)).toEqual([15, 30, 45, 60].map((m) => hour + m * 60_000));
    const day = timeTicks(base, base + 24 * H, 8);
    expect(day.length).toBeLessThanOrEqual(8);
    expect(day.every((t) => t % (3 * H) === 0)).toBe(true);
    expect(timeTicks(base, base + 60_000, 7)).toHaveLength(7);
    expect(timeTicks(base, base, 6)).toEqual([]);
  });
});

describe('linearScale', () => {
  it('applies a linear scale as a + b·v, and gives back any other scale unchanged', () => {
    const time = (t: number): number => 40 + ((t - T0) / 86_400_000) * 600;
    const fast = linearScale(time, T0, T0 + 3_600_000);
    expect(fast).not.toBe(time);
    for (const t of [T0, T0 + 12_345_678, T0 + 86_400_000, T0 - 5_000]) expect(fast(t)).toBeCloseTo(time(t), 9);
    const sqrt = (v: number): number => Math.sqrt(v) * 10;
    expect(linearScale(sqrt, 0, 1)).toBe(sqrt);
    const partial = (v: number): number | undefined => (v > 1 ? undefined : v);
    expect(linearScale(partial, 0, 1)).toBe(partial);
  });
});

describe('tenths', () => {
  it('prints a coordinate rounded to 0.1 px exactly as String(Math.round(v * 10) / 10) does', () => {
    const samples = [0, -0, 0.04, 0.05, 0.06, 1, 9.95, 10, 12.34, 99.99, 123456.78, -0.04, -0.05, -0.06, -3.21, -1_000.5];
    for (let i = 0; i < 2_000; i++) samples.push((i * 7.3217) % 1_500, -((i * 3.1) % 40));
    for (const v of samples) expect(tenths(v)).toBe(String(Math.round(v * 10) / 10));
  });
});

describe('linePath', () => {
  it('scales points into a path and lifts the pen at gaps and unplaceable points', () => {
    const x = (t: number): number => t / 10;
    const y = (v: number): number | undefined => (v > 100 ? undefined : 100 - v);
    expect(
      linePath(
        [
          [0, 10],
          [10, 20],
          [20, null],
          [30, 50],
          [40, 500],
          [50, 60],
        ],
        x,
        y,
      ),
    ).toBe('M0,90L1,80M3,50M5,40');
    expect(linePath([], x, y)).toBe('');
  });
});

describe('queueAxisTop', () => {
  it('rounds up above the highest queue value, at least 5', () => {
    expect(queueAxisTop(3)).toBe(5);
    expect(queueAxisTop(268)).toBe(300);
    expect(queueAxisTop(1200)).toBe(1500);
    expect(queueAxisTop(null)).toBe(5);
  });
});

describe('queueTicks', () => {
  it('steps 1-2-5 from zero, whole numbers only', () => {
    expect(queueTicks(150)).toEqual([0, 50, 100, 150]);
    expect(queueTicks(300)).toEqual([0, 100, 200, 300]);
    expect(queueTicks(5)).toEqual([0, 2, 4]);
    expect(queueTicks(1500)).toEqual([0, 500, 1000, 1500]);
    expect(queueTicks(0)).toEqual([0]);
  });
});

describe('nearestLine', () => {
  const line = (key: string, axis: ChartSeries['axis'], v: number): ChartSeries => ({
    key,
    label: key,
    axis,
    color: '',
    dashed: false,
    points: [
      [0, v],
      [10_000, v],
    ],
  });
  // 100 px tall plot: share 1 at y=0, 0 at y=100; queue depth 50 at y=0.
  const yOf = (axis: ChartSeries['axis'], v: number): number => (axis === 'gpu' ? 100 - v * 100 : 100 - v * 2);
  const lines = [line('gpu:a', 'gpu', 0.8), line('gpu:b', 'gpu', 0.75), line('queue:pending', 'queue', 10)];
  const holds = [20_000, 20_000, 20_000];

  it('picks the line drawn closest to the pointer, on either axis', () => {
    expect(nearestLine(lines, 5_000, 21, holds, yOf, 14)).toBe('gpu:a');
    expect(nearestLine(lines, 5_000, 26, holds, yOf, 14)).toBe('gpu:b');
    expect(nearestLine(lines, 5_000, 79, holds, yOf, 14)).toBe('queue:pending');
  });

  it('picks none when the pointer is far from every line, or the lines have no recent value', () => {
    expect(nearestLine(lines, 5_000, 55, holds, yOf, 14)).toBeNull();
    expect(nearestLine(lines, 90_000, 20, holds, yOf, 14)).toBeNull();
  });
});
