import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectedSample } from '../../poller/types';
import { addSource, openTestStore } from '../../store/test-fixtures';
import { IncidentService } from '../incidents/incident-service';
import { TelemetryService } from '../telemetry/telemetry-service';
import { windowStart } from './backfill-service';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 11, 4, 12, 0, 0);

let store: ReturnType<typeof openTestStore>;
let clock = T0;
beforeEach(() => {
  store = openTestStore();
  clock = T0;
});
afterEach(() => store.close());

/**
 * What a corrected impact start newly covers is kept in full like the rest of the incident window:
 * compaction (raw samples older than 6 h folded into 1-minute rollups) reads the window from the
 * incident's times as they are now.
 */
describe('the window a corrected impact start widens', () => {
  it('keeps its raw samples through compaction, while samples before it are rolled up', () => {
    const { db } = store;
    const incidents = new IncidentService({ db, operator: () => 'ic', now: () => clock });
    const telemetry = new TelemetryService({ db, now: () => clock });
    const source = addSource(db, 'prod');
    const inc = incidents.declare({
      title: 'GPU OOM',
      summary: '',
      severity: 'SEV2',
      services: [],
      tenants: [],
      impactStartedAt: T0 - 30 * MIN,
      detectedAt: null,
    });
    clock += MIN;
    const moved = incidents.setTime({ id: inc.id, field: 'impactStartedAt', at: T0 - 90 * MIN });
    const leadIn = telemetry.getRetention().leadInMin;
    expect(windowStart(moved.times, leadIn)).toBe(T0 - 150 * MIN);

    // Every 15 s from three hours before the new window start up to declaration, as a backfill stores them.
    const samples: CollectedSample[] = [];
    for (let t = T0 - 6 * HOUR; t <= T0; t += 15_000)
      samples.push({ metric: 'gpu.memory.share', labels: { node: 'n1', gpu: '0' }, tMs: t, value: 0.5 });
    telemetry.store.backfill(source, samples);
    incidents.setStatus({ id: inc.id, status: 'resolved', reason: '' });
    telemetry.compact(T0 + 12 * HOUR);

    const raw = (from: number, to: number): number =>
      db.prepare('SELECT count(*) FROM samples WHERE t_ms BETWEEN ? AND ?').pluck().get(from, to) as number;
    // The newly covered stretch (between the new and the old window start) is still raw, every sample.
    expect(raw(T0 - 150 * MIN, T0 - 90 * MIN - 1)).toBe(240);
    // Before the window: rolled up, no raw samples left.
    expect(raw(T0 - 6 * HOUR, T0 - 150 * MIN - 1)).toBe(0);
    expect(
      db
        .prepare('SELECT count(*) FROM rollups WHERE bucket_ms < ?')
        .pluck()
        .get(T0 - 150 * MIN),
    ).toBeGreaterThan(0);
  });
});
