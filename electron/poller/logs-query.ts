import { detectLevel, levelWord } from '../../shared/domain/log-level';
import type { LogLine, LogQueryResult } from '../../shared/domain/telemetry';
import { LokiClient, type LokiStream } from '../sources/loki';
import { SourceError } from '../sources/source-error';
import { connectionFor } from './collector';
import type { ResolvedSource } from './types';

export interface LogsRequest {
  query: string;
  fromMs: number;
  toMs: number;
  limit: number;
  direction: 'backward' | 'forward';
}

/** Nanosecond strings compare as numbers by length first (no leading zeros from Loki). */
function compareNs(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function flattenStreams(streams: readonly LokiStream[], direction: LogsRequest['direction'], limit: number): LogLine[] {
  const lines: LogLine[] = [];
  for (const stream of streams) {
    const labelLevel =
      levelWord(stream.labels['level']) ?? levelWord(stream.labels['detected_level']) ?? levelWord(stream.labels['severity']);
    for (const e of stream.entries) {
      const metaLevel = levelWord(e.structuredMetadata?.['detected_level']) ?? levelWord(e.parsed?.['level']);
      lines.push({
        tNs: e.tsNs,
        tMs: e.tsMs,
        labels: stream.labels,
        line: e.line,
        level: labelLevel ?? metaLevel ?? detectLevel(e.line),
      });
    }
  }
  const sign = direction === 'backward' ? -1 : 1;
  lines.sort((a, b) => sign * compareNs(a.tNs, b.tNs));
  return lines.length > limit ? lines.slice(0, limit) : lines;
}

/**
 * Log lines of one Loki source for the logs panel. A LogQL mistake comes back as a SourceError carrying
 * Loki's own words ("parse error at line 1, col 12: …") for the UI to show beside the query.
 */
export async function queryLogs(source: ResolvedSource, request: LogsRequest, signal?: AbortSignal): Promise<LogQueryResult> {
  if (source.kind !== 'loki') {
    throw new SourceError('config', `"${source.name}" is a ${source.kind} source; log queries need a Loki source`);
  }
  const client = LokiClient.connect(connectionFor(source));
  try {
    const reply = await client.queryRange(request.query, {
      startMs: request.fromMs,
      endMs: request.toMs,
      limit: request.limit,
      direction: request.direction,
      signal,
    });
    if (reply.data.resultType !== 'streams') {
      throw new SourceError(
        'rejected',
        'this LogQL query returns numbers (a metric query such as count_over_time), not log lines: the logs panel needs a log query such as {app="x"} |= "error"; metric queries belong in the Loki source\'s queries, where they are polled and charted',
      );
    }
    const lines = flattenStreams(reply.data.streams, request.direction, request.limit);
    return { sourceId: source.id, query: request.query, lines, truncated: lines.length >= request.limit };
  } catch (err) {
    if (err instanceof SourceError && err.status === 400) {
      const said = err.message.replace(/^.*? answered HTTP 400: /, '');
      throw new SourceError('rejected', `Loki rejected the query: ${said}`, { status: 400, cause: err });
    }
    throw err;
  } finally {
    client.close();
  }
}
