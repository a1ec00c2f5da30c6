import type { Incident } from './incident';

/**
 * For unit tests: an investigating SEV1 declared (and detected) at `at`, with nothing else on its
 * clock. `times` and `over` set only what a test is about, so each test reads as its own case.
 */
export function testIncident(at: number, times: Partial<Incident['times']> = {}, over: Partial<Incident> = {}): Incident {
  return {
    id: 1,
    ref: 'INC-20251122-001',
    title: 'GPU OOM on pool A',
    severity: 'SEV1',
    status: 'investigating',
    declaredAt: at,
    updatedAt: at,
    commander: null,
    summary: '',
    services: [],
    tenants: [],
    roles: [],
    times: {
      impactStartedAt: null,
      detectedAt: at,
      declaredAt: at,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      closedAt: null,
      ...times,
    },
    ...over,
  };
}
