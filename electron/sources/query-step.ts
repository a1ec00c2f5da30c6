/** Prometheus and Loki both refuse a range query whose (end - start) / step exceeds this. */
export const MAX_POINTS_PER_SERIES = 11_000;

/** Steps a person reads easily on an axis; beyond a day, whole days. */
const NICE_STEPS_S = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400] as const;

function niceAtLeast(seconds: number): number {
  for (const step of NICE_STEPS_S) if (step >= seconds) return step;
  return Math.ceil(seconds / 86400) * 86400;
}

/**
 * The step (seconds) for a range query from `startMs` to `endMs`: the caller's wish if it keeps every
 * series under the point limit, otherwise the smallest nice step that does.
 */
export function chooseStep(startMs: number, endMs: number, wishSeconds?: number, maxPoints: number = MAX_POINTS_PER_SERIES): number {
  const spanS = Math.max(0, endMs - startMs) / 1000;
  // span / step <= maxPoints - 1 means at most maxPoints samples, counting both ends.
  const minimum = Math.max(1, Math.ceil(spanS / (maxPoints - 1)));
  if (wishSeconds !== undefined && Number.isFinite(wishSeconds) && wishSeconds >= minimum) return wishSeconds;
  return niceAtLeast(minimum);
}

/** `ms` moved down to a multiple of `stepSeconds` since the Unix epoch. */
export function alignDown(ms: number, stepSeconds: number): number {
  const stepMs = Math.max(1, Math.round(stepSeconds * 1000));
  return Math.floor(ms / stepMs) * stepMs;
}

export interface RangeGrid {
  /** `startMs` moved down onto the step grid: every point the upstream returns is a multiple of the step. */
  startMs: number;
  endMs: number;
  stepSeconds: number;
}

/**
 * A range query's start, end and step as Pitwall sends them. `query_range` evaluates at start + k × step,
 * so a start typed with seconds (12:00:07) would shift every returned point by those seconds; the start
 * is aligned down to a multiple of the step, as Grafana does, so points sit on the source's own grid
 * whatever time was asked for. The step is chosen for the aligned span, so it stays under the limit.
 */
export function rangeGrid(startMs: number, endMs: number, wishSeconds?: number, maxPoints: number = MAX_POINTS_PER_SERIES): RangeGrid {
  let stepSeconds = chooseStep(startMs, endMs, wishSeconds, maxPoints);
  for (;;) {
    const aligned = alignDown(startMs, stepSeconds);
    if ((endMs - aligned) / 1000 / stepSeconds <= maxPoints - 1) return { startMs: aligned, endMs, stepSeconds };
    // Aligning added up to a step and tipped the span over the limit: the next nice step is strictly coarser.
    stepSeconds = chooseStep(aligned, endMs, undefined, maxPoints);
  }
}

/** Unix seconds with millisecond precision, as both APIs accept. */
export function toUnixSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
