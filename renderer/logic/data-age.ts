import { formatDuration } from './format';

/**
 * How old a piece of live data is, and when it counts as stale. A console that keeps showing
 * the last thing it knew must say how old that is, or an IC acts on a frozen picture.
 */

/** Without a known poll interval, data older than this is stale. */
export const DEFAULT_STALE_MS = 60_000;
/** Never call data stale sooner than this: one slow answer from a 1 s poll is not an outage. */
export const MIN_STALE_MS = 5_000;

/** Three missed polls (or a minute when the interval is unknown) make data stale. */
export function staleAfterMs(intervalMs: number | null | undefined): number {
  if (intervalMs === null || intervalMs === undefined || !Number.isFinite(intervalMs) || intervalMs <= 0) return DEFAULT_STALE_MS;
  return Math.max(3 * intervalMs, MIN_STALE_MS);
}

/** Data never received counts as stale: there is nothing current to show. */
export function isStale(atMs: number | null | undefined, nowMs: number, intervalMs?: number | null): boolean {
  if (atMs === null || atMs === undefined) return true;
  return nowMs - atMs > staleAfterMs(intervalMs);
}

/** "just now", "42s old", "4m 05s old", "2h 10m old", "3d 04h old" (formatDuration); "no data yet" when never received. */
export function formatDataAge(atMs: number | null | undefined, nowMs: number): string {
  if (atMs === null || atMs === undefined) return 'no data yet';
  const ms = Math.max(0, nowMs - atMs);
  return ms < 2_000 ? 'just now' : `${formatDuration(ms)} old`;
}
