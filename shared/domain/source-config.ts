import type { SourceErrorKind, SourceKind } from './sources';

/**
 * How sources look to the renderer: configuration without secrets, plus health.
 * Secrets (passwords, tokens, secret header values) stay in main; the renderer only
 * learns whether one is set, and sends a new one or omits it to keep the stored one.
 */

/** One editable query of a Prometheus or Loki source; its samples are stored under `metric`. */
export interface SourceQuery {
  /** Stable id within the source, e.g. `gpu-memory-share`. */
  id: string;
  /** Where its samples are stored and what the charts ask for, e.g. `gpu.memory.share`. */
  metric: string;
  title: string;
  expr: string;
  enabled: boolean;
}

export type SourceAuthView =
  { kind: 'none' } | { kind: 'basic'; username: string; passwordSet: boolean } | { kind: 'bearer'; tokenSet: boolean };

export interface SourceHeaderView {
  name: string;
  /** null when the header is secret (e.g. an API key): only main holds the value. */
  value: string | null;
  secret: boolean;
}

export const HEALTH_STATES = ['unknown', 'ok', 'degraded', 'down', 'disabled'] as const;
/**
 * - unknown: not polled yet; ok: the last poll answered fully;
 * - degraded: answered partly (some queries failed) or failed once or twice in a row;
 * - down: failed three or more times in a row (or refused/unreachable twice); disabled: switched off.
 */
export type HealthState = (typeof HEALTH_STATES)[number];

export interface SourceHealth {
  sourceId: number;
  state: HealthState;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** The last failure in words; kept after recovery so a flapping source can be explained. */
  lastError: { at: number; kind: SourceErrorKind; message: string } | null;
  consecutiveFailures: number;
  /** Duration of the last successful poll. */
  latencyMs: number | null;
  nextPollAt: number | null;
}

/** Health before the first poll: nothing known yet (or switched off). */
export function initialHealth(sourceId: number, enabled: boolean): SourceHealth {
  return {
    sourceId,
    state: enabled ? 'unknown' : 'disabled',
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    latencyMs: null,
    nextPollAt: null,
  };
}

export interface SourceView {
  id: number;
  name: string;
  kind: SourceKind;
  baseUrl: string;
  auth: SourceAuthView;
  headers: SourceHeaderView[];
  tls: { caPem: string | null; insecureSkipVerify: boolean };
  timeoutMs: number;
  intervalMs: number;
  enabled: boolean;
  /** Created by the first run to point at the embedded lab; its URL follows the lab's port. */
  demo: boolean;
  /** Empty for kinds without editable queries (AsynqMon, Alertmanager, exporter-scrape). */
  queries: SourceQuery[];
  /**
   * Loki: the stream label that names a service (`app`, `service_name`, `job`…), which the default
   * queries select on; null when not chosen, and then picked from the labels the Loki has.
   */
  serviceLabel: string | null;
  health: SourceHealth;
  createdAt: number;
  updatedAt: number;
}

/** What "Test" shows: the server's own answer (version, queue count, readiness) or why it failed. */
export interface SourceTestOutcome {
  success: boolean;
  /** e.g. "Prometheus 2.42.0 (ready)", "AsynqMon: 5 queues", "Loki ready". */
  summary: string;
  /** Further lines, e.g. one per query with its series count. */
  details: string[];
  latencyMs: number;
  error: { kind: SourceErrorKind; message: string } | null;
  /** It answered, but something will not work as configured (a query with no data, a label no stream has). */
  warnings: string[];
  /** Loki: the stream labels it has in the last hours, to choose the service label from; absent for other kinds. */
  labels?: string[];
}

export const SOURCE_LIMITS = {
  timeoutMs: { min: 500, max: 120_000, default: 10_000 },
  intervalMs: { min: 1_000, max: 3_600_000, default: 15_000 },
  maxQueries: 30,
  maxHeaders: 20,
} as const;
