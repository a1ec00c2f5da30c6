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

/**
 * Call once the chart rendered data. Waits (frame by frame, a second at most) until `ready()`
 * sees the lines in the DOM, then for the frame that shows them to be painted: a
 * requestAnimationFrame callback runs just before a paint, a task queued from it runs after.
 */
export function markChartPaintedWhen(ready: () => boolean): () => void {
  if (!requested || painted || typeof requestAnimationFrame === 'undefined') return () => {};
  let frames = 0;
  let raf = 0;
  let cancelled = false;
  const check = (): void => {
    if (cancelled) return;
    if (!ready() && frames++ < 60) {
      raf = requestAnimationFrame(check);
      return;
    }
    raf = requestAnimationFrame(() => {
      setTimeout(() => {
        if (cancelled || painted) return;
        painted = true;
        performance.mark(MARK_PAINTED);
        performance.measure(MEASURE_FIRST_PAINT, MARK_REQUEST, MARK_PAINTED);
      }, 0);
    });
  };
  check();
  return () => {
    cancelled = true;
    cancelAnimationFrame(raf);
  };
}
