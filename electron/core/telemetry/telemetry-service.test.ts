import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../../shared/domain/telemetry';
import { addIncident, addSource, openTestStore } from '../../store/test-fixtures';
import { RETENTION_SETTINGS_KEY, TelemetryService } from './telemetry-service';

let db: Database.Database;
let close: () => void;
beforeEach(() => ({ db, close } = openTestStore()));
afterEach(() => close());

const HOUR = 3_600_000;

describe('TelemetryService', () => {
  it('serves retention settings: defaults, saved values, and defaults again for a damaged row', () => {
    const svc = new TelemetryService({ db });
    expect(svc.getRetention()).toEqual(DEFAULT_RETENTION);
    const next = { ...DEFAULT_RETENTION, rawKeepHours: 2, maxSeriesPerMetric: 10 };
    expect(svc.setRetention(next)).toEqual(next);
    expect(new TelemetryService({ db }).getRetention()).toEqual(next);
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('{"rawKeepHours":"lots"}', RETENTION_SETTINGS_KEY);
    expect(new TelemetryService({ db }).getRetention()).toEqual(DEFAULT_RETENTION);
  });

  it('applies a new series cap to the running store at once', () => {
    const src = addSource(db, 'a');
    const svc = new TelemetryService({ db });
    svc.setRetention({ ...DEFAULT_RETENTION, maxSeriesPerMetric: 10 });
    const samples = Array.from({ length: 12 }, (_, i) => ({ metric: 'm', labels: { i: String(i) }, tMs: 0, value: 1 }));
    expect(svc.store.record(src, 0, { samples, partialErrors: [] }).droppedSeries).toBe(2);
  });

  it('compacts around the incidents in the database and copies a pinned window', () => {
    const src = addSource(db, 'a');
    const svc = new TelemetryService({ db, now: () => 10 * HOUR });
    svc.setRetention({ ...DEFAULT_RETENTION, rawKeepHours: 1, leadInMin: 30 });
    // An incident from 2 h to 3 h (declared): 1.5 h – 3 h stays raw.
    addIncident(db, 'INC-1', { declared: 2 * HOUR, resolved: 3 * HOUR });
    const samples = Array.from({ length: 10 * 60 }, (_, i) => ({
      metric: 'queue.depth',
      labels: { queue: 'ocr' },
      tMs: i * 60_000,
      value: i,
    }));
    svc.store.backfill(src, samples);
    expect(svc.windows()).toEqual([{ fromMs: 1.5 * HOUR, toMs: 3 * HOUR }]);
    svc.compact();
    const raw = db.prepare('SELECT t_ms FROM samples').pluck().all() as number[];
    expect(raw.filter((t) => t < 9 * HOUR)).toEqual(Array.from({ length: 91 }, (_, i) => 1.5 * HOUR + i * 60_000));
    const pinned = svc.copyWindow(['queue.depth'], 2 * HOUR, 2 * HOUR + 10 * 60_000, { queue: 'ocr' }, 400);
    expect(pinned).toHaveLength(1);
    expect(pinned[0]?.points).toHaveLength(11);
    expect(svc.getSeries({ metric: 'queue.depth', fromMs: 0, toMs: 10 * HOUR, maxPoints: 10_000, match: {} }).storedPoints).toBe(600);
  });
});
