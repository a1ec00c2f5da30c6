import type { SourceQuery } from '../../shared/domain/source-config';
import type { SourceKind } from '../../shared/domain/sources';
import { METRICS } from '../../shared/domain/telemetry';
import { DEFAULT_QUERIES } from '../sources/default-queries';

/**
 * The queries a new source starts with when the user gave none: the default metric queries of its
 * kind (DEFAULT_QUERIES entries with a `metric`; the others are charted on demand). Kinds without
 * editable queries poll fixed endpoints and get none.
 */
export function defaultQueriesFor(kind: SourceKind): SourceQuery[] {
  if (kind !== 'prometheus' && kind !== 'loki') return [];
  return DEFAULT_QUERIES.filter((q) => q.source === kind && q.metric !== undefined).map((q) => ({
    id: q.id,
    metric: q.metric ?? '',
    title: q.title,
    expr: q.expr,
    enabled: true,
  }));
}

export interface DemoSource {
  name: string;
  kind: SourceKind;
  /** The client appends its API paths (/metrics, /api/queues, /loki/api/v1/…) to this. */
  baseUrl: (lab: string) => string;
  queries: SourceQuery[];
}

export const DEMO_INTERVAL_MS = 5_000;
/** Below the interval, so a slow lab answer never overlaps the next poll. */
export const DEMO_TIMEOUT_MS = 4_000;

/**
 * The default error-rate query as the lab needs it: its workers log in ml-workers and label streams by
 * `app`, not `service`, so the default selector finds nothing there.
 */
export const LAB_ERROR_RATE: SourceQuery = {
  id: 'log-error-rate',
  metric: METRICS.logErrorLines,
  title: 'Error lines per app (per minute)',
  expr: 'sum by (app) (count_over_time({namespace="ml-workers"} |~ "(?i)error" [1m]))',
  enabled: true,
};

/**
 * The first-run profile pointing at the embedded lab. Every client builds its paths from the base
 * URL's own path (exporter-scrape adds /metrics, AsynqMon /api/…, Loki /loki/api/v1/…), and the lab
 * serves all three at its root, so each base URL is the lab's root.
 */
export const DEMO_SOURCES: readonly DemoSource[] = [
  { name: 'Lab GPU exporter', kind: 'exporter-scrape', baseUrl: (lab) => `${lab}/`, queries: [] },
  { name: 'Lab AsynqMon', kind: 'asynqmon', baseUrl: (lab) => lab, queries: [] },
  {
    name: 'Lab Loki',
    kind: 'loki',
    baseUrl: (lab) => lab,
    queries: defaultQueriesFor('loki').map((q) => (q.id === LAB_ERROR_RATE.id ? LAB_ERROR_RATE : q)),
  },
];

/** Which demo definition a stored demo source came from (by kind: the profile has one per kind). */
export function demoUrlFor(kind: SourceKind, lab: string): string | null {
  const def = DEMO_SOURCES.find((d) => d.kind === kind);
  return def ? def.baseUrl(lab) : null;
}
