import type { SourceQuery } from '../../shared/domain/source-config';
import type { SourceConnection, SourceKind } from '../../shared/domain/sources';
import type { AlertRecord, GpuStat, QueueStat } from '../../shared/domain/telemetry';
import type { SourceError } from '../sources/source-error';

/**
 * The seam between the poller (electron/poller) and storage (electron/store):
 * the poller turns upstream answers into a Collection; the store keeps it.
 */

/** A source as the poller needs it: connection with secrets decrypted (they never leave main). */
export interface ResolvedSource {
  id: number;
  name: string;
  kind: SourceKind;
  connection: SourceConnection;
  intervalMs: number;
  enabled: boolean;
  /** Prometheus and Loki only; enabled metric queries are polled each cycle. */
  queries: SourceQuery[];
  /** Loki only: the stream label that names a service, when the user chose one. */
  serviceLabel?: string | null;
}

export interface CollectedSample {
  /** A key from METRICS (shared/domain/telemetry.ts) or a user query's own metric. */
  metric: string;
  /** Normalised labels (node, gpu, queue, state, …); order does not matter. */
  labels: Record<string, string>;
  tMs: number;
  /** NaN is kept (stored as NULL); ±Infinity too. */
  value: number;
}

/**
 * An alert firing at poll time (Prometheus /api/v1/alerts or Alertmanager /api/v2/alerts): a stored
 * AlertRecord before the store adds its source and the times it was seen. Its `key` (sorted
 * `name=value` label pairs) stays the same across polls.
 */
export type FiringAlert = Omit<AlertRecord, 'sourceId' | 'lastSeenAt' | 'resolvedAt'>;

export interface Collection {
  samples: CollectedSample[];
  /** Present when this source answers for them (AsynqMon / exporter-scrape / alert sources). */
  queues?: QueueStat[];
  gpus?: GpuStat[];
  alerts?: FiringAlert[];
  /** Parts that failed while others answered: the source is degraded, not down. */
  partialErrors: SourceError[];
}

/** What a sink could not keep: label sets beyond its per-metric series cap, and their samples. */
export interface SinkOutcome {
  droppedSeries: number;
  droppedSamples: number;
}

/** Where polled data goes. One call = one SQLite transaction. */
export interface TelemetrySink {
  /** Returns what it had to drop, so the poller can say so in the source's health. */
  record(sourceId: number, at: number, collection: Collection): SinkOutcome;
  /** Historical samples fetched for an incident's lead-in; never replaces what was polled. */
  backfill(sourceId: number, samples: readonly CollectedSample[]): void;
}
