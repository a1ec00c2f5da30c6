import { describe, expect, it } from 'vitest';
import type { SeriesData } from '../../../../shared/domain/telemetry';
import { INCIDENT_LEAD_IN_MS } from '../../../logic/view-range';
import { chartDataFixture } from '../chart/chart-data-fixture';
import type { ChartData } from '../chart/useChartData';
import { trendsFromChart } from './useQueueTrends';

const NOW = 1_700_000_000_000;
const START = NOW - 30 * 60_000;

const depth = (id: number, state: string, points: [number, number][]): SeriesData => ({
  id,
  sourceId: 1,
  metric: 'queue.depth',
  labels: { queue: 'ocr', state },
  points,
});

function chart(fromMs: number, toMs = NOW): ChartData {
  const queue = [
    depth(1, 'pending', [
      [START - 60_000, 5],
      [START + 60_000, 12],
      [NOW - 1_000, 40],
    ]),
    depth(2, 'active', [[NOW - 1_000, 3]]),
  ];
  return chartDataFixture({ fromMs, toMs }, { queue, storedPoints: 4, newestAt: NOW - 1_000, fetchedAt: NOW });
}

describe('trendsFromChart', () => {
  it('takes the pending trend from the chart when its live window covers the incident and its lead-in', () => {
    const t = trendsFromChart(chart(NOW - 3_600_000), true, START);
    expect(t?.sinceMs).toBe(START);
    expect(t?.win).toEqual({ fromMs: START - INCIDENT_LEAD_IN_MS, toMs: NOW });
    expect(t?.trends.get('ocr')).toMatchObject({ start: 5, end: 40 });
  });

  it('uses the chart window itself without an incident', () => {
    const t = trendsFromChart(chart(NOW - 900_000), true, null);
    expect(t?.win).toEqual({ fromMs: NOW - 900_000, toMs: NOW });
  });

  it('leaves it to a read of its own when the chart cannot answer', () => {
    // The window ends in the past (a zoom): the table shows current figures.
    expect(trendsFromChart(chart(NOW - 3_600_000, NOW - 600_000), false, START)).toBeNull();
    // The window starts after the lead-in before the incident.
    expect(trendsFromChart(chart(NOW - 900_000), true, START)).toBeNull();
    expect(trendsFromChart(null, true, START)).toBeNull();
  });
});
