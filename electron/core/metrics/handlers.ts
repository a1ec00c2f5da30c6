import type { metricsChannels } from '../../../shared/contract/metrics';
import { IncidentTypes } from '../../store/metrics/incident-types';
import { MetricsReads } from '../../store/metrics/metrics-reads';
import type { CoreContext } from '../context';
import type { HandlersFor } from '../handlers';
import { computeMetrics } from './compute';

const DAY_MS = 86_400_000;

export function metricsHandlers(ctx: CoreContext): HandlersFor<typeof metricsChannels> {
  const reads = new MetricsReads(ctx.db);
  const types = new IncidentTypes(ctx.db);
  return {
    'metrics:get': ({ windowDays }) => {
      const now = ctx.now();
      const from = now - windowDays * DAY_MS;
      return computeMetrics(reads.incidents(from, now), types.declaredBetween(from, now), windowDays, now);
    },
  };
}
