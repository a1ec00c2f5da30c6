import { z } from 'zod';
import { SOURCE_LIMITS } from '../domain/source-config';
import { SOURCE_KINDS } from '../domain/sources';
import { MAX_NAME } from './limits';
import { epochMs, incidentId } from './schemas';

/** Channel inputs for sources, telemetry, logs and evidence. Strict objects throughout. */

export const sourceId = z.number().int().positive();

const secret = z.string().min(1, 'must not be empty').max(4_096);

// shared/ has no URL global (no DOM, no node): zod's url check parses it; the authority is checked by pattern.
const baseUrl = z
  .string()
  .trim()
  .max(2_048)
  .pipe(z.url({ protocol: /^https?$/, error: 'base URL must be an absolute http:// or https:// URL' }))
  .refine(
    (text) => !/^https?:\/\/[^/?#]*@/i.test(text),
    'put credentials in the auth fields, not in the URL (they would be stored unencrypted)',
  );

/** Omitting a secret on edit keeps the stored one; it is never sent back to the renderer. */
const authInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('basic'), username: z.string().trim().min(1).max(MAX_NAME), password: secret.optional() }),
  z.strictObject({ kind: z.literal('bearer'), token: secret.optional() }),
]);

// RFC 9110 token characters; a header name with anything else would be refused by node:http anyway.
const headerName = z
  .string()
  .trim()
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,100}$/, "header name may contain only letters, digits and !#$%&'*+-.^_`|~");
const headerValue = z
  .string()
  .max(4_096)
  .refine((v) => !/[\r\n\0]/.test(v), 'header value must be one line');

const headerInput = z.strictObject({ name: headerName, value: headerValue.optional(), secret: z.boolean().default(false) });

/** A Loki label name, as it may be written into a selector. */
export const serviceLabel = z
  .string()
  .trim()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, 'label name: letters, digits and _, not starting with a digit');

export const queryInput = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'query id: lower-case letters, digits, . _ -'),
  metric: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._:-]{0,99}$/, 'metric: lower-case letters, digits, . _ : -'),
  title: z.string().trim().min(1).max(200),
  expr: z.string().trim().min(1, 'query must not be empty').max(8_000),
  enabled: z.boolean().default(true),
});

export const sourceInput = z.strictObject({
  /** Absent: create. Present: update that source. */
  id: sourceId.optional(),
  name: z.string().trim().min(1, 'name must not be empty').max(MAX_NAME),
  kind: z.enum(SOURCE_KINDS),
  baseUrl,
  auth: authInput.default({ kind: 'none' }),
  headers: z.array(headerInput).max(SOURCE_LIMITS.maxHeaders).default([]),
  tls: z
    .strictObject({
      caPem: z
        .string()
        .max(64 * 1024)
        .nullable()
        .default(null),
      insecureSkipVerify: z.boolean().default(false),
    })
    .default({ caPem: null, insecureSkipVerify: false }),
  timeoutMs: z.number().int().min(SOURCE_LIMITS.timeoutMs.min).max(SOURCE_LIMITS.timeoutMs.max).default(SOURCE_LIMITS.timeoutMs.default),
  intervalMs: z
    .number()
    .int()
    .min(SOURCE_LIMITS.intervalMs.min)
    .max(SOURCE_LIMITS.intervalMs.max)
    .default(SOURCE_LIMITS.intervalMs.default),
  enabled: z.boolean().default(true),
  /** Absent: the kind's default queries (on create) or the stored ones (on update). */
  queries: z.array(queryInput).max(SOURCE_LIMITS.maxQueries).optional(),
  /** Loki: the stream label that names a service; absent keeps the stored one, null clears it. */
  serviceLabel: serviceLabel.nullable().optional(),
});
export type SourceInput = z.output<typeof sourceInput>;

export const sourceTestInput = z.union([z.strictObject({ id: sourceId }), z.strictObject({ config: sourceInput })]);

export const seriesInput = z
  .strictObject({
    metric: z.string().trim().min(1).max(100),
    fromMs: epochMs,
    toMs: epochMs,
    /** Per series; the chart asks for about its width in pixels. */
    maxPoints: z.number().int().min(10).max(20_000).default(1_500),
    /** Only series whose labels include all of these. */
    match: z.record(z.string().max(100), z.string().max(500)).default({}),
  })
  .refine((i) => i.fromMs < i.toMs, 'fromMs must be before toMs');

export const alertsInput = z.strictObject({ fromMs: epochMs, toMs: epochMs });

export const retentionInput = z.strictObject({
  leadInMin: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  rawKeepHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  rollupStepSec: z.number().int().min(15).max(3_600),
  rollupKeepDays: z.number().int().min(1).max(365),
  maxSeriesPerMetric: z.number().int().min(10).max(50_000),
});

export const logsInput = z
  .strictObject({
    /** Absent: the first enabled Loki source. */
    sourceId: sourceId.optional(),
    query: z.string().trim().min(1, 'LogQL query must not be empty').max(8_000),
    fromMs: epochMs,
    toMs: epochMs,
    limit: z.number().int().min(1).max(10_000).default(2_000),
    direction: z.enum(['backward', 'forward']).default('backward'),
  })
  .refine((i) => i.fromMs < i.toMs, 'fromMs must be before toMs');

const pinnedLine = z.strictObject({
  tNs: z.string().regex(/^\d{1,20}$/, 'tNs must be a nanosecond timestamp'),
  labels: z.record(z.string().max(200), z.string().max(1_000)),
  line: z.string().max(16_384),
});

/** Evidence is copied into SQLite with the event, so it survives the source going away. */
export const pinInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('log-line'),
    id: incidentId,
    sourceId: sourceId.optional(),
    query: z.string().max(8_000).default(''),
    line: pinnedLine,
    comment: z.string().max(2_000).default(''),
  }),
  z
    .strictObject({
      kind: z.literal('metric-window'),
      id: incidentId,
      /** Main copies the stored series itself; the renderer only names what to copy. */
      metrics: z.array(z.string().trim().min(1).max(100)).min(1).max(8),
      fromMs: epochMs,
      toMs: epochMs,
      match: z.record(z.string().max(100), z.string().max(500)).default({}),
      comment: z.string().max(2_000).default(''),
    })
    .refine((i) => i.fromMs < i.toMs, 'fromMs must be before toMs'),
]);
