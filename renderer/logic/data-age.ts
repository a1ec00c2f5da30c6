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

/** "just now", "42s old", "4m 05s old", "2h 10m old", "3d 4h old"; "no data yet" when never received. */
export function formatDataAge(atMs: number | null | undefined, nowMs: number): string {
  if (atMs === null || atMs === undefined) return 'no data yet';
  const s = Math.max(0, Math.floor((nowMs - atMs) / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s}s old`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s old`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m old`;
  return `${Math.floor(h / 24)}d ${h % 24}h old`;
}
