import type { telemetryChannels } from '../../../shared/contract/telemetry';
import type { CoreContext } from '../context';
import { defaultQueriesFor } from '../demo/demo-sources';
import type { HandlersFor } from '../handlers';

export function telemetryHandlers(ctx: CoreContext): HandlersFor<typeof telemetryChannels> {
  const { sources, telemetry, runtime, evidence } = ctx;
  return {
    'incident:pin-evidence': (i) => evidence.pin(i),
    'source:list': () => sources.list(),
    'source:save': (i) => sources.save(i),
    'source:delete': (i) => sources.delete(i.id),
    'source:test': (i) => runtime.test(i),
    'source:poll-now': (i) => runtime.pollNow(i.id),
    'source:default-queries': (i) => defaultQueriesFor(i.kind, i.serviceLabel),
    'telemetry:get-series': (i) => telemetry.getSeries(i),
    'telemetry:get-snapshot': () => telemetry.getSnapshot(sources.list()),
    'telemetry:list-alerts': (i) => telemetry.listAlerts(i),
    'retention:get': () => telemetry.getRetention(),
    'retention:set': (i) => telemetry.setRetention(i),
    'logs:query': (i) => runtime.queryLogs(i),
    'logs:defaults': (i) => runtime.logDefaults(i.sourceId),
  };
}
