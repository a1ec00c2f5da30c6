import { RANGE_PRESETS, type RangePreset, type ViewRange } from './view-range';

/** Shortest window a brush zoom may select: below this a drag is a click, not a zoom. */
export const MIN_ZOOM_MS = 30_000;

const SPANS: readonly [RangePreset, number][] = [
  ['15m', 15 * 60_000],
  ['1h', 60 * 60_000],
  ['6h', 6 * 60 * 60_000],
  ['24h', 24 * 60 * 60_000],
];

export function isRangePreset(value: string): value is RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(value);
}

/** The rolling preset whose span is closest to `spanMs` (on a log scale: 40 min is nearer 1 h than 15 m). */
export function closestPreset(spanMs: number): RangePreset {
  let best: RangePreset = '1h';
  let bestDist = Infinity;
  for (const [preset, span] of SPANS) {
    const d = Math.abs(Math.log(Math.max(spanMs, 1) / span));
    if (d < bestDist) {
      best = preset;
      bestDist = d;
    }
  }
  return best;
}

/**
 * Live follow on or off. `resolveRange` moves every preset with the clock and never moves a custom
 * range, so "off" freezes the window on screen as a custom range, and "on" goes back to the rolling
 * preset nearest the frozen span. The logs and the chart read the same range, so they agree.
 */
export function withFollow(range: ViewRange, on: boolean, shown: { fromMs: number; toMs: number }): ViewRange {
  if (!on) return { preset: 'custom', fromMs: shown.fromMs, toMs: shown.toMs, follow: false };
  if (range.preset !== 'custom') return { ...range, follow: true };
  return { preset: closestPreset(shown.toMs - shown.fromMs), fromMs: null, toMs: null, follow: true };
}

/** A preset button: custom keeps the window on screen (to edit it), the rest roll with the clock. */
export function withPreset(preset: RangePreset, shown: { fromMs: number; toMs: number }): ViewRange {
  if (preset === 'custom') return { preset, fromMs: shown.fromMs, toMs: shown.toMs, follow: false };
  return { preset, fromMs: null, toMs: null, follow: true };
}

/** A brush selection between two instants (either order); null when it is too narrow to mean a zoom. */
export function zoomRange(a: number, b: number): ViewRange | null {
  const fromMs = Math.round(Math.min(a, b));
  const toMs = Math.round(Math.max(a, b));
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs - fromMs < MIN_ZOOM_MS) return null;
  return { preset: 'custom', fromMs, toMs, follow: false };
}
