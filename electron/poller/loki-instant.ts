import { z } from 'zod';
import { httpStatusError, type HttpClient } from '../sources/http';
import { guardVector, isPlainRecord } from '../sources/sample-guards';
import { pointSchema, vectorSchema, type Series } from '../sources/samples';
import { SourceError, bodySnippet, parseJson, parseWith } from '../sources/source-error';
import type { RawSeries } from './labels';

/**
 * A LogQL metric query evaluated at Loki's own "now" (/loki/api/v1/query). LokiClient only offers
 * range queries; an instant query is one request per poll with one value per series, and leaving
 * `time` out keeps a skewed local clock from asking Loki about the future.
 */

const envelope = z.object({ status: z.string(), data: z.unknown() });
const instantData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: vectorSchema }),
  z.object({ resultType: z.literal('scalar'), result: pointSchema }),
]);

/** The usual answer, checked without zod (sample-guards.ts); anything else goes through instantData. */
function vectorOf(data: unknown): { resultType: 'vector'; result: Series[] } | undefined {
  if (!isPlainRecord(data) || data['resultType'] !== 'vector') return undefined;
  const result = guardVector(data['result']);
  return result && { resultType: 'vector', result };
}

export async function lokiInstant(http: HttpClient, logql: string, signal: AbortSignal): Promise<RawSeries[]> {
  const res = await http.request({ path: '/loki/api/v1/query', query: { query: logql }, signal });
  if (res.status < 200 || res.status >= 300) {
    const err = httpStatusError(http.where, res.status, res.text);
    if (res.status === 401 && /no org id/.test(res.text)) {
      err.message += ' (this Loki is multi-tenant: set the X-Scope-OrgID header in the source settings)';
    }
    throw err;
  }
  const what = 'the Loki instant query reply';
  const json = parseJson(res.text, what);
  const body = isPlainRecord(json) && typeof json['status'] === 'string' ? json : parseWith(envelope, json, what);
  if (body.status !== 'success') {
    throw new SourceError('http', `${http.where} reported status "${bodySnippet(String(body.status))}"`, { status: res.status });
  }
  const data = vectorOf(body.data) ?? parseWith(instantData, body.data, what);
  if (data.resultType === 'scalar') return [{ labels: {}, value: data.result.value }];
  const out: RawSeries[] = [];
  for (const s of data.result) {
    const p = s.points[0];
    if (p) out.push({ labels: s.labels, value: p.value });
  }
  return out;
}

/**
 * Whether a LogQL expression returns numbers (a range aggregation such as `count_over_time(...[1m])`)
 * rather than lines. Every metric query has a `[range]`; quoted filter strings are removed first so a
 * regex like `|~ "[0-9]+"` is not mistaken for one.
 */
export function isLogqlMetricQuery(expr: string): boolean {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""');
  return /\[\s*[^\]\s]+\s*\]/.test(unquoted);
}
