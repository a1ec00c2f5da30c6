import { detectLevel, levelWord } from '../../shared/domain/log-level';
import { emptyResultHint, pickServiceLabel } from '../../shared/domain/log-queries';
import type { LogDefaults, LogLine, LogQueryResult } from '../../shared/domain/telemetry';
import { DEFAULT_SERVICE_LABEL } from '../sources/default-queries';
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
/** Which labels the window's streams carry, when a query found nothing; null when Loki cannot say. */
async function emptyHint(client: LokiClient, request: LogsRequest, signal?: AbortSignal): Promise<string | null> {
  try {
    const labels = await client.labels({ startMs: request.fromMs, endMs: request.toMs, signal });
    return emptyResultHint(request.query, labels);
  } catch {
    // The lines were the answer; a hint that cannot be had is left out rather than failing them.
    return null;
  }
}

/** Labels are read over the hours Loki's labels API looks at by default. */
const LABEL_WINDOW_MS = 6 * 3_600_000;

/**
 * The label the logs panel's default queries select on: the source's choice when its streams carry
 * it, else the best service label among the ones they do carry, else the choice (or Promtail's
 * `job`) with a note saying why it is a guess.
 */
export async function logDefaults(source: ResolvedSource, nowMs: number, signal?: AbortSignal): Promise<LogDefaults> {
  const chosen = source.serviceLabel ?? null;
  const fallback = chosen ?? DEFAULT_SERVICE_LABEL;
  const client = LokiClient.connect(connectionFor(source));
  try {
    const labels = await client.labels({ startMs: nowMs - LABEL_WINDOW_MS, endMs: nowMs, signal });
    const picked = pickServiceLabel(labels, chosen);
    if (picked === null) {
      const note =
        labels.length === 0 ? `${source.name} has no log streams in the last 6 hours` : `no stream label of ${source.name} names a service`;
      return { sourceId: source.id, serviceLabel: fallback, labels, note };
    }
    const note =
      chosen !== null && picked !== chosen ? `no stream of ${source.name} has the label ${chosen}; selecting on ${picked}` : null;
    return { sourceId: source.id, serviceLabel: picked, labels, note };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { sourceId: source.id, serviceLabel: fallback, labels: null, note: `could not read the labels of ${source.name}: ${detail}` };
  } finally {
    client.close();
  }
}

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
    const hint = lines.length === 0 ? await emptyHint(client, request, signal) : null;
    return { sourceId: source.id, query: request.query, lines, truncated: lines.length >= request.limit, hint };
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
