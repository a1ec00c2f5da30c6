import { z } from 'zod';
import { guardLabels, isPlainRecord } from './sample-guards';
import { labelsSchema, parseSampleValue, sampleValueSchema, type Labels } from './samples';

export interface ExporterSample {
  name: string;
  labels: Labels;
  /** NaN and ±Infinity kept; DCGM reports NaN for fields a GPU does not support. */
  value: number;
  timestampMs?: number;
}

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const MILLISECONDS_RE = /^-?\d+$/;

// The parser's output, as its README documents it (prom2json-compatible). The parser is lax — it reads
// "404 page not found" as metric "404" with value "page" — so names, values and timestamps are checked here.
const familySchema = z.object({
  name: z.string().regex(METRIC_NAME_RE, 'not a metric name'),
  type: z.string(),
  metrics: z.array(
    z.object({
      labels: labelsSchema.optional(),
      value: sampleValueSchema.optional(),
      timestamp_ms: z.string().regex(MILLISECONDS_RE, 'not a millisecond timestamp').optional(),
      buckets: z.record(z.string(), sampleValueSchema).optional(),
      quantiles: z.record(z.string(), sampleValueSchema).optional(),
      count: sampleValueSchema.optional(),
      sum: sampleValueSchema.optional(),
    }),
  ),
});
export const expositionSchema = z.array(familySchema);
type Family = z.infer<typeof familySchema>;

/**
 * What `exposition` accepts and builds, checked by hand for the families a poll reads every few seconds
 * (gauges and counters: labels, value, timestamp); the schema cost as much as the parse itself. Anything
 * else, a histogram or a bad value, returns undefined and goes to zod, which parses it or words the error.
 */
export function guardFamilies(raw: unknown): Family[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: Family[] = [];
  for (const f of raw as unknown[]) {
    if (!isPlainRecord(f)) return undefined;
    const { name, type, metrics } = f;
    if (typeof name !== 'string' || !METRIC_NAME_RE.test(name) || typeof type !== 'string' || !Array.isArray(metrics)) return undefined;
    const checked: Family['metrics'] = [];
    for (const m of metrics as unknown[]) {
      if (!isPlainRecord(m)) return undefined;
      const metric: Family['metrics'][number] = {};
      for (const key in m) {
        const v = m[key];
        // An optional key present as undefined is what zod calls absent.
        if (v === undefined) continue;
        if (key === 'labels') {
          const labels = guardLabels(v);
          if (!labels) return undefined;
          metric.labels = labels;
        } else if (key === 'value') {
          const value = typeof v === 'string' ? parseSampleValue(v) : undefined;
          if (value === undefined) return undefined;
          metric.value = value;
        } else if (key === 'timestamp_ms') {
          if (typeof v !== 'string' || !MILLISECONDS_RE.test(v)) return undefined;
          metric.timestamp_ms = v;
        } else return undefined;
      }
      checked.push(metric);
    }
    out.push({ name, type, metrics: checked });
  }
  return out;
}
