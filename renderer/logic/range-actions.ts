import { PRESET_SPANS, type RangePreset, type RollingPreset, type ViewRange } from './view-range';

/** Shortest window a brush zoom may select: below this a drag is a click, not a zoom. */
export const MIN_ZOOM_MS = 30_000;

const ROLLING = Object.entries(PRESET_SPANS) as [RollingPreset, number][];

/** The rolling preset whose span is closest to `spanMs` (on a log scale: 40 min is nearer 1 h than 15 m). */
export function closestPreset(spanMs: number): RollingPreset {
  let best: RollingPreset = '1h';
  let bestDist = Infinity;
  for (const [preset, span] of ROLLING) {
    const d = Math.abs(Math.log(Math.max(spanMs, 1) / span));
    if (d < bestDist) {
      best = preset;
      bestDist = d;
    }
  }
  return best;
}

/**
 * Live follow on or off. `resolveRange` moves the rolling presets (and an open incident) with the
 * clock and never moves a custom range, so "off" freezes the window on screen as a custom range,
 * and "on" keeps a rolling preset or goes to the rolling preset nearest the shown span (a frozen
 * window, or a resolved incident's). The logs and the chart read the same range, so they agree.
 */
export function withFollow(range: ViewRange, on: boolean, shown: { fromMs: number; toMs: number }): ViewRange {
  if (!on) return { preset: 'custom', fromMs: shown.fromMs, toMs: shown.toMs };
  if (range.preset !== 'custom' && range.preset !== 'incident') return range;
  return { preset: closestPreset(shown.toMs - shown.fromMs), fromMs: null, toMs: null };
}

/** A preset button: custom keeps the window on screen (to edit it), the rest resolve on their own. */
export function withPreset(preset: RangePreset, shown: { fromMs: number; toMs: number }): ViewRange {
  if (preset === 'custom') return { preset, fromMs: shown.fromMs, toMs: shown.toMs };
  return { preset, fromMs: null, toMs: null };
}

/** A brush selection between two instants (either order); null when it is too narrow to mean a zoom. */
export function zoomRange(a: number, b: number): ViewRange | null {
  const fromMs = Math.round(Math.min(a, b));
  const toMs = Math.round(Math.max(a, b));
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs - fromMs < MIN_ZOOM_MS) return null;
  return { preset: 'custom', fromMs, toMs };
}
