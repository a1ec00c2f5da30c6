import { FakeClock } from '../../poller/clock';
import { Poller } from '../../poller/poller';
import type { ResolvedSource, TelemetrySink } from '../../poller/types';

/**
 * The demo lab's own past, polled into the store before the live poller starts: the lab is
 * deterministic and runs frozen from `fromMs`; each step moves it forward and polls the demo sources
 * through the same collectors and sink as live polling, on a clock that reads the lab's time. So a first
 * `npm start` opens on an hour of history rather than a chart with a sliver at its right edge.
 */
export interface DemoHistory {
  /** Where the lab's clock stands (its world starts here). */
  fromMs: number;
  toMs: number;
  /** History is polled coarser than live (15 s against 5 s): an hour costs 240 polls per source, a few seconds. */
  stepMs: number;
  /** Moves the lab's world to `ms` (never backwards). */
  advanceTo(ms: number): void;
}

export interface DemoHistoryOutcome {
  fromMs: number;
  toMs: number;
  polls: number;
  /** Times a source turned degraded or down meanwhile (the lab answers everything; non-zero is worth a log line). */
  failures: number;
  ms: number;
}

export async function recordDemoHistory(
  sources: readonly ResolvedSource[],
  sink: TelemetrySink,
  history: DemoHistory,
  /** The newest data already stored for these sources: what an earlier run recorded is not overwritten. */
  storedUntil: number | null,
): Promise<DemoHistoryOutcome> {
  const t0 = performance.now();
  // A run earlier today stored its own lab's world up to some point: continue after it, never interleave two worlds.
  const start = Math.max(history.fromMs, (storedUntil ?? -Infinity) + history.stepMs);
  if (start > history.toMs) {
    history.advanceTo(history.toMs);
    return { fromMs: history.toMs, toMs: history.toMs, polls: 0, failures: 0, ms: performance.now() - t0 };
  }
  history.advanceTo(start);
  const clock = new FakeClock(start);
  const polled = sources.filter((s) => s.enabled).map((s) => ({ ...s, intervalMs: history.stepMs }));
  let failures = 0;
  const poller = new Poller({
    sources: () => polled,
    sink,
    clock,
    onHealth: (h) => {
      if (h.state === 'down' || h.state === 'degraded') failures += 1;
    },
  });
  let polls = 0;
  poller.start();
  try {
    clock.advanceTo(start);
    await poller.idle();
    polls += polled.length;
    for (let t = start + history.stepMs; t <= history.toMs; t += history.stepMs) {
      history.advanceTo(t);
      clock.advanceTo(t);
      await poller.idle();
      polls += polled.length;
    }
  } finally {
    await poller.stop();
  }
  history.advanceTo(history.toMs);
  return { fromMs: start, toMs: history.toMs, polls, failures, ms: performance.now() - t0 };
}
