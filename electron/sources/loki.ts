import { z } from 'zod';
import type { SourceConnection } from '../../shared/domain/sources';
import { createHttpClient, httpStatusError, type HttpClient, type HttpResponse, type QueryValue } from './http';
import type { CallOptions, Readiness } from './client-types';
import { isLogqlMetricQuery } from './logql-kind';
import { rangeGrid } from './query-step';
import { guardOptionalStrings, guardVector, isPlainRecord } from './sample-guards';
import { labelsSchema, matrixSchema, pointSchema, vectorSchema, type Labels, type Point, type Series } from './samples';
import { SourceError, bodySnippet, parseJson, parseWith } from './source-error';

export interface LokiEntry {
  /** Exact Unix nanoseconds as Loki sent them: the identity of a line, and its order within a millisecond. */
  tsNs: string;
  /** Milliseconds for charts and windows (sub-millisecond digits dropped). */
  tsMs: number;
  line: string;
  structuredMetadata?: Labels;
  parsed?: Labels;
}

export interface LokiStream {
  labels: Labels;
  entries: LokiEntry[];
}

export type LokiRangeData =
  { resultType: 'streams'; streams: LokiStream[]; stepSeconds: number } | { resultType: 'matrix'; series: Series[]; stepSeconds: number };

/** An instant metric query: one point per series (`vector`), or a bare number (`scalar`). */
export type LokiInstantData = { resultType: 'vector'; series: Series[] } | { resultType: 'scalar'; point: Point };

export interface LokiReply<T> {
  data: T;
  warnings: string[];
}

/** Converts without going through a float: 19-digit nanosecond values are past 2^53. */
export function nsToMs(ns: string): number {
  return Number(BigInt(ns) / 1_000_000n);
}

export function msToNs(ms: number): string {
  return (BigInt(Math.trunc(ms)) * 1_000_000n).toString();
}

const nsSchema = z.string().regex(/^\d{1,20}$/, 'expected a nanosecond timestamp string');
const entryMetaSchema = z.object({ structuredMetadata: labelsSchema.optional(), parsed: labelsSchema.optional() });

const entrySchema = z
  .union([z.tuple([nsSchema, z.string()]), z.tuple([nsSchema, z.string(), entryMetaSchema])])
  .transform((tuple): LokiEntry => {
    const entry: LokiEntry = { tsNs: tuple[0], tsMs: nsToMs(tuple[0]), line: tuple[1] };
    const meta = tuple[2];
    if (meta?.structuredMetadata) entry.structuredMetadata = meta.structuredMetadata;
    if (meta?.parsed) entry.parsed = meta.parsed;
    return entry;
  });

const streamsSchema = z.array(
  z.object({ stream: labelsSchema, values: z.array(entrySchema) }).transform((s) => ({ labels: s.stream, entries: s.values })),
);

const rangeSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('streams'), result: streamsSchema }),
  z.object({ resultType: z.literal('matrix'), result: matrixSchema }),
]);

const instantSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: vectorSchema }),
  z.object({ resultType: z.literal('scalar'), result: pointSchema }),
]);

const envelopeSchema = z.object({
  status: z.string(),
  data: z.unknown(),
  warnings: z.array(z.string()).optional(),
});
type Envelope = z.output<typeof envelopeSchema>;

/** envelopeSchema's verdict without zod for the usual reply (a poll reads one per query); undefined leaves it to the schema. */
function guardEnvelope(json: unknown): Envelope | undefined {
  if (!isPlainRecord(json) || typeof json['status'] !== 'string') return undefined;
  const warnings = guardOptionalStrings(json['warnings']);
  return warnings && { status: json['status'], data: json['data'], warnings };
}

// `data` is omitempty in Loki's label response: no labels means no key at all.
const labelsReply = z.object({ status: z.string(), data: z.array(z.string()).optional() });

const buildInfoSchema = z.object({ version: z.string(), revision: z.string().default(''), branch: z.string().default('') });

export class LokiClient {
  constructor(private readonly http: HttpClient) {}

  static connect(conn: SourceConnection): LokiClient {
    return new LokiClient(createHttpClient(conn, 'Loki'));
  }

  close(): void {
    this.http.close();
  }

  /**
   * Log lines (streams) or a metric query (matrix). Loki applies the 11,000-points limit to every range
   * query, so a step is always sent; it does not change which lines a log query returns.
   */
  async queryRange(
    logql: string,
    options: CallOptions & {
      startMs: number;
      endMs: number;
      limit?: number;
      direction?: 'forward' | 'backward';
      stepSeconds?: number;
    },
  ): Promise<LokiReply<LokiRangeData>> {
    // A metric query is evaluated at start + k × step: its start goes onto the step grid (rangeGrid). A log
    // query keeps the start asked for, so no line from before the window is shown as inside it.
    const grid = rangeGrid(options.startMs, options.endMs, options.stepSeconds);
    const startMs = isLogqlMetricQuery(logql) ? grid.startMs : options.startMs;
    const step = grid.stepSeconds;
    const res = await this.call(
      '/loki/api/v1/query_range',
      {
        query: logql,
        // Integers longer than 10 digits are read as nanoseconds, so no precision is lost.
        start: msToNs(startMs),
        end: msToNs(options.endMs),
        limit: options.limit ?? 100,
        direction: options.direction ?? 'backward',
        step,
      },
      options.signal,
    );
    const envelope = this.envelope(res, this.what('query reply'));
    const parsed = parseWith(rangeSchema, envelope.data, this.what('query reply'));
    const data: LokiRangeData =
      parsed.resultType === 'streams'
        ? { resultType: 'streams', streams: parsed.result, stepSeconds: step }
        : { resultType: 'matrix', series: parsed.result, stepSeconds: step };
    return { data, warnings: envelope.warnings ?? [] };
  }

  /**
   * A metric query evaluated at one instant (/loki/api/v1/query): one request and one value per series.
   * Without `timeMs` Loki uses its own "now", so a skewed local clock never asks about the future.
   */
  async query(logql: string, options: CallOptions & { timeMs?: number } = {}): Promise<LokiReply<LokiInstantData>> {
    const time = options.timeMs === undefined ? undefined : msToNs(options.timeMs);
    const res = await this.call('/loki/api/v1/query', { query: logql, time }, options.signal);
    const what = this.what('instant query reply');
    const envelope = this.envelope(res, what);
    const vector = vectorOf(envelope.data);
    const parsed = vector ? { resultType: 'vector' as const, result: vector } : parseWith(instantSchema, envelope.data, what);
    const data: LokiInstantData =
      parsed.resultType === 'vector' ? { resultType: 'vector', series: parsed.result } : { resultType: 'scalar', point: parsed.result };
    return { data, warnings: envelope.warnings ?? [] };
  }

  async labels(options: CallOptions & { startMs?: number; endMs?: number } = {}): Promise<string[]> {
    return this.labelList('/loki/api/v1/labels', options);
  }

  async labelValues(name: string, options: CallOptions & { startMs?: number; endMs?: number } = {}): Promise<string[]> {
    return this.labelList(`/loki/api/v1/label/${encodeURIComponent(name)}/values`, options);
  }

  async buildInfo(options: CallOptions = {}): Promise<{ version: string; revision: string; branch: string }> {
    const res = await this.call('/loki/api/v1/status/buildinfo', {}, options.signal);
    return parseWith(buildInfoSchema, parseJson(res.text, this.what('build info')), this.what('build info'));
  }

  /** 503 while the ingester warms up is an answer ("Ingester not ready: …"), not a failure. */
  async ready(options: CallOptions = {}): Promise<Readiness> {
    const res = await this.http.request({ path: '/ready', accept: 'text/plain', signal: options.signal });
    const message = bodySnippet(res.text);
    if (res.status === 200) return { ready: true, message };
    if (res.status === 503) return { ready: false, message };
    throw httpStatusError(this.http.where, res.status, res.text);
  }

  private async labelList(path: string, options: CallOptions & { startMs?: number; endMs?: number }): Promise<string[]> {
    const query = {
      start: options.startMs === undefined ? undefined : msToNs(options.startMs),
      end: options.endMs === undefined ? undefined : msToNs(options.endMs),
    };
    const res = await this.call(path, query, options.signal);
    return parseWith(labelsReply, parseJson(res.text, this.what('label list')), this.what('label list')).data ?? [];
  }

  /** The success envelope of a query reply; Loki's `status` is "success" on every 2xx it writes itself. */
  private envelope(res: HttpResponse, what: string): Envelope {
    const json = parseJson(res.text, what);
    const envelope = guardEnvelope(json) ?? parseWith(envelopeSchema, json, what);
    if (envelope.status !== 'success') {
      throw new SourceError('http', `${this.http.where} reported status "${bodySnippet(envelope.status)}"`, { status: res.status });
    }
    return envelope;
  }

  /** Loki errors are plain text even when the header says JSON (a 400 parse error does). */
  private async call(path: string, query: Record<string, QueryValue>, signal?: AbortSignal): Promise<HttpResponse> {
    const res = await this.http.request({ path, query, signal });
    if (res.status >= 200 && res.status < 300) return res;
    const err = httpStatusError(this.http.where, res.status, res.text);
    if (res.status === 401 && /no org id/.test(res.text)) {
      err.message += ' (this Loki is multi-tenant: set the X-Scope-OrgID header in the source settings)';
    }
    throw err;
  }

  private what(thing: string): string {
    return `the Loki ${thing}`;
  }
}

/** The usual instant answer, checked without zod (sample-guards.ts); anything else goes through instantSchema. */
function vectorOf(data: unknown): Series[] | undefined {
  return isPlainRecord(data) && data['resultType'] === 'vector' ? guardVector(data['result']) : undefined;
}
