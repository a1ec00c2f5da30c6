/**
 * Retry delays for a failing source: "decorrelated jitter" (AWS Architecture Blog, "Exponential
 * Backoff and Jitter"): each delay is drawn between the base and three times the previous one, capped.
 * It grows roughly exponentially, and sources that failed together (one proxy down) spread out
 * instead of retrying in lock-step.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** Never wait longer than a normal poll would: a recovered source is noticed within one interval. */
export function backoffCap(intervalMs: number): number {
  return Math.max(BACKOFF_BASE_MS, Math.min(intervalMs, BACKOFF_MAX_MS));
}

/** `previousMs` is the last delay (the base after a success); `random` returns [0, 1). */
export function nextBackoff(previousMs: number, capMs: number, random: () => number): number {
  const prev = Math.max(BACKOFF_BASE_MS, previousMs);
  const upper = Math.max(BACKOFF_BASE_MS, prev * 3);
  const drawn = BACKOFF_BASE_MS + random() * (upper - BACKOFF_BASE_MS);
  return Math.round(Math.min(capMs, drawn));
}

/**
 * After a success: the next slot of the source's cadence (poll starts every `intervalMs`). A poll that
 * overran skips the slots it missed instead of queueing them, so one source is never polled twice at once.
 */
export function nextSlotDelay(startedAt: number, now: number, intervalMs: number): number {
  const slots = Math.max(1, Math.floor((now - startedAt) / intervalMs) + 1);
  return startedAt + slots * intervalMs - now;
}
