/**
 * Upstream data sources: what kinds exist, how one is reached, and how a failure is described.
 * Pure types and constants only — the clients live in electron/sources, settings and health elsewhere.
 */

export const SOURCE_KINDS = ['prometheus', 'asynqmon', 'loki', 'alertmanager', 'exporter-scrape'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * How a source is authenticated. Tenant headers such as Loki's X-Scope-OrgID are not auth — they
 * often ride along with basic auth (hosted Loki) — so they live in `SourceConnection.headers`.
 */
export type SourceAuth = { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface SourceTls {
  /** PEM of an extra CA to trust, added to the system roots (a private CA on an internal Prometheus). */
  caPem?: string;
  /** Explicit opt-in for self-signed lab endpoints; never a default. */
  insecureSkipVerify?: boolean;
}

/** Everything a client needs to reach one upstream. Secrets arrive decrypted and never leave main. */
export interface SourceConnection {
  /** e.g. `http://prometheus:9090` or `https://host/prefix` — a path prefix is kept. */
  baseUrl: string;
  auth: SourceAuth;
  /** Custom request headers, e.g. `{ 'X-Scope-OrgID': 'tenant-a' }`. */
  headers?: Record<string, string>;
  tls?: SourceTls;
  /** Whole-request deadline: connect, headers and body. */
  timeoutMs: number;
  /** Response body cap in bytes (after decompression); the client's default applies when absent. */
  maxResponseBytes?: number;
}

/**
 * Why a request to a source failed, coarse enough to drive health and retry decisions:
 * - refused: nothing listens (service down); network: reset / unreachable mid-flight;
 * - dns: the host name does not resolve; tls: certificate or handshake failure;
 * - timeout: no complete answer within the deadline; aborted: the caller cancelled;
 * - http: the server answered with an error status; too-large: body over the cap;
 * - malformed: the body is not what the API documents; config: the connection settings are unusable;
 * - rejected: the request itself is the mistake (a queue the upstream does not list, a log query where
 *   numbers are needed, a 400 from the upstream): nothing is wrong with the source;
 * - no-data: the source answered but gave none of the data it exists for (no metrics on the page,
 *   no query with a series, no queue, no stream);
 * - storage: the source answered but Pitwall could not write it (disk full, database locked).
 */
export const SOURCE_ERROR_KINDS = [
  'refused',
  'network',
  'dns',
  'tls',
  'timeout',
  'aborted',
  'http',
  'too-large',
  'malformed',
  'config',
  'rejected',
  'no-data',
  'storage',
] as const;
export type SourceErrorKind = (typeof SOURCE_ERROR_KINDS)[number];

/** A failure as a value, e.g. for health events sent to the renderer. */
export interface SourceFailure {
  kind: SourceErrorKind;
  status?: number;
  message: string;
}
