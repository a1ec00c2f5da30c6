import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chartDataFixture } from './command/chart/chart-data-fixture';
import { ChartFooter } from './command/chart/ChartFooter';
import { DataAge } from './DataAge';

const NOW = 1_763_820_000_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DataAge', () => {
  it('says how old data is, and calls it stale after three poll intervals', () => {
    expect(renderToStaticMarkup(<DataAge at={NOW - 42_000} intervalMs={15_000} testId="age" />)).toBe(
      '<span class="data-age" data-testid="age" data-stale="false">42s old</span>',
    );
    const late = renderToStaticMarkup(<DataAge at={NOW - 46_000} intervalMs={15_000} />);
    expect(late).toContain('data-stale="true"');
    expect(late).toContain('stale · 46s old');
  });

  it('never calls data stale that belongs to a window ending in the past', () => {
    const past = renderToStaticMarkup(<DataAge at={NOW - 3 * 3_600_000} intervalMs={15_000} live={false} />);
    expect(past).toContain('data-stale="false"');
    expect(past).toContain('3h 00m old');
  });
});

describe('ChartFooter', () => {
  const data = chartDataFixture(
    { fromMs: NOW - 4 * 3_600_000, toMs: NOW - 3 * 3_600_000 },
    { storedPoints: 240, newestAt: NOW - 3 * 3_600_000, fetchedAt: NOW },
  );

  it('calls the newest sample stale only while the window ends now', () => {
    const zoomed = renderToStaticMarkup(<ChartFooter data={data} error={null} drawn={240} live={false} />);
    expect(zoomed).toMatch(/data-testid="chart-age" data-stale="false">3h 00m old/);
    const live = renderToStaticMarkup(<ChartFooter data={data} error={null} drawn={240} live />);
    expect(live).toMatch(/data-testid="chart-age" data-stale="true">stale · 3h 00m old/);
  });
});
