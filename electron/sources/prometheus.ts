import { z } from 'zod';
import type { CallOptions, Readiness } from './client-types';
import type { SourceConnection } from '../../shared/domain/sources';
import { createHttpClient, httpStatusError, type HttpClient, type QueryValue } from './http';
import { rangeGrid, toUnixSeconds } from './query-step';
import { guardOptionalStrings, guardSeriesData, isPlainRecord } from './sample-guards';
import { labelsSchema, matrixSchema, parseSampleValue, pointSchema, vectorSchema, type Point, type Series } from './samples';
import { SourceError, bodySnippet, parseJson, parseWith, shapeError } from './source-error';

/** A successful reply with the warnings Prometheus attached (e.g. "results truncated due to limit"). */
export interface PromReply<T> {
  data: T;
  warnings: string[];
  infos: string[];
}

export type PromInstantData =
  | { resultType: 'vector'; series: Series[] }
  | { resultType: 'matrix'; series: Series[] }
  | { resultType: 'scalar'; point: Point }
  | { resultType: 'string'; tMs: number; text: string };

export interface PromRangeData {
  series: Series[];
  /** The step actually used, after keeping every series under the 11,000-point limit. */
  stepSeconds: number;
  /** The start actually sent: the one asked for, aligned down onto the step grid (query-step.ts rangeGrid). */
  startMs: number;
}

export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  activeAt: string;
  keepFiringSince?: string;
  value: number;
}

export interface PromBuildInfo {
  version: string;
  revision: string;
  branch: string;
  buildUser: string;
  buildDate: string;
  goVersion: string;
}

const envelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

type Envelope = z.output<typeof envelopeSchema>;

/** envelopeSchema's verdict without zod for the usual reply; undefined leaves the reply to the schema. */
function guardEnvelope(json: unknown): Envelope | undefined {
  if (!isPlainRecord(json)) return undefined;
  const { status, data, errorType, error } = json;
  if (status !== 'success' && status !== 'error') return undefined;
  if ((errorType !== undefined && typeof errorType !== 'string') || (error !== undefined && typeof error !== 'string')) return undefined;
  const warnings = guardOptionalStrings(json['warnings']);
  const infos = guardOptionalStrings(json['infos']);
  if (!warnings || !infos) return undefined;
  const out: Envelope = { status, data, warnings, infos };
  if (errorType !== undefined) out.errorType = errorType;
  if (error !== undefined) out.error = error;
  return out;
}

const instantSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: vectorSchema }),
  z.object({ resultType: z.literal('matrix'), result: matrixSchema }),
  z.object({ resultType: z.literal('scalar'), result: pointSchema }),
  z.object({ resultType: z.literal('string'), result: z.tuple([z.number(), z.string()]) }),
]);

const rangeSchema = z.object({ resultType: z.literal('matrix'), result: matrixSchema });

const alertsSchema = z.object({
  alerts: z.array(
    z.object({
      labels: labelsSchema,
      annotations: labelsSchema.default({}),
      state: z.string(),
      activeAt: z.string(),
      keepFiringSince: z.string().optional(),
      // Formatted with %e, e.g. "1e+00"; NaN and ±Inf spelled as in sample values.
      value: z.string().transform((text) => parseSampleValue(text) ?? Number.NaN),
    }),
  ),
});

const buildInfoSchema = z.object({
  version: z.string(),
  revision: z.string().default(''),
  branch: z.string().default(''),
  buildUser: z.string().default(''),
  buildDate: z.string().default(''),
  goVersion: z.string().default(''),
});

export class PrometheusClient {
  constructor(private readonly http: HttpClient) {}

  static connect(conn: SourceConnection): PrometheusClient {
    return new PrometheusClient(createHttpClient(conn, 'Prometheus'));
  }

  close(): void {
    this.http.close();
  }

  async query(expr: string, options: CallOptions & { timeMs?: number } = {}): Promise<PromReply<PromInstantData>> {
    const reply = await this.api('/api/v1/query', { query: expr, time: opt(options.timeMs) }, options.signal);
    const parsed = guardSeriesData(reply.data) ?? parseWith(instantSchema, reply.data, 'the Prometheus query reply');
    let data: PromInstantData;
    if (parsed.resultType === 'scalar') data = { resultType: 'scalar', point: parsed.result };
    else if (parsed.resultType === 'string') {
      data = { resultType: 'string', tMs: Math.round(parsed.result[0] * 1000), text: parsed.result[1] };
    } else data = { resultType: parsed.resultType, series: parsed.result };
    return { ...reply, data };
  }

  async queryRange(
    expr: string,
    options: CallOptions & { startMs: number; endMs: number; stepSeconds?: number },
  ): Promise<PromReply<PromRangeData>> {
    const grid = rangeGrid(options.startMs, options.endMs, options.stepSeconds);
    const reply = await this.api(
      '/api/v1/query_range',
      { query: expr, start: toUnixSeconds(grid.startMs), end: toUnixSeconds(grid.endMs), step: grid.stepSeconds },
      options.signal,
    );
    const parsed = parseWith(rangeSchema, reply.data, 'the Prometheus range query reply');
    return { ...reply, data: { series: parsed.result, stepSeconds: grid.stepSeconds, startMs: grid.startMs } };
  }

  async alerts(options: CallOptions = {}): Promise<PromAlert[]> {
    const reply = await this.api('/api/v1/alerts', {}, options.signal);
    return parseWith(alertsSchema, reply.data, 'the Prometheus alerts reply').alerts;
  }

  async buildInfo(options: CallOptions = {}): Promise<PromBuildInfo> {
    const reply = await this.api('/api/v1/status/buildinfo', {}, options.signal);
    return parseWith(buildInfoSchema, reply.data, 'the Prometheus build info');
  }

  /** 503 before the TSDB is loaded is an answer, not a failure: the server is up but not ready. */
  async ready(options: CallOptions = {}): Promise<Readiness> {
    const res = await this.http.request({ path: '/-/ready', accept: 'text/plain', signal: options.signal });
    const message = bodySnippet(res.text);
    if (res.status === 200) return { ready: true, message };
    if (res.status === 503) {
      return { ready: false, message, stopping: res.headers['x-prometheus-stopping'] === 'true' };
    }
    throw httpStatusError(this.http.where, res.status, res.text);
  }

  private async api(path: string, query: Record<string, QueryValue>, signal: AbortSignal | undefined): Promise<PromReply<unknown>> {
    const res = await this.http.request({ path, query, signal });
    const ok = res.status >= 200 && res.status < 300;
    const where = this.http.where;
    // Before it is ready, Prometheus answers every API call with a plain-text 503, not the envelope.
    if (res.status === 503 && !looksLikeJson(res.text)) {
      const stopping = res.headers['x-prometheus-stopping'] === 'true';
      throw new SourceError(
        'http',
        `${where} is ${stopping ? 'shutting down' : 'not ready yet (still starting up)'}: HTTP 503 ${bodySnippet(res.text)}`,
        { status: 503 },
      );
    }
    if (!ok && !looksLikeJson(res.text)) throw httpStatusError(where, res.status, res.text);
    let json: unknown;
    try {
      json = parseJson(res.text, `the reply of ${where}`);
    } catch (err) {
      if (!ok) throw httpStatusError(where, res.status, res.text);
      throw err;
    }
    let body = guardEnvelope(json);
    if (!body) {
      const envelope = envelopeSchema.safeParse(json);
      if (!envelope.success) {
        if (!ok) throw httpStatusError(where, res.status, res.text);
        throw shapeError(envelope.error, `the reply of ${where}`);
      }
      body = envelope.data;
    }
    if (!ok || body.status === 'error') {
      const kind = body.errorType ? ` (${body.errorType})` : '';
      const said = bodySnippet(body.error ?? res.text);
      throw new SourceError('http', `${where} rejected the request${kind}: ${said}`, { status: res.status });
    }
    return { data: body.data, warnings: body.warnings ?? [], infos: body.infos ?? [] };
  }
}

function looksLikeJson(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') || t.startsWith('[') || t.startsWith('"');
}

function opt(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : toUnixSeconds(ms);
}
