import { z } from 'zod';
import type { SourceHealth, SourceQuery, SourceView } from '../../../shared/domain/source-config';
import type { SourceKind } from '../../../shared/domain/sources';

/**
 * How a source is stored: non-secret settings as one JSON document (`sources.config`), secrets as
 * one sealed JSON document (`sources.secrets`). The config is parsed on every read: a row is as
 * untrusted as a file someone may have edited.
 */

export const storedConfig = z.object({
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('basic'), username: z.string() }),
    z.object({ kind: z.literal('bearer') }),
  ]),
  /** Secret headers keep only their name here; the value is in the sealed secrets. */
  headers: z.array(z.object({ name: z.string(), value: z.string().nullable(), secret: z.boolean() })),
  tls: z.object({ caPem: z.string().nullable(), insecureSkipVerify: z.boolean() }),
  timeoutMs: z.number().int().positive(),
  intervalMs: z.number().int().positive(),
  queries: z.array(z.object({ id: z.string(), metric: z.string(), title: z.string(), expr: z.string(), enabled: z.boolean() })),
  /** Loki: the stream label that names a service; null until chosen (sources saved before it existed have none). */
  serviceLabel: z.string().nullable().default(null),
});
export type StoredConfig = z.output<typeof storedConfig>;

export const storedSecrets = z.object({
  password: z.string().optional(),
  token: z.string().optional(),
  /** Keyed by the header name in lower case (HTTP header names are case-insensitive). */
  headers: z.record(z.string(), z.string()).default({}),
});
export type StoredSecrets = z.output<typeof storedSecrets>;

export interface SourceRow {
  id: number;
  name: string;
  kind: SourceKind;
  base_url: string;
  config: string;
  secrets: Buffer | null;
  enabled: number;
  demo: number;
  created_at: number;
  updated_at: number;
}

/** A row with its config parsed; secrets stay sealed until the poller needs them. */
export interface StoredSource {
  id: number;
  name: string;
  kind: SourceKind;
  baseUrl: string;
  config: StoredConfig;
  sealedSecrets: Buffer | null;
  enabled: boolean;
  demo: boolean;
  createdAt: number;
  updatedAt: number;
}

export function fromRow(row: SourceRow): StoredSource {
  let config: StoredConfig;
  try {
    config = storedConfig.parse(JSON.parse(row.config));
  } catch (err) {
    throw new Error(`The stored settings of source "${row.name}" are damaged; delete and re-create the source.`, { cause: err });
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.base_url,
    config,
    sealedSecrets: row.secrets,
    enabled: row.enabled === 1,
    demo: row.demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The renderer's view: never a secret. A basic/bearer source always holds its secret (saving one
 * without it is refused), so `passwordSet`/`tokenSet` follow from the auth kind.
 */
export function toView(s: StoredSource, health: SourceHealth): SourceView {
  const auth = s.config.auth;
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    baseUrl: s.baseUrl,
    auth:
      auth.kind === 'basic'
        ? { kind: 'basic', username: auth.username, passwordSet: s.sealedSecrets !== null }
        : auth.kind === 'bearer'
          ? { kind: 'bearer', tokenSet: s.sealedSecrets !== null }
          : { kind: 'none' },
    headers: s.config.headers.map((h) => ({ name: h.name, value: h.secret ? null : h.value, secret: h.secret })),
    tls: { ...s.config.tls },
    timeoutMs: s.config.timeoutMs,
    intervalMs: s.config.intervalMs,
    enabled: s.enabled,
    demo: s.demo,
    queries: s.config.queries.map((q): SourceQuery => ({ ...q })),
    serviceLabel: s.config.serviceLabel,
    health,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
