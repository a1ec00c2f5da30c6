import { z } from 'zod';
import { METRIC_WINDOWS, type MetricsReport } from '../domain/incident-metrics';
import { out } from './define';

/** Incident metrics: MTTD, MTTA, MTTR, MTBF by severity and by playbook, and incident counts over time. */
export const metricsChannels = {
  'metrics:get': {
    input: z.strictObject({
      windowDays: z.literal(METRIC_WINDOWS, { message: `the window must be one of ${METRIC_WINDOWS.join(', ')} days` }).default(90),
    }),
    output: out<MetricsReport>(),
  },
} as const;
