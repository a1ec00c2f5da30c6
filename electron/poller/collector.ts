import type { SourceTestOutcome } from '../../shared/domain/source-config';
import type { SourceConnection } from '../../shared/domain/sources';
import { createAlertmanagerCollector } from './alertmanager-collector';
import { createAsynqmonCollector } from './asynqmon-collector';
import type { Collector } from './collector-kit';
import { createExporterCollector } from './exporter-collector';
import { createLokiCollector } from './loki-collector';
import { createPrometheusCollector } from './prometheus-collector';
import type { ResolvedSource } from './types';

export type { Collector } from './collector-kit';

/**
 * The clients append their API paths (`/api/queues`, `/loki/api/v1/…`) to the base URL; people often
 * paste the API root instead (the lab prints `…/api` and `…/loki/api/v1`), so a trailing one is dropped.
 */
const API_SUFFIX: Partial<Record<ResolvedSource['kind'], RegExp>> = {
  asynqmon: /\/api\/?$/,
  loki: /\/loki\/api\/v1\/?$/,
  prometheus: /\/api\/v1\/?$/,
  alertmanager: /\/api\/v2\/?$/,
};

export function connectionFor(source: Pick<ResolvedSource, 'kind' | 'connection'>): SourceConnection {
  const suffix = API_SUFFIX[source.kind];
  if (!suffix || !suffix.test(source.connection.baseUrl)) return source.connection;
  return { ...source.connection, baseUrl: source.connection.baseUrl.replace(suffix, '') || source.connection.baseUrl };
}

export function createCollector(source: ResolvedSource): Collector {
  const conn = connectionFor(source);
  switch (source.kind) {
    case 'prometheus':
      return createPrometheusCollector(conn, source.queries);
    case 'asynqmon':
      return createAsynqmonCollector(conn);
    case 'loki':
      return createLokiCollector(conn, source.queries);
    case 'alertmanager':
      return createAlertmanagerCollector(conn);
    case 'exporter-scrape':
      return createExporterCollector(conn);
  }
}

/** "Test" for a saved source or an unsaved form: a throwaway collector, bounded by the source's timeout. */
export async function testSource(source: ResolvedSource, signal?: AbortSignal): Promise<SourceTestOutcome> {
  const collector = createCollector(source);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  // Test runs several requests one after another (readiness, then queries): allow two deadlines in all.
  const timer = setTimeout(onAbort, source.connection.timeoutMs * 2);
  try {
    return await collector.test(controller.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    collector.close();
  }
}
