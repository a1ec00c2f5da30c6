/**
 * Autosave for a text being typed (DESIGN.md "Editor"): debounced writes, never a re-save of
 * unchanged text, one write in flight at a time. While someone types without pausing, a write still
 * starts at least every `maxWaitMs`, so a crash of the process that stores it loses at most that
 * much typing plus one round trip (the postmortem e2e test kills it with SIGKILL to check).
 */

/** What a save attempt came to: stored; failed for a while (retry); or refused until the text changes. */
export type SaveResult = 'saved' | 'retry' | 'stop';

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AutosaveOptions {
  /** Save this long after the last change. */
  idleMs: number;
  /** …but no later than this after the first unsaved change. */
  maxWaitMs: number;
  /** Wait before retrying a save that failed with 'retry'. */
  retryMs: number;
  save: (text: string) => Promise<SaveResult>;
  timers?: Timers;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Autosaver {
  private stored: string;
  private pending: string | null = null;
  private firstChangeAt: number | null = null;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private readonly t: Timers;

  constructor(
    stored: string,
    private readonly opts: AutosaveOptions,
  ) {
    this.stored = stored;
    this.t = opts.timers ?? realTimers;
  }

  /** True while some typed text is not yet known to be stored. */
  get dirty(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** Every edit: the latest text wins; going back to the stored text cancels the pending write. */
  change(text: string): void {
    if (this.stopped) return;
    if (text === this.stored && this.inFlight === null) {
      this.pending = null;
      this.firstChangeAt = null;
      this.cancelTimer();
      return;
    }
    this.pending = text;
    this.firstChangeAt ??= this.t.now();
    this.schedule(this.opts.idleMs);
  }

  /** True while a write is on its way: a "saved" notice arriving now may be this write's own. */
  get saving(): boolean {
    return this.inFlight !== null;
  }

  /** The text now stored was set from outside (loaded, restored, redrafted): nothing is pending against the old one. */
  reset(stored: string): void {
    this.stored = stored;
    this.pending = null;
    this.firstChangeAt = null;
    this.cancelTimer();
  }

  /** Save what is pending now and wait for it (before a restore, on leaving the tab). */
  async flush(): Promise<void> {
    this.cancelTimer();
    if (this.inFlight) await this.inFlight;
    if (this.pending !== null) await this.fire();
  }

  /** Stop for good (the editor closed); a pending text is saved first. */
  async dispose(): Promise<void> {
    await this.flush();
    this.stopped = true;
    this.cancelTimer();
  }

  private schedule(idle: number): void {
    const waited = this.firstChangeAt === null ? 0 : this.t.now() - this.firstChangeAt;
    this.after(Math.max(0, Math.min(idle, this.opts.maxWaitMs - waited)));
  }

  private after(delay: number): void {
    this.cancelTimer();
    this.timer = this.t.setTimeout(() => {
      this.timer = null;
      void this.fire();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.t.clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): Promise<void> {
    // One write at a time: the one in flight re-schedules whatever was typed meanwhile.
    if (this.inFlight) return this.inFlight;
    const text = this.pending;
    if (text === null) return Promise.resolve();
    this.pending = null;
    this.firstChangeAt = null;
    if (text === this.stored) return Promise.resolve();
    this.inFlight = this.opts
      .save(text)
      .catch((): SaveResult => 'retry')
      .then((result) => {
        this.inFlight = null;
        if (result === 'saved') this.stored = text;
        else if (result === 'retry' && this.pending === null) this.pending = text;
        if (this.stopped || this.pending === null) return;
        if (result === 'retry') {
          this.after(this.opts.retryMs);
          return;
        }
        this.firstChangeAt ??= this.t.now();
        this.schedule(0);
      });
    return this.inFlight;
  }
}
