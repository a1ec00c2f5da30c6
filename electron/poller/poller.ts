import type { SourceHealth } from '../../shared/domain/source-config';
import { SourceError } from '../sources/source-error';
import { BACKOFF_BASE_MS, backoffCap, nextBackoff, nextSlotDelay } from './backoff';
import { systemClock, type PollerClock } from './clock';
import { createCollector as defaultCreateCollector, type Collector } from './collector';
import { afterFailure, afterSuccess, sameHealth } from './health';
import { collectOnce, newEntry, type Entry, type Outcome } from './poll-entry';
import { storageProblem } from '../store/storage-error';
import { guardCollection, sourceLabel } from './sample-domain';
import { Slots } from './slots';
import type { Collection, ResolvedSource, TelemetrySink } from './types';

export interface PollerOptions {
  /** The current configuration; read on start() and on every reload(). */
  sources: () => ResolvedSource[];
  sink: TelemetrySink;
  clock?: PollerClock;
  /** [0, 1); for backoff jitter. */
  random?: () => number;
  onHealth?: (health: SourceHealth) => void;
  onRecorded?: (sourceId: number, at: number) => void;
  /** Polls talking to upstreams at once, over all sources. */
  maxConcurrent?: number;
  /** Tests substitute collectors; the app uses the real ones. */
  createCollector?: (source: ResolvedSource) => Collector;
}

/**
 * Polls every enabled source on its own interval, concurrently across sources and never twice at once
 * for one source. Failures back off with jitter; health is reported on every change; only answers
 * (complete or partial) reach the sink, so the last good data keeps its timestamp while a source is down.
 */
export class Poller {
  private readonly entries = new Map<number, Entry>();
  private readonly lastEmitted = new Map<number, SourceHealth>();
  private readonly clock: PollerClock;
  private readonly random: () => number;
  private readonly slots: Slots;
  private readonly make: (source: ResolvedSource) => Collector;
  private started = false;

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.slots = new Slots(options.maxConcurrent ?? 8);
    this.make = options.createCollector ?? defaultCreateCollector;
  }

  start(): void {
    this.started = true;
    this.reload();
  }

  /** Picks up added, removed, edited and disabled sources; untouched ones keep their schedule. */
  reload(): void {
    if (!this.started) return;
    const wanted = new Map(this.options.sources().map((s) => [s.id, s]));
    for (const [id, entry] of this.entries) {
      if (!wanted.has(id)) {
        this.cancel(entry);
        this.entries.delete(id);
        this.lastEmitted.delete(id);
      }
    }
    for (const source of wanted.values()) {
      const signature = JSON.stringify(source);
      let entry = this.entries.get(source.id);
      if (entry && entry.signature === signature) continue;
      if (entry) {
        this.cancel(entry);
        entry.source = source;
        entry.signature = signature;
        entry.backoffMs = BACKOFF_BASE_MS;
      } else {
        entry = newEntry(source, signature);
        this.entries.set(source.id, entry);
      }
      if (source.enabled) {
        if (entry.health.state === 'disabled') this.setHealth(entry, { ...entry.health, state: 'unknown' });
        this.schedule(entry, 0);
      } else {
        this.setHealth(entry, { ...entry.health, state: 'disabled', nextPollAt: null });
      }
    }
  }

  /** Polls one source now (or joins the poll in flight) and returns its health afterwards. */
  async pollNow(sourceId: number): Promise<SourceHealth> {
    const entry = this.entries.get(sourceId);
    if (!entry) throw new Error(`Source ${sourceId} is not being polled (unknown, or the poller is stopped).`);
    if (entry.source.enabled) {
      if (entry.timer !== null && !entry.running) {
        this.clock.clearTimeout(entry.timer);
        entry.timer = null;
      }
      await this.run(entry);
    }
    return { ...entry.health };
  }

  health(sourceId: number): SourceHealth | undefined {
    const h = this.entries.get(sourceId)?.health;
    return h ? { ...h } : undefined;
  }

  allHealth(): SourceHealth[] {
    return [...this.entries.values()].map((e) => ({ ...e.health }));
  }

  /** Resolves once no poll is in flight (tests and the bench step a fake clock between cycles). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.entries.values()].flatMap((e) => (e.running ? [e.running] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Aborts polls in flight, cancels every timer and closes the connections. */
  async stop(): Promise<void> {
    this.started = false;
    const running = [...this.entries.values()].flatMap((e) => (e.running ? [e.running] : []));
    for (const entry of this.entries.values()) this.cancel(entry);
    this.entries.clear();
    this.lastEmitted.clear();
    await Promise.all(running);
  }

  private cancel(entry: Entry): void {
    entry.generation += 1;
    if (entry.timer !== null) this.clock.clearTimeout(entry.timer);
    entry.timer = null;
    entry.controller?.abort();
    entry.controller = null;
    entry.collector?.close();
    entry.collector = null;
  }

  private schedule(entry: Entry, delayMs: number): void {
    if (entry.timer !== null) this.clock.clearTimeout(entry.timer);
    const generation = entry.generation;
    entry.timer = this.clock.setTimeout(() => {
      entry.timer = null;
      if (generation === entry.generation) void this.run(entry);
    }, delayMs);
    this.setHealth(entry, { ...entry.health, nextPollAt: this.clock.now() + delayMs });
  }

  private run(entry: Entry): Promise<void> {
    if (entry.running && entry.runningGeneration === entry.generation) return entry.running;
    const generation = entry.generation;
    const before = entry.running ?? Promise.resolve();
    const p: Promise<void> = before
      .then(() => this.pollOnce(entry, generation))
      .finally(() => {
        if (entry.running === p) entry.running = null;
      });
    entry.running = p;
    entry.runningGeneration = generation;
    return p;
  }

  private async pollOnce(entry: Entry, generation: number): Promise<void> {
    await this.slots.acquire();
    let outcome: Outcome;
    const startedAt = this.clock.now();
    const t0 = performance.now();
    try {
      if (generation !== entry.generation) return;
      outcome = await collectOnce(entry, this.clock, this.make, startedAt);
    } finally {
      this.slots.release();
    }
    if (generation !== entry.generation) return;
    this.finish(entry, startedAt, Math.round(performance.now() - t0), outcome);
  }

  private finish(entry: Entry, at: number, latencyMs: number, outcome: Outcome): void {
    const refused: SourceError[] = [];
    const error = 'collection' in outcome ? this.store(entry, at, outcome.collection, refused) : outcome.error;
    const partialErrors = 'collection' in outcome ? [...outcome.collection.partialErrors, ...refused] : [];
    const interval = entry.source.intervalMs;
    let delay: number;
    if (error === null && 'collection' in outcome) {
      entry.backoffMs = BACKOFF_BASE_MS;
      entry.health = afterSuccess(entry.health, at, latencyMs, partialErrors);
      delay = nextSlotDelay(at, this.clock.now(), interval);
    } else {
      entry.backoffMs = nextBackoff(entry.backoffMs, backoffCap(interval), this.random);
      entry.health = afterFailure(entry.health, at, error ?? new SourceError('malformed', 'the poll failed'));
      delay = entry.backoffMs;
    }
    if (this.started && entry.source.enabled) this.schedule(entry, delay);
    else this.emit(entry);
  }

  /**
   * Hands an answer to the sink; a sink failure (disk full) becomes the source's error, never a crash.
   * Label sets the sink refused (its series cap) make the poll partial: the source reads degraded and says why.
   */
  private store(entry: Entry, at: number, collection: Collection, refused: SourceError[]): SourceError | null {
    const id = entry.source.id;
    const guarded = guardCollection(collection, sourceLabel(entry.source.kind, entry.source.name));
    for (const e of guarded.refused) refused.push(e);
    try {
      const { droppedSeries, droppedSamples } = this.options.sink.record(id, at, guarded.collection);
      if (droppedSeries > 0) {
        refused.push(
          new SourceError(
            'too-large',
            `${entry.source.name} answered with more label sets than the per-metric series limit: ${droppedSeries} new series (${droppedSamples} samples) were not stored — narrow the query or raise the limit under Settings → Retention`,
          ),
        );
      }
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      const problem = storageProblem(err);
      const said = problem === 'full' ? `the disk holding Pitwall's data is full (${detail}): free some space there` : detail;
      // The upstream is fine; the fault (and its fix) is on this machine.
      return new SourceError('storage', `${entry.source.name} answered, but Pitwall could not store it: ${said}`, { cause: err });
    }
    this.safely(() => this.options.onRecorded?.(id, at));
    return null;
  }

  private setHealth(entry: Entry, next: SourceHealth): void {
    entry.health = next;
    this.emit(entry);
  }

  /** Reports health only when something in it changed since the last report. */
  private emit(entry: Entry): void {
    const prev = this.lastEmitted.get(entry.source.id);
    if (prev && sameHealth(prev, entry.health)) return;
    const copy = { ...entry.health };
    this.lastEmitted.set(entry.source.id, copy);
    this.safely(() => this.options.onHealth?.({ ...copy }));
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch {
      // A listener's bug must not stop polling; the listener owns its own error reporting.
    }
  }
}
