import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../../shared/domain/incident';
import { nsToMs, pinnedLines, pinnedLogOf, pinnedMetricOf } from './evidence-data';

describe('pinnedLogOf', () => {
  it('reads the pinned line as the pin input carries it', () => {
    const pinned = pinnedLogOf({
      query: '{job=~".+"}',
      line: { tNs: '1767225600123456789', labels: { app: 'ocr-worker', n: 3 }, line: 'level=error msg=boom' },
      comment: '',
    });
    expect(pinned).toEqual({
      line: 'level=error msg=boom',
      labels: { app: 'ocr-worker' },
      tNs: '1767225600123456789',
      tMs: 1767225600123,
      query: '{job=~".+"}',
      comment: null,
    });
  });
  it('reads the same fields flat, preferring an explicit tMs', () => {
    expect(pinnedLogOf({ line: 'x', labels: { a: 'b' }, tNs: '1000000000', tMs: 7 })).toMatchObject({
      line: 'x',
      labels: { a: 'b' },
      tMs: 7,
    });
  });
  it('gives up on data without a line instead of throwing', () => {
    expect(pinnedLogOf(null)).toBeNull();
    expect(pinnedLogOf({ line: 42 })).toBeNull();
    expect(pinnedLogOf({ line: { line: null } })).toBeNull();
  });
});

describe('nsToMs', () => {
  it('drops the nanosecond digits without float rounding', () => {
    expect(nsToMs('1767225600999999999')).toBe(1767225600999);
    expect(nsToMs('abc')).toBeNull();
  });
});

describe('pinnedMetricOf', () => {
  it('summarises each metric on its own: a share and a task count never share a min or max', () => {
    const pinned = pinnedMetricOf({
      metrics: ['gpu.memory.share', 'queue.depth'],
      fromMs: 1,
      toMs: 2,
      series: [
        {
          metric: 'gpu.memory.share',
          labels: { node: 'n1', gpu: '3' },
          points: [
            [1, 0.5],
            [2, null],
            [3, 0.991],
            [4, 0.991],
          ],
        },
        { metric: 'gpu.memory.share', labels: { node: 'n1', gpu: '0' }, points: [[1, 0.196]] },
        {
          metric: 'queue.depth',
          labels: { queue: 'ocr', state: 'pending' },
          points: [
            [5, 1_212],
            [6, 3],
          ],
        },
        'garbage',
      ],
    });
    expect(pinned).toMatchObject({
      metrics: ['gpu.memory.share', 'queue.depth'],
      fromMs: 1,
      toMs: 2,
      seriesCount: 3,
      pointCount: 6,
      comment: null,
    });
    expect(pinned?.extremes).toEqual([
      {
        metric: 'gpu.memory.share',
        title: 'GPU memory used',
        series: 2,
        points: 4,
        max: { value: 0.991, t: 3, labels: { node: 'n1', gpu: '3' } },
        min: { value: 0.196, t: 1, labels: { node: 'n1', gpu: '0' } },
      },
      {
        metric: 'queue.depth',
        title: 'Queue depth',
        series: 1,
        points: 2,
        max: { value: 1_212, t: 5, labels: { queue: 'ocr', state: 'pending' } },
        min: { value: 3, t: 6, labels: { queue: 'ocr', state: 'pending' } },
      },
    ]);
  });
  it('survives series without points and says when there is nothing', () => {
    expect(pinnedMetricOf({ metrics: ['x'], series: [{ points: 'no' }] })).toMatchObject({
      seriesCount: 1,
      extremes: [{ min: null, max: null }],
    });
    expect(pinnedMetricOf({})).toBeNull();
    expect(pinnedMetricOf([1, 2])).toBeNull();
  });
});

describe('pinnedLines', () => {
  const event = (id: number, kind: TimelineEvent['kind'], data: Record<string, unknown>): TimelineEvent => ({
    id,
    incidentId: 1,
    at: id,
    kind,
    actor: 'a',
    summary: 's',
    data,
  });

  it('lists the lines pinned on the timeline, skipping other events and pins without a time', () => {
    const events = [
      event(1, 'note', { line: 'not a pin', tNs: '1767225600000000001' }),
      event(2, 'pin-log', { tNs: '1767225600123456789', labels: { app: 'ocr' }, line: 'boom' }),
      event(3, 'pin-log', { line: { tNs: '1767225600999999999', labels: {}, line: 'x' } }),
      event(4, 'pin-log', { line: 'no time' }),
    ];
    expect(pinnedLines(events)).toEqual([
      { tNs: '1767225600123456789', labels: { app: 'ocr' } },
      { tNs: '1767225600999999999', labels: {} },
    ]);
  });
});
