/**
 * Performance marks for the chart benchmark (electron/bench/chart-bench.ts): the first telemetry
 * request the chart makes, and the first frame painted with its lines in the DOM. The measure
 * between them is `chart.first_paint_ms`. Only the first of each per page load is marked.
 */
export const MARK_REQUEST = 'pitwall:chart-request';
export const MARK_PAINTED = 'pitwall:chart-painted';
export const MEASURE_FIRST_PAINT = 'pitwall:chart-first-paint';

let requested = false;
let painted = false;

export function markChartRequest(): void {
  if (requested || typeof performance === 'undefined') return;
  requested = true;
  performance.mark(MARK_REQUEST);
}

interface PostTaskScheduler {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * Runs `fn` in the first task after the frame being rendered is painted. A plain setTimeout would
 * also wait behind tasks queued earlier, such as React's background render of the correlation
 * sentence, and bill them to the chart; Chromium runs a user-blocking postTask ahead of those.
 */
function afterPaint(fn: () => void): void {
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (scheduler) void scheduler.postTask(fn, { priority: 'user-blocking' });
  else setTimeout(fn, 0);
}

/**
 * Call once the chart rendered data. Checks at the start of each frame (a second at most) whether
 * `ready()` sees the lines in the DOM; the first frame that has them is the one that paints them,
 * and a task queued from its requestAnimationFrame callback runs once it is painted.
 */
export function markChartPaintedWhen(ready: () => boolean): () => void {
  if (!requested || painted || typeof requestAnimationFrame === 'undefined') return () => {};
  let frames = 0;
  let raf = 0;
  let cancelled = false;
  // Runs at the start of each frame, before its style, layout and paint: once the lines are in the
  // DOM here, this frame's paint is the one that shows them.
  const onFrame = (): void => {
    if (cancelled) return;
    if (!ready() && frames++ < 60) {
      raf = requestAnimationFrame(onFrame);
      return;
    }
    afterPaint(() => {
      if (cancelled || painted) return;
      painted = true;
      performance.mark(MARK_PAINTED);
      performance.measure(MEASURE_FIRST_PAINT, MARK_REQUEST, MARK_PAINTED);
    });
  };
  raf = requestAnimationFrame(onFrame);
  return () => {
    cancelled = true;
    cancelAnimationFrame(raf);
  };
}
