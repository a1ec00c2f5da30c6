/**
 * Test and bench support: ResolvedSource values pointing at a lab or a fake upstream. Not used by the app
 * (its sources come from settings); kept beside the poller so tests and the bench build them the same way.
 */
import type { SourceKind } from '../../shared/domain/sources';
import { DEMO_INTERVAL_MS, DEMO_SOURCES, DEMO_TIMEOUT_MS } from '../core/demo/demo-sources';
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
    serviceLabel: extra.serviceLabel ?? null,
  };
}

/** The app's first-run demo profile (DEMO_SOURCES) against a lab, so the bench polls what the app polls. */
export function labDemoSources(labUrl: string, intervalMs = DEMO_INTERVAL_MS): ResolvedSource[] {
  return DEMO_SOURCES.map((d) => {
    const baseUrl = d.baseUrl(labUrl);
    return resolvedSource(d.kind, baseUrl, {
      name: d.name,
      intervalMs,
      queries: d.queries,
      serviceLabel: d.serviceLabel,
      connection: { baseUrl, auth: { kind: 'none' }, timeoutMs: DEMO_TIMEOUT_MS },
    });
  });
}
