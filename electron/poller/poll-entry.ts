import type { SourceHealth } from '../../shared/domain/source-config';
import { SourceError } from '../sources/source-error';
import { BACKOFF_BASE_MS } from './backoff';
import type { PollerClock } from './clock';
import type { Collector } from './collector';
import { asSourceError } from './collector-kit';
import { initialHealth } from '../../shared/domain/source-config';
import type { Collection, ResolvedSource } from './types';

/** The poller's state for one source. */
export interface Entry {
  source: ResolvedSource;
  /** The source as last loaded: a different one on reload() means it was edited. */
  signature: string;
  collector: Collector | null;
  timer: unknown;
  /** Bumped whenever the source is edited, removed or the poller stops: older polls' results are dropped. */
  generation: number;
  running: Promise<void> | null;
  runningGeneration: number;
  controller: AbortController | null;
  health: SourceHealth;
  /** The last retry delay; the base again after a success. */
  backoffMs: number;
}

export type Outcome = { collection: Collection } | { error: SourceError };

/** Beyond the per-request deadline, so the HTTP layer's own (more precise) timeout normally wins. */
const DEADLINE_GRACE_MS = 1_000;

export function newEntry(source: ResolvedSource, signature: string): Entry {
  return {
    source,
    signature,
    collector: null,
    timer: null,
    generation: 0,
    running: null,
    runningGeneration: -1,
    controller: null,
    health: initialHealth(source.id, source.enabled),
    backoffMs: BACKOFF_BASE_MS,
  };
}

/** One collect under its own AbortController: aborted by stop() and edits, or by the source's deadline. */
export async function collectOnce(
  entry: Entry,
  clock: PollerClock,
  make: (source: ResolvedSource) => Collector,
  startedAt: number,
): Promise<Outcome> {
  const source = entry.source;
  const controller = new AbortController();
  entry.controller = controller;
  let timedOut = false;
  const deadline = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, source.connection.timeoutMs + DEADLINE_GRACE_MS);
  try {
    entry.collector ??= make(source);
    return { collection: await entry.collector.collect(controller.signal, startedAt) };
  } catch (err) {
    return {
      error: timedOut
        ? new SourceError('timeout', `${source.name} did not finish answering within ${source.connection.timeoutMs / 1000} s`)
        : asSourceError(err, source.name),
    };
  } finally {
    clock.clearTimeout(deadline);
    if (entry.controller === controller) entry.controller = null;
  }
}
