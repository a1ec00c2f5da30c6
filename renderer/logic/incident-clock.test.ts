import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incident';
import { testIncident } from '../../shared/domain/incident-fixtures';
import { responseMetrics } from '../../shared/domain/response-metrics';
import { headerClock } from './incident-clock';

const T0 = Date.UTC(2025, 10, 22, 12, 0, 0);
const MIN = 60_000;

const incident = (times: Partial<Incident['times']>): Incident =>
  testIncident(T0, times, { title: 't', severity: 'SEV2', status: times.resolvedAt ? 'resolved' : 'investigating' });

describe('the header clock', () => {
  it('counts from impact start when it is known, and says so', () => {
    const c = headerClock(incident({ impactStartedAt: T0 - 74 * MIN, detectedAt: T0 - 60 * MIN }), T0 + MIN);
    expect(c).toMatchObject({ label: 'since impact start', ms: 75 * MIN, running: true });
  });

  it('counts from detection, else declaration, when impact start is unknown', () => {
    expect(headerClock(incident({ detectedAt: T0 - 10 * MIN }), T0).label).toBe('since detection');
    expect(headerClock(incident({ detectedAt: null }), T0 + 5_000)).toMatchObject({ label: 'since declaration', ms: 5_000 });
    // Detection left at its default (the moment of declaring) reads as declaration.
    expect(headerClock(incident({ detectedAt: T0 }), T0 + 5_000).label).toBe('since declaration');
  });

  it('once resolved, reads exactly the time to resolve, whatever the clock says now', () => {
    // Declared at resolution (a retrospective incident): the old header said "Duration 0s" here.
    const inc = incident({ impactStartedAt: T0 - 190 * MIN, declaredAt: T0, detectedAt: T0, resolvedAt: T0 });
    const c = headerClock(inc, T0 + 500 * MIN);
    const ttr = responseMetrics(inc.times).find((m) => m.id === 'ttr')?.ms;
    expect(c).toMatchObject({ label: 'impact start → resolved', running: false, ms: 190 * MIN });
    expect(c.ms).toBe(ttr);
  });
});
