import type { SourceQuery } from '../../../shared/domain/source-config';
import type { SourceKind } from '../../../shared/domain/sources';
import { DEFAULT_QUERIES, lokiDefaultQueries } from '../../sources/default-queries';

/**
 * The queries a new source starts with when the user gave none: the default metric queries of its
 * kind (DEFAULT_QUERIES entries with a `metric`; the others are charted on demand). Kinds without
 * editable queries poll fixed endpoints and get none.
 */
export function defaultQueriesFor(kind: SourceKind, serviceLabel?: string | null): SourceQuery[] {
  if (kind !== 'prometheus' && kind !== 'loki') return [];
  const defaults = kind === 'loki' && serviceLabel ? lokiDefaultQueries(serviceLabel) : DEFAULT_QUERIES.filter((q) => q.source === kind);
  return defaults
    .filter((q) => q.metric !== undefined)
    .map((q) => ({
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
  serviceLabel: string | null;
}

export const DEMO_INTERVAL_MS = 5_000;
/** Below the interval, so a slow lab answer never overlaps the next poll. */
export const DEMO_TIMEOUT_MS = 4_000;

/** The lab labels streams like Promtail; `app` names its services (job is "<namespace>/<app>"). */
export const LAB_SERVICE_LABEL = 'app';

/** The demo Loki's error-rate query: errors per app. */
export const LAB_ERROR_RATE: SourceQuery = (() => {
  const q = defaultQueriesFor('loki', LAB_SERVICE_LABEL).find((d) => d.id === 'log-error-rate');
  if (!q) throw new Error('the Loki defaults have no error-rate query');
  return q;
})();

/**
 * The first-run profile pointing at the embedded lab. Every client builds its paths from the base
 * URL's own path (exporter-scrape adds /metrics, AsynqMon /api/…, Loki /loki/api/v1/…), and the lab
 * serves all three at its root, so each base URL is the lab's root.
 */
export const DEMO_SOURCES: readonly DemoSource[] = [
  { name: 'Lab GPU exporter', kind: 'exporter-scrape', baseUrl: (lab) => `${lab}/`, queries: [], serviceLabel: null },
  { name: 'Lab AsynqMon', kind: 'asynqmon', baseUrl: (lab) => lab, queries: [], serviceLabel: null },
  {
    name: 'Lab Loki',
    kind: 'loki',
    baseUrl: (lab) => lab,
    queries: defaultQueriesFor('loki', LAB_SERVICE_LABEL),
    serviceLabel: LAB_SERVICE_LABEL,
  },
];

/** Which demo definition a stored demo source came from (by kind: the profile has one per kind). */
export function demoUrlFor(kind: SourceKind, lab: string): string | null {
  const def = DEMO_SOURCES.find((d) => d.kind === kind);
  return def ? def.baseUrl(lab) : null;
}
