import { describe, expect, it } from 'vitest';
import { parseChartUrl } from './chart-url';
import { closestPreset, withFollow, withPreset, zoomRange } from './range-actions';
import { resolveRange } from './view-range';

const NOW = 1_700_000_000_000;
const shown = { fromMs: NOW - 40 * 60_000, toMs: NOW };

describe('range actions', () => {
  it('freezes the window on screen when follow is turned off, so every panel stops together', () => {
    const frozen = withFollow({ preset: '1h', fromMs: null, toMs: null }, false, shown);
    expect(frozen).toEqual({ preset: 'custom', fromMs: shown.fromMs, toMs: shown.toMs });
    expect(resolveRange(frozen, null, NOW + 3_600_000)).toEqual(shown);
  });

  it('goes back to the nearest rolling preset when follow is turned on', () => {
    const custom = { preset: 'custom' as const, fromMs: shown.fromMs, toMs: shown.toMs };
    expect(withFollow(custom, true, shown)).toEqual({ preset: '1h', fromMs: null, toMs: null });
    expect(closestPreset(10 * 60_000)).toBe('15m');
    expect(withFollow({ preset: '6h', fromMs: null, toMs: null }, true, shown)).toEqual({ preset: '6h', fromMs: null, toMs: null });
    expect(closestPreset(4 * 3_600_000)).toBe('6h');
    expect(closestPreset(3 * 86_400_000)).toBe('24h');
  });

  it('goes live from a resolved incident’s window at the nearest rolling preset', () => {
    const resolvedSpan = { fromMs: NOW - 5 * 3_600_000, toMs: NOW - 3_600_000 };
    expect(withFollow({ preset: 'incident', fromMs: null, toMs: null }, true, resolvedSpan)).toEqual({
      preset: '6h',
      fromMs: null,
      toMs: null,
    });
  });

  it('keeps the current window when custom is picked, and rolls for the others', () => {
    expect(withPreset('custom', shown)).toEqual({ preset: 'custom', fromMs: shown.fromMs, toMs: shown.toMs });
    expect(withPreset('6h', shown)).toEqual({ preset: '6h', fromMs: null, toMs: null });
  });

  it('zooms to a brushed span in either direction, but not to a click', () => {
    expect(zoomRange(NOW, NOW - 120_000)).toEqual({ preset: 'custom', fromMs: NOW - 120_000, toMs: NOW });
    expect(zoomRange(NOW, NOW + 5_000)).toBeNull();
    expect(zoomRange(NOW, Number.NaN)).toBeNull();
  });
});

describe('parseChartUrl', () => {
  it('reads a linked range, GPU mode and the naive flag', () => {
    expect(parseChartUrl(`?chartFrom=${NOW - 1000}&chartTo=${NOW}&chartGpu=gpu&chartNaive=1`)).toEqual({
      range: { preset: 'custom', fromMs: NOW - 1000, toMs: NOW },
      gpuMode: 'gpu',
      naive: 'recharts',
    });
    expect(parseChartUrl('?chartNaive=paths').naive).toBe('paths');
  });

  it('ignores malformed values', () => {
    expect(parseChartUrl(`?chartFrom=${NOW}&chartTo=${NOW - 1}&chartGpu=all&chartNaive=yes`)).toEqual({
      range: null,
      gpuMode: null,
      naive: 'off',
    });
    expect(parseChartUrl('?chartFrom=1e3&chartTo=2000').range).toBeNull();
  });
});
