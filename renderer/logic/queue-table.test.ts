import { describe, expect, it } from 'vitest';
import type { QueueStat, SeriesData } from '../../shared/domain/telemetry';
import { queueLines } from '../../shared/chart/chart-data';
import { formatDelta, formatLatency, nextSort, pendingTrends, sortQueues, trendWindow, type QueueTrend } from './queue-table';

const q = (queue: string, over: Partial<QueueStat> = {}): QueueStat => ({
  queue,
  pending: 0,
  active: 0,
  scheduled: 0,
  retry: 0,
  archived: 0,
  latencyMs: 0,
  processedToday: 0,
  failedToday: 0,
  paused: false,
  ...over,
});

const series = (id: number, sourceId: number, labels: Record<string, string>, points: [number, number | null][]): SeriesData => ({
  id,
  sourceId,
  metric: 'queue.depth',
  labels,
  points,
});

describe('nextSort', () => {
  it('flips the direction of the sorted column', () => {
    expect(nextSort({ column: 'pending', dir: 'desc' }, 'pending')).toEqual({ column: 'pending', dir: 'asc' });
  });
  it('starts numbers biggest first and names A–Z', () => {
    expect(nextSort({ column: 'pending', dir: 'asc' }, 'failed')).toEqual({ column: 'failed', dir: 'desc' });
    expect(nextSort({ column: 'pending', dir: 'asc' }, 'queue')).toEqual({ column: 'queue', dir: 'asc' });
  });
});

describe('sortQueues', () => {
  const rows = [
    q('ocr', { pending: 5, latencyMs: 900 }),
    q('echo', { pending: 50, paused: true }),
    q('batch', { pending: 5, latencyMs: 10 }),
  ];
  const names = (r: QueueStat[]): string[] => r.map((x) => x.queue);

  it('sorts by a number, ties by name', () => {
    expect(names(sortQueues(rows, { column: 'pending', dir: 'desc' }))).toEqual(['echo', 'batch', 'ocr']);
    expect(names(sortQueues(rows, { column: 'pending', dir: 'asc' }))).toEqual(['batch', 'ocr', 'echo']);
  });
  it('sorts by name, latency and paused', () => {
    expect(names(sortQueues(rows, { column: 'queue', dir: 'desc' }))).toEqual(['ocr', 'echo', 'batch']);
    expect(names(sortQueues(rows, { column: 'latency', dir: 'desc' }))).toEqual(['ocr', 'batch', 'echo']);
    expect(names(sortQueues(rows, { column: 'paused', dir: 'desc' }))[0]).toBe('echo');
  });
  it('sorts by trend, queues without one last either way', () => {
    const trends = new Map<string, QueueTrend>([
      ['ocr', { start: 10, end: 400, points: [] }],
      ['batch', { start: 10, end: 0, points: [] }],
    ]);
    expect(names(sortQueues(rows, { column: 'trend', dir: 'desc' }, trends))).toEqual(['ocr', 'batch', 'echo']);
    expect(names(sortQueues(rows, { column: 'trend', dir: 'asc' }, trends))).toEqual(['batch', 'ocr', 'echo']);
  });
  it('does not reorder its input', () => {
    const input = [...rows];
    sortQueues(input, { column: 'queue', dir: 'asc' });
    expect(names(input)).toEqual(['ocr', 'echo', 'batch']);
  });
});

describe('pendingTrends', () => {
  const win = { fromMs: 0, toMs: 1_000 };

  it('takes the value at the start of the window and the newest one, keeping gaps for the sparkline', () => {
    const points: [number, number | null][] = [
      [100, 3],
      [200, 7],
      [300, null],
      [400, 90],
    ];
    const t = pendingTrends([series(1, 1, { queue: 'echo', state: 'pending' }, points)], 250, win, 60);
    expect(t.get('echo')).toEqual({ start: 7, end: 90, points });
  });
  it('uses the first point after the start when nothing came before', () => {
    const t = pendingTrends(
      [
        series(1, 1, { queue: 'ocr', state: 'pending' }, [
          [300, 4],
          [400, 6],
        ]),
      ],
      100,
      win,
      60,
    );
    expect(t.get('ocr')?.start).toBe(4);
  });
  it('ignores other states and keeps one of two sources reporting the same queue, exactly as the chart draws it', () => {
    const all = [
      // The longer series stopped earlier: the one with the newest sample wins, as on the chart.
      series(1, 2, { queue: 'echo', state: 'pending' }, [
        [100, 1],
        [200, 2],
        [300, 3],
      ]),
      series(2, 1, { queue: 'echo', state: 'pending' }, [
        [100, 10],
        [400, 40],
      ]),
      series(3, 1, { queue: 'echo', state: 'active' }, [[100, 99]]),
    ];
    const t = pendingTrends(all, 0, win, 60).get('echo');
    expect(t).toMatchObject({ start: 10, end: 40 });
    const [drawn] = queueLines(all, { queue: 'each', states: ['pending'] }, win, 60);
    expect(t?.points).toEqual(drawn?.points);
  });
  it('sums what is left for a queue (two label sets), as the chart does', () => {
    const t = pendingTrends(
      [
        series(1, 1, { queue: 'echo', state: 'pending', instance: 'a' }, [[100, 2]]),
        series(2, 1, { queue: 'echo', state: 'pending', instance: 'b' }, [[100, 3]]),
      ],
      0,
      win,
      60,
    );
    expect(t.get('echo')?.end).toBe(5);
  });
  it('has no start or end for a series of NaNs', () => {
    expect(pendingTrends([series(1, 1, { queue: 'x', state: 'pending' }, [[1, null]])], 0, win, 60).get('x')).toEqual({
      start: null,
      end: null,
      points: [[1, null]],
    });
  });
});

describe('formatting', () => {
  it.each([
    [0, '0'],
    [850, '850ms'],
    [12_400, '12.4s'],
    [200_000, '3m 20s'],
    [7_500_000, '2h 05m'],
  ])('latency %d → %s', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });
  it('writes deltas with a sign', () => {
    expect(formatDelta(1200)).toBe('+1,200');
    expect(formatDelta(-4)).toBe('−4');
    expect(formatDelta(0)).toBe('±0');
    expect(formatDelta(null)).toBe('–');
  });
});

describe('trendWindow', () => {
  const NOW = 1_700_000_000_000;
  it('runs from a lead-in before the incident start to now', () => {
    expect(trendWindow(NOW - 600_000, NOW - 3_600_000, NOW)).toEqual({ sinceMs: NOW - 600_000, fromMs: NOW - 1_500_000, toMs: NOW });
  });
  it('runs over the shown window without an incident, up to now', () => {
    expect(trendWindow(null, NOW - 7_200_000, NOW)).toEqual({ sinceMs: NOW - 7_200_000, fromMs: NOW - 7_200_000, toMs: NOW });
  });
});
