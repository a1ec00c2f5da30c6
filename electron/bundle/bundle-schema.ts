import { z } from 'zod';
import { MAX_LIST_ITEMS, MAX_NAME, MAX_TEXT, MAX_TITLE } from '../../shared/contract/limits';
import { EVENT_KINDS } from '../../shared/domain/incident';
import { ROLES } from '../../shared/domain/roles';
import { SEVERITIES } from '../../shared/domain/severity';
import { STATUSES } from '../../shared/domain/status';

/**
 * The incident bundle, version 1: one JSON document,
 * `{"format":"pitwall.incident-bundle","version":1,"sha256":"<hex>","body":{…}}`, where sha256 is
 * of `JSON.stringify(body)` (re-serialising a parsed body gives back the same text, so any changed
 * byte in the body shows). Nothing local is in it: no integer ids, no source ids as keys — an
 * incident is known by its uid, samples by their source's name, metric and labels.
 *
 * Validation never transforms (no trimming, no defaults): what is imported is exactly what was
 * exported, so a bundle re-exported after import is the same bundle.
 */
export const BUNDLE_FORMAT = 'pitwall.incident-bundle';
export const BUNDLE_VERSION = 1;

/** Epoch ms within 2000-01-01 .. 2100-01-01, as everywhere else. */
export const epochMs = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
const text = (max: number) => z.string().max(max);
const name = z.string().min(1).max(MAX_NAME);
const nullableTime = epochMs.nullable();

/** Largest JSON text of one event's structured data (a pinned window carries up to 64 series × 400 points). */
const MAX_EVENT_DATA_CHARS = 4 * 1024 * 1024;
export const MAX_EVENTS = 500_000;

/** A plain JSON object (what timeline events carry as `data`), size-capped. */
export const jsonObject = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && JSON.stringify(v).length <= MAX_EVENT_DATA_CHARS,
  { message: `must be a JSON object of at most ${MAX_EVENT_DATA_CHARS / 1024 / 1024} MB` },
);

export const bundleIncident = z.strictObject({
  uid: z.uuid(),
  ref: z.string().regex(/^INC-\d{8}-\d{3,6}$/, 'must look like INC-YYYYMMDD-NNN'),
  title: z.string().min(1).max(MAX_TITLE),
  summary: text(MAX_TEXT),
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES),
  services: z.array(name).max(MAX_LIST_ITEMS),
  tenants: z.array(name).max(MAX_LIST_ITEMS),
  times: z.strictObject({
    impactStartedAt: nullableTime,
    detectedAt: nullableTime,
    declaredAt: epochMs,
    acknowledgedAt: nullableTime,
    mitigatedAt: nullableTime,
    resolvedAt: nullableTime,
    closedAt: nullableTime,
  }),
  updatedAt: epochMs,
  roles: z
    .array(z.strictObject({ role: z.enum(ROLES), person: name, assignedAt: epochMs }))
    .max(ROLES.length)
    .refine((roles) => new Set(roles.map((r) => r.role)).size === roles.length, 'a role appears twice'),
});

export const bundleEvent = z.strictObject({
  at: epochMs,
  kind: z.enum(EVENT_KINDS),
  actor: z.string().min(1).max(200),
  summary: text(65_536),
  data: jsonObject,
});

export const bundleBody = z.strictObject({
  exportedAt: epochMs,
  exportedBy: z.string().min(1).max(200),
  /** "Pitwall 0.1.0": which build wrote it, for the person reading an import record. */
  exportedFrom: z.string().min(1).max(100),
  incident: bundleIncident,
  timeline: z.array(bundleEvent).max(MAX_EVENTS),
  /** The range the samples cover: the incident window with its lead-in. */
  window: z.strictObject({ fromMs: epochMs, toMs: epochMs }).refine((w) => w.fromMs <= w.toMs, 'window ends before it starts'),
  /** Rows each domain registered (bundle-tables.ts), by table name; each table validates its own rows. */
  tables: z.record(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'table names are domain.table'), z.array(z.unknown())),
});

export type BundleIncident = z.infer<typeof bundleIncident>;
export type BundleEvent = z.infer<typeof bundleEvent>;
export type BundleBody = z.infer<typeof bundleBody>;

/** The envelope, read before the body so a foreign or newer file is named as such, not as "invalid". */
export const bundleEnvelope = z.object({
  format: z.string(),
  version: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
  body: z.unknown(),
});
