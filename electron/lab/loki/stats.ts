/** The `stats` object in the Loki 2.8 layout recorded in contracts/samples (summary/querier/ingester/cache). */
import type { EvalStats } from './evaluate.js';

const store = (headBytes = 0, headLines = 0) => ({
  totalChunksRef: 0,
  totalChunksDownloaded: 0,
  chunksDownloadTime: 0,
  chunk: {
    headChunkBytes: headBytes,
    headChunkLines: headLines,
    decompressedBytes: 0,
    decompressedLines: 0,
    compressedBytes: 0,
    totalDuplicates: 0,
  },
});
const cache = () => ({
  entriesFound: 0,
  entriesRequested: 0,
  entriesStored: 0,
  bytesReceived: 0,
  bytesSent: 0,
  requests: 0,
  downloadTime: 0,
});

export function statsJson(s: EvalStats, returned: number, execSec: number) {
  const exec = Math.max(execSec, 1e-6);
  return {
    summary: {
      bytesProcessedPerSecond: Math.round(s.bytesScanned / exec),
      linesProcessedPerSecond: Math.round(s.linesScanned / exec),
      totalBytesProcessed: s.bytesScanned,
      totalLinesProcessed: s.linesScanned,
      execTime: exec,
      queueTime: 0,
      subqueries: 0,
      totalEntriesReturned: returned,
      splits: 0,
      shards: 1,
    },
    querier: { store: store() },
    ingester: {
      totalReached: 1,
      totalChunksMatched: s.linesScanned > 0 ? 1 : 0,
      totalBatches: s.linesScanned > 0 ? 1 : 0,
      totalLinesSent: s.linesScanned,
      store: store(s.bytesScanned, s.linesScanned),
    },
    cache: { chunk: cache(), index: cache(), result: cache() },
  };
}
