/**
 * Bounded log store behind the Loki API. A ring buffer: once `capacity` entries exist the oldest
 * are overwritten, so a lab left running for days holds constant memory.
 */

export type Labels = Record<string, string>;

export interface LogEntry {
  /** Simulated wall time, ms since epoch. */
  tsMs: number;
  /** Tie-breaker inside one ms, so nanosecond timestamps stay unique and ordered. */
  seq: number;
  stream: Labels;
  streamKey: string;
  line: string;
}

export function streamKeyOf(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}

/** Loki's wire timestamp: Unix nanoseconds as a decimal string (exceeds 2^53, so built as text). */
export function entryNs(entry: Pick<LogEntry, 'tsMs' | 'seq'>): string {
  return `${entry.tsMs}${String(entry.seq).padStart(6, '0')}`;
}

export class LogStore {
  private readonly ring: (LogEntry | undefined)[];
  private head = 0;
  private count = 0;
  private lastMs = -1;
  private seqInMs = 0;
  private readonly streams = new Map<string, Labels>();
  totalWritten = 0;

  constructor(readonly capacity = 50_000) {
    this.ring = new Array<LogEntry | undefined>(capacity);
  }

  append(tsMs: number, stream: Labels, line: string): void {
    if (tsMs === this.lastMs) this.seqInMs += 1;
    else {
      this.lastMs = tsMs;
      this.seqInMs = 0;
    }
    const streamKey = streamKeyOf(stream);
    const known = this.streams.get(streamKey);
    if (!known) this.streams.set(streamKey, stream);
    this.ring[(this.head + this.count) % this.capacity] = {
      tsMs,
      seq: this.seqInMs,
      stream: known ?? stream,
      streamKey,
      line,
    };
    if (this.count < this.capacity) this.count += 1;
    else this.head = (this.head + 1) % this.capacity;
    this.totalWritten += 1;
  }

  get size(): number {
    return this.count;
  }

  /** Entries oldest first. Appends happen in simulated-time order, so the ring is sorted. */
  *entries(): Generator<LogEntry> {
    for (let i = 0; i < this.count; i += 1) {
      const e = this.ring[(this.head + i) % this.capacity];
      if (e) yield e;
    }
  }

  /** Streams that still have at least one entry in the buffer. */
  liveStreams(): Labels[] {
    const keys = new Set<string>();
    for (const e of this.entries()) keys.add(e.streamKey);
    return [...keys].map((k) => this.streams.get(k)).filter((l): l is Labels => l !== undefined);
  }
}
