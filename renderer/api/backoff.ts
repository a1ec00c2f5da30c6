/**
 * Reconnect delay for attempt n (0-based): exponential from `baseMs`, capped at
 * `maxMs`, with "equal jitter" so a room full of consoles does not reconnect in
 * lockstep after the server restarts.
 */
export function backoffDelay(attempt: number, opts: { baseMs?: number; maxMs?: number; random?: () => number } = {}): number {
  const base = opts.baseMs ?? 500;
  const max = opts.maxMs ?? 30_000;
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
