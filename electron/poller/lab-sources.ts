/**
 * Test and bench support: ResolvedSource values pointing at a lab or a fake upstream. Not used by the app
 * (its sources come from settings); kept beside the poller so tests and the bench build them the same way.
 */
import type { SourceQuery } from '../../shared/domain/source-config';
import type { SourceKind } from '../../shared/domain/sources';
import { METRICS } from '../../shared/domain/telemetry';
import { DEFAULT_QUERIES } from '../sources/default-queries';
import type { ResolvedSource } from './types';

let nextId = 1;

export function resolvedSource(kind: SourceKind, baseUrl: string, extra: Partial<ResolvedSource> = {}): ResolvedSource {
  const id = extra.id ?? nextId++;
  return {
    id,
    name: extra.name ?? `${kind} #${id}`,
    kind,
    connection: extra.connection ?? { baseUrl, auth: { kind: 'none' }, timeoutMs: 2_000 },
    intervalMs: extra.intervalMs ?? 5_000,
    enabled: extra.enabled ?? true,
    queries: extra.queries ?? [],
  };
}

/** The shipped default queries of a kind, as stored queries (those without a metric key are not polled). */
export function defaultSourceQueries(kind: 'prometheus' | 'loki'): SourceQuery[] {
  return DEFAULT_QUERIES.filter((q) => q.source === kind && q.metric !== undefined).map((q) => ({
    id: q.id,
    metric: q.metric as string,
    title: q.title,
    expr: q.expr,
    enabled: true,
  }));
}

/** The lab's streams have `app`, not `service`, and its workers run in ml-workers: the default selector finds nothing. */
export const LAB_ERROR_RATE: SourceQuery = {
  id: 'lab-error-rate',
  metric: METRICS.logErrorLines,
  title: 'Error lines per app (per minute)',
  expr: 'sum by (app) (count_over_time({namespace="ml-workers"} |~ "(?i)error" [1m]))',
  enabled: true,
};

/** The demo set: the lab's exporter page, its AsynqMon and its Loki (defaults plus a query the lab answers). */
export function labDemoSources(labUrl: string, intervalMs = 5_000): ResolvedSource[] {
  return [
    resolvedSource('exporter-scrape', `${labUrl}/metrics`, { name: 'Lab exporters', intervalMs }),
    resolvedSource('asynqmon', labUrl, { name: 'Lab AsynqMon', intervalMs }),
    resolvedSource('loki', labUrl, { name: 'Lab Loki', intervalMs, queries: [...defaultSourceQueries('loki'), LAB_ERROR_RATE] }),
  ];
}
