/** What the poller needs of time; injected so tests and the bench can fast-forward a day. */
export interface PollerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: PollerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending poll must not keep a quitting process alive.
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A manual clock for tests and the bench. Time moves only through `advance`/`advanceTo`; due timers
 * run in time order. HTTP still runs in real time, so callers wait for the poller to go idle between steps.
 */
export class FakeClock implements PollerClock {
  private nowMs: number;
  private seq = 0;
  private readonly timers = new Map<number, FakeTimer>();

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    this.seq += 1;
    this.timers.set(this.seq, { id: this.seq, at: this.nowMs + Math.max(0, ms), fn });
    return this.seq;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** When the earliest timer is due, or null when none is set. */
  nextAt(): number | null {
    let next: number | null = null;
    for (const t of this.timers.values()) if (next === null || t.at < next) next = t.at;
    return next;
  }

  /** Moves to `targetMs`, running every timer due on the way (including ones they set). */
  advanceTo(targetMs: number): void {
    for (;;) {
      let due: FakeTimer | undefined;
      for (const t of this.timers.values()) if (t.at <= targetMs && (!due || t.at < due.at || (t.at === due.at && t.id < due.id))) due = t;
      if (!due) break;
      this.timers.delete(due.id);
      this.nowMs = Math.max(this.nowMs, due.at);
      due.fn();
    }
    this.nowMs = Math.max(this.nowMs, targetMs);
  }

  advance(ms: number): void {
    this.advanceTo(this.nowMs + ms);
  }
}
