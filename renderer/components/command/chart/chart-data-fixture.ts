import type { TimeWindow } from '../../../../shared/chart/chart-data';
import type { ChartData } from './useChartData';

/** Test-only: chart data for `win` with no series, no markers and nothing stored; tests override what they need. */
export function chartDataFixture(win: TimeWindow, overrides: Partial<ChartData> = {}): ChartData {
  return {
    win,
    gpuMode: 'gpu',
    perGpu: [],
    perNode: [],
    queue: [],
    restarts: [],
    oom: [],
    alerts: [],
    storedPoints: 0,
    downsampled: false,
    newestAt: null,
    fetchedAt: 0,
    maxPoints: 1_500,
    partial: [],
    ...overrides,
  };
}
