import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, type RetentionSettings } from '../../../shared/domain/telemetry';
import type { CollectedSample } from '../../poller/types';
import { Retention, incidentWindows, outsideWindows, type TimeWindow } from './retention';
import { TelemetryStore } from './telemetry-store';
import { addIncident, addSource, openTestStore } from '../test-fixtures';

let db: Database.Database;
let close: () => void;
beforeEach(() => ({ db, close } = openTestStore()));
afterEach(() => close());

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2025, 0, 6);

/** Raw samples whose time lies outside every window. */
function rawOutside(windows: readonly TimeWindow[]): number {
  const cond = windows.map(() => 'NOT (t_ms BETWEEN ? AND ?)').join(' AND ') || '1';
  return db
    .prepare(`SELECT count(*) FROM samples WHERE ${cond}`)
    .pluck()
    .get(...windows.flatMap((w) => [w.fromMs, w.toMs])) as number;
}

describe('incident windows', () => {
  it('reach from the lead-in before the earliest known time to resolution, or now while open', () => {
    addIncident(db, 'INC-1', { impact: T0 + HOUR, declared: T0 + 2 * HOUR, resolved: T0 + 3 * HOUR });
    addIncident(db, 'INC-2', { declared: T0 + 10 * HOUR });
    expect(incidentWindows(db, 30, T0 + 12 * HOUR)).toEqual([
      { fromMs: T0 + HOUR - 30 * MIN, toMs: T0 + 3 * HOUR },
      { fromMs: T0 + 10 * HOUR - 30 * MIN, toMs: T0 + 12 * HOUR },
    ]);
  });

  it('splits the time before a cutoff into the ranges no window touches', () => {
    expect(
      outsideWindows(
        [
          { fromMs: 50, toMs: 60 },
          { fromMs: 10, toMs: 20 },
          { fromMs: 15, toMs: 30 },
          { fromMs: 200, toMs: 300 },
        ],
        100,
      ),
    ).toEqual([
      [Number.MIN_SAFE_INTEGER, 10],
      [31, 50],
      [61, 100],
    ]);
  });
});

describe('Retention.compact', () => {
  // 17,280 polls of 50 samples: seconds of work, most of it the VM's disk. Durability is not under test here.
  it('keeps stored samples bounded over 24 h of 5 s polls and every incident-window sample intact', { timeout: 180_000 }, () => {
    db.pragma('synchronous = OFF');
    const src = addSource(db, 'lab');
    const store = new TelemetryStore(db);
    const retention = new Retention(db, store);
    const settings: RetentionSettings = { ...DEFAULT_RETENTION, leadInMin: 60, rawKeepHours: 6, rollupStepSec: 60 };
    // Impact at 3 h, resolved at 4 h: with an hour of lead-in, 2 h – 4 h is kept raw for good.
    addIncident(db, 'INC-1', { impact: T0 + 3 * HOUR, declared: T0 + 3 * HOUR + 10 * MIN, resolved: T0 + 4 * HOUR });
    const SERIES = 50;
    const labels = Array.from({ length: SERIES }, (_, i) => ({ node: `gpu-node-0${i % 3}`, gpu: String(i) }));
    const perSeriesKept = (6 * HOUR + settings.rollupStepSec * 1000) / 5_000 + 1;
    let maxOutside = 0;
    for (let t = T0; t <= T0 + 24 * HOUR; t += 5_000) {
      const samples: CollectedSample[] = labels.map((l, i) => ({
        metric: 'gpu.memory.share',
        labels: l,
        tMs: t,
        value: i === 0 && (t / 5_000) % 100 === 0 ? NaN : ((t / 5_000 + i) % 100) / 100,
      }));
      store.record(src, t, { samples, partialErrors: [] });
      if ((t - T0) % (10 * MIN) === 0) {
        const windows = incidentWindows(db, settings.leadInMin, t);
        retention.compact(t, windows, settings);
        const outside = rawOutside(windows);
        maxOutside = Math.max(maxOutside, outside);
        expect(outside).toBeLessThanOrEqual(SERIES * perSeriesKept);
        // Nothing raw and older than the cut survives outside the window.
        const cut = Math.floor((t - 6 * HOUR) / MIN) * MIN;
        const stale = db.prepare('SELECT count(*) FROM samples WHERE t_ms < ? AND NOT (t_ms BETWEEN ? AND ?)').pluck();
        expect(stale.get(cut, T0 + 2 * HOUR, T0 + 4 * HOUR)).toBe(0);
      }
    }
    // It did reach the steady state the bound is about.
    expect(maxOutside).toBeGreaterThan(SERIES * 6 * 700);
    const inWindow = db.prepare('SELECT count(*) FROM samples WHERE t_ms BETWEEN ? AND ?').pluck();
    expect(inWindow.get(T0 + 2 * HOUR, T0 + 4 * HOUR)).toBe(SERIES * ((2 * HOUR) / 5_000 + 1));
    // Rolled-up history covers the rest: one bucket per minute outside the raw parts.
    const rollups = db.prepare('SELECT count(*) FROM rollups').pluck().get() as number;
    expect(rollups).toBeGreaterThan(SERIES * 14 * 60);
    expect(rollups).toBeLessThanOrEqual(SERIES * 24 * 60);
  });

  it('rolls up avg/min/max/n per bucket, merges a bucket compacted twice, and keeps windows raw', () => {
    const src = addSource(db, 'a');
    const store = new TelemetryStore(db);
    const retention = new Retention(db, store);
    const settings: RetentionSettings = { ...DEFAULT_RETENTION, rawKeepHours: 1, rollupStepSec: 60 };
    const values = [1, 5, NaN, 3];
    store.backfill(
      src,
      values.map((v, i) => ({ metric: 'm', labels: {}, tMs: i * 15_000, value: v })),
    );
    // The window holds the last sample: it stays raw; the others are rolled up.
    retention.compact(3 * HOUR, [{ fromMs: 45_000, toMs: 50_000 }], settings);
    const row = () => db.prepare('SELECT bucket_ms, avg, min, max, n FROM rollups').all();
    expect(row()).toEqual([{ bucket_ms: 0, avg: 3, min: 1, max: 5, n: 2 }]);
    expect(db.prepare('SELECT t_ms FROM samples').pluck().all()).toEqual([45_000]);
    // The incident is gone (window no longer passed): the last sample joins its bucket.
    retention.compact(3 * HOUR, [], settings);
    expect(row()).toEqual([{ bucket_ms: 0, avg: 3, min: 1, max: 5, n: 3 }]);
  });

  it('drops expired rollups and then the empty series, which a later poll re-creates', () => {
    const src = addSource(db, 'a');
    const store = new TelemetryStore(db);
    const retention = new Retention(db, store);
    const settings: RetentionSettings = { ...DEFAULT_RETENTION, rawKeepHours: 1, rollupKeepDays: 1 };
    store.record(src, 0, { samples: [{ metric: 'm', labels: { a: '1' }, tMs: 0, value: 1 }], partialErrors: [] });
    const before = db.prepare('SELECT id FROM series').pluck().get() as number;
    expect(retention.compact(2 * HOUR, [], settings)).toMatchObject({ samplesCompacted: 1, seriesDeleted: 0 });
    expect(retention.compact(25 * HOUR, [], settings)).toMatchObject({ rollupsDeleted: 1, seriesDeleted: 1 });
    expect(db.prepare('SELECT count(*) FROM series').pluck().get()).toBe(0);
    store.record(src, 26 * HOUR, { samples: [{ metric: 'm', labels: { a: '1' }, tMs: 26 * HOUR, value: 2 }], partialErrors: [] });
    const after = db.prepare('SELECT id FROM series').pluck().get() as number;
    expect(after).toBeGreaterThan(before);
  });

  it('works in short transactions and yields between them', async () => {
    const src = addSource(db, 'a');
    const store = new TelemetryStore(db);
    store.backfill(
      src,
      Array.from({ length: 40 }, (_, i) => ({ metric: 'm', labels: { i: String(i) }, tMs: 0, value: i })),
    );
    // A poll that lands while compaction runs is stored before compaction finishes: the loop yields.
    let polledDuring = false;
    setImmediate(() => {
      store.record(src, 2 * HOUR, { samples: [{ metric: 'm', labels: { i: 'live' }, tMs: 2 * HOUR, value: 1 }], partialErrors: [] });
      polledDuring = true;
    });
    const compacting = new Retention(db, store).compactAsync(2 * HOUR, [], { ...DEFAULT_RETENTION, rawKeepHours: 1 });
    expect(polledDuring).toBe(false);
    const stats = await compacting;
    expect(polledDuring).toBe(true);
    expect(stats).toMatchObject({ samplesCompacted: 40, batches: 3 });
    // The 40 old samples were rolled up; only the poll that arrived meanwhile is raw.
    expect(db.prepare('SELECT count(*) FROM samples WHERE t_ms < ?').pluck().get(HOUR)).toBe(0);
  });
});
