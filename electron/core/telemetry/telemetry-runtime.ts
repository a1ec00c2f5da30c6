import type { ParsedInput } from '../../../shared/contract/channels';
import { AppFailure } from '../../../shared/contract/result';
import { initialHealth, type SourceHealth, type SourceTestOutcome } from '../../../shared/domain/source-config';
import type { LogDefaults, LogQueryResult } from '../../../shared/domain/telemetry';
import { testSource } from '../../poller/collector';
import { logDefaults, queryLogs } from '../../poller/logs-query';
import { Poller } from '../../poller/poller';
import type { PollerClock } from '../../poller/clock';
import type { ResolvedSource } from '../../poller/types';
import { isSourceError } from '../../sources/source-error';
import type { EventHub } from '../event-hub';
import type { SourceService } from '../sources/source-service';
import type { TelemetryService } from './telemetry-service';

const COMPACT_EVERY_MS = 10 * 60_000;
/** Log queries are interactive: a person is waiting, so a stuck Loki gets a bounded wait. */
const LOGS_DEADLINE_GRACE_MS = 2_000;

export interface TelemetryRuntimeDeps {
  sources: SourceService;
  telemetry: TelemetryService;
  hub: EventHub;
  now: () => number;
  log: (message: string, err?: unknown) => void;
  /** The newest stored data of a source (electron/store/telemetry/last-data.ts). */
  lastDataAt: (sourceId: number) => number | null;
  /** Tests and the bench step a FakeClock; the app polls on the system clock. */
  clock?: PollerClock;
}

/** A failed upstream call as an error value the renderer shows in words: the user's mistake (bad-input) or an outage. */
function upstreamFailure(err: unknown): never {
  if (isSourceError(err)) {
    const mistake = err.kind === 'rejected' || err.status === 400;
    throw new AppFailure(mistake ? 'bad-input' : 'unavailable', err.message, { cause: err });
  }
  throw err;
}

/**
 * The live side of telemetry: the poller over the configured sources, compaction on a timer,
 * and the calls that go to an upstream on demand (Test, poll now, log queries). History an
 * incident needs (its lead-in, a corrected impact start) is fetched by core/backfill.
 */
export class TelemetryRuntime {
  readonly poller: Poller;
  private compactTimer: ReturnType<typeof setInterval> | null = null;
  private compacting = false;
  private readonly storedAt = new Map<number, number | null>();
  private readonly unusable = new Map<number, SourceHealth>();
  private readonly recorded = new Set<(sourceId: number, at: number) => void>();

  constructor(private readonly deps: TelemetryRuntimeDeps) {
    this.poller = new Poller({
      sources: () => deps.sources.resolveAll((id, err) => this.unresolvable(id, err)),
      sink: deps.telemetry.store,
      ...(deps.clock ? { clock: deps.clock } : {}),
      onHealth: (health) => deps.hub.emit('source:health', this.withStoredAge(health)),
      onRecorded: (sourceId, at) => {
        deps.hub.emit('telemetry:updated', { sourceId, at });
        for (const listener of this.recorded) {
          try {
            listener(sourceId, at);
          } catch (err) {
            deps.log('a listener of stored polls failed', err);
          }
        }
      },
    });
  }

  /**
   * Runs after every poll whose answer was stored (detection evaluates here: on the poll path, with no
   * polling of its own). A throwing listener is the listener's problem; the poller carries on.
   */
  onRecorded(listener: (sourceId: number, at: number) => void): () => void {
    this.recorded.add(listener);
    return () => this.recorded.delete(listener);
  }

  start(): void {
    this.poller.start();
    this.compactTimer = setInterval(() => void this.compact(), COMPACT_EVERY_MS);
    // A timer must never be what keeps the process (or a test run) alive.
    this.compactTimer.unref();
  }

  async close(): Promise<void> {
    if (this.compactTimer) clearInterval(this.compactTimer);
    await this.poller.stop();
  }

  health(id: number): SourceHealth | undefined {
    const health = this.poller.health(id) ?? this.unusable.get(id);
    return health && this.withStoredAge(health);
  }

  /**
   * A source whose stored secrets cannot be decrypted (key file replaced, another machine) is not
   * polled; it reads down with the reason, so it never sits at "unknown" with no explanation.
   */
  private unresolvable(id: number, err: Error): void {
    this.deps.log(`source ${id} cannot be polled`, err);
    const health: SourceHealth = {
      ...initialHealth(id, true),
      state: 'down',
      lastAttemptAt: this.deps.now(),
      lastError: { at: this.deps.now(), kind: 'config', message: err.message },
    };
    this.unusable.set(id, health);
    this.deps.hub.emit('source:health', this.withStoredAge(health));
  }

  /**
   * Health is kept in memory; until a source answers after a restart, its last success is when
   * its newest stored data was taken, so the console can still say how old what it shows is.
   */
  private withStoredAge(health: SourceHealth): SourceHealth {
    if (health.lastSuccessAt !== null) {
      this.storedAt.delete(health.sourceId);
      return health;
    }
    if (!this.storedAt.has(health.sourceId)) this.storedAt.set(health.sourceId, this.deps.lastDataAt(health.sourceId));
    return { ...health, lastSuccessAt: this.storedAt.get(health.sourceId) ?? null };
  }

  sourcesChanged(): void {
    this.unusable.clear();
    this.poller.reload();
  }

  async compact(): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      await this.deps.telemetry.compactAsync(this.deps.now());
    } catch (err) {
      this.deps.log('compacting stored samples failed', err);
    } finally {
      this.compacting = false;
    }
  }

  async test(input: ParsedInput<'source:test'>): Promise<SourceTestOutcome> {
    const source = 'id' in input ? this.deps.sources.resolve(input.id) : this.deps.sources.resolveDraft(input.config);
    return testSource(source);
  }

  async pollNow(id: number): Promise<SourceHealth> {
    this.deps.sources.get(id); // not-found in words for an unknown id
    try {
      return this.withStoredAge(await this.poller.pollNow(id));
    } catch (err) {
      throw new AppFailure('unavailable', err instanceof Error ? err.message : String(err), { cause: err });
    }
  }

  async queryLogs(input: ParsedInput<'logs:query'>): Promise<LogQueryResult> {
    const source = this.lokiSource(input.sourceId);
    try {
      const signal = AbortSignal.timeout(source.connection.timeoutMs + LOGS_DEADLINE_GRACE_MS);
      return await queryLogs(source, input, signal);
    } catch (err) {
      return upstreamFailure(err);
    }
  }

  /** Never fails for an unreachable Loki: the defaults fall back to the source's choice, and say so. */
  async logDefaults(sourceId: number | undefined): Promise<LogDefaults> {
    const source = this.lokiSource(sourceId);
    const signal = AbortSignal.timeout(source.connection.timeoutMs + LOGS_DEADLINE_GRACE_MS);
    return logDefaults(source, this.deps.now(), signal);
  }

  private lokiSource(id: number | undefined): ResolvedSource {
    if (id !== undefined) {
      const source = this.deps.sources.resolve(id);
      if (source.kind !== 'loki') throw new AppFailure('bad-input', `"${source.name}" is a ${source.kind} source; logs come from Loki.`);
      return source;
    }
    const [first] = this.deps.sources.resolveAll(undefined, { kinds: ['loki'], enabled: true });
    if (!first) throw new AppFailure('not-found', 'No enabled Loki source is configured; add one under Settings.');
    return first;
  }
}
