import type { CollectedSample, Collection, SinkOutcome, TelemetrySink } from './types';

export interface Recorded {
  sourceId: number;
  at: number;
  collection: Collection;
}

/**
 * A TelemetrySink in memory, for tests and the bench (the app uses the SQLite store). `keep` bounds how
 * many recordings are held, so a simulated day does not measure this sink's own growth.
 */
export class MemorySink implements TelemetrySink {
  readonly records: Recorded[] = [];
  readonly backfilled: { sourceId: number; samples: readonly CollectedSample[] }[] = [];
  recordCalls = 0;
  /** Set to make record() throw, like a full disk. */
  failWith: Error | null = null;
  /** What record() reports as dropped, like a store at its series cap. */
  dropping: SinkOutcome = { droppedSeries: 0, droppedSamples: 0 };

  constructor(private readonly keep = Number.POSITIVE_INFINITY) {}

  record(sourceId: number, at: number, collection: Collection): SinkOutcome {
    this.recordCalls += 1;
    if (this.failWith) throw this.failWith;
    this.records.push({ sourceId, at, collection });
    if (this.records.length > this.keep) this.records.shift();
    return this.dropping;
  }

  backfill(sourceId: number, samples: readonly CollectedSample[]): void {
    this.backfilled.push({ sourceId, samples });
  }

  /** Samples of one metric across all recordings (optionally one source), oldest first. */
  samples(metric: string, sourceId?: number): CollectedSample[] {
    return this.records
      .filter((r) => sourceId === undefined || r.sourceId === sourceId)
      .flatMap((r) => r.collection.samples.filter((s) => s.metric === metric));
  }
}
