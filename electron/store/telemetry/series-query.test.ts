import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../../shared/domain/telemetry';
import type { CollectedSample } from '../../poller/types';
import { Retention } from './retention';
import { MAX_SERIES_PER_READ, READ_SQL, SeriesQuery } from './series-query';
import { TelemetryStore } from './telemetry-store';
import { addSource, openTestStore } from '../test-fixtures';

let db: Database.Database;
let close: () => void;
beforeEach(() => ({ db, close } = openTestStore()));
afterEach(() => close());

const GPU = 'gpu.memory.share';
const s = (labels: Record<string, string>, tMs: number, value: number, metric = GPU): CollectedSample => ({ metric, labels, tMs, value });

describe('SeriesQuery', () => {
  it('reads one metric across sources, filtered by labels, within the range', () => {
    const a = addSource(db, 'prom');
    const b = addSource(db, 'scrape');
    const store = new TelemetryStore(db);
    for (let t = 0; t < 10; t++) {
      store.record(a, t * 1_000, {
        samples: [
          s({ node: 'n1', gpu: '0' }, t * 1_000, t / 10),
          s({ node: 'n2', gpu: '0' }, t * 1_000, 0.1),
          s({ queue: 'q' }, t * 1_000, 5, 'queue.depth'),
        ],
        partialErrors: [],
      });
      store.record(b, t * 1_000, { samples: [s({ node: 'n1', gpu: '1' }, t * 1_000, 0.9)], partialErrors: [] });
    }
    const q = new SeriesQuery(db);
    const res = q.get({ metric: GPU, fromMs: 2_000, toMs: 5_000, maxPoints: 1_500, match: { node: 'n1' } });
    expect(res.series.map((x) => [x.sourceId, x.labels])).toEqual([
      [a, { gpu: '0', node: 'n1' }],
      [b, { gpu: '1', node: 'n1' }],
    ]);
    expect(res.series[0]?.points).toEqual([
      [2_000, 0.2],
      [3_000, 0.3],
      [4_000, 0.4],
      [5_000, 0.5],
    ]);
    expect(res).toMatchObject({ storedPoints: 8, downsampled: false, newestAt: 5_000 });
    expect(q.get({ metric: GPU, fromMs: 20_000, toMs: 30_000, maxPoints: 100, match: {} })).toMatchObject({ series: [], newestAt: null });
    expect(q.copyWindow([GPU, 'queue.depth'], 0, 1_000, { node: 'n2' }, 100).map((x) => x.metric)).toEqual([GPU]);
  });

  it('downsamples a day of 15 s samples to the asked bound and keeps NaN as null', () => {
    const src = addSource(db, 'prom');
    const store = new TelemetryStore(db);
    const samples = Array.from({ length: 5_760 }, (_, i) => s({ node: 'n1' }, i * 15_000, i >= 100 && i < 110 ? NaN : Math.sin(i / 40)));
    store.backfill(src, samples);
    const res = new SeriesQuery(db).get({ metric: GPU, fromMs: 0, toMs: 86_400_000, maxPoints: 1_500, match: {} });
    const points = res.series[0]?.points ?? [];
    expect(points.length).toBeLessThanOrEqual(1_500);
    expect(res).toMatchObject({ storedPoints: 5_760, downsampled: true, newestAt: 5_759 * 15_000 });
    expect(points).toContainEqual([100 * 15_000, null]);
  });

  it('reduces a long window (pre-pass, then LTTB) keeping a one-sample spike, a gap and the stored count', () => {
    const src = addSource(db, 'prom');
    const store = new TelemetryStore(db);
    // 24 h at 5 s (an incident window kept in full): 17,280 points against 1,500 asked for.
    const n = 17_280;
    const value = (i: number): number => (i === 9_001 ? 0.99 : i >= 4_000 && i < 4_050 ? NaN : 0.4 + 0.1 * Math.sin(i / 200));
    store.backfill(
      src,
      Array.from({ length: n }, (_, i) => s({ node: 'n1' }, i * 5_000, value(i))),
    );
    const res = new SeriesQuery(db).get({ metric: GPU, fromMs: 0, toMs: n * 5_000, maxPoints: 1_500, match: {} });
    const points = res.series[0]?.points ?? [];
    expect(res).toMatchObject({ storedPoints: n, downsampled: true, newestAt: (n - 1) * 5_000 });
    expect(points.length).toBeLessThanOrEqual(1_500);
    expect(points).toContainEqual([9_001 * 5_000, 0.99]);
    expect(points.filter(([, v]) => v === null)).toEqual([[4_000 * 5_000, null]]);
    const gap = points.findIndex(([, v]) => v === null);
    expect(points[gap - 1]?.[0]).toBe(3_999 * 5_000);
    expect(points[gap + 1]?.[0]).toBe(4_050 * 5_000);
  });

  it('returns at most MAX_SERIES_PER_READ series, the fullest first', () => {
    const src = addSource(db, 'prom');
    const store = new TelemetryStore(db);
    const many = MAX_SERIES_PER_READ + 50;
    // The LAST 50 pods (highest ids) have two samples, the rest one; 20 pods have nothing in range.
    // "First 200 by id" would miss the fuller ones, so only the fullest-first rule passes.
    const samples: CollectedSample[] = [];
    for (let i = 0; i < many; i++) {
      const inRange = i >= 20;
      samples.push(s({ pod: `p${i}` }, inRange ? 1_000 : 9_000, i, 'pod.last_oom'));
      if (i >= many - 50) samples.push(s({ pod: `p${i}` }, 2_000, i, 'pod.last_oom'));
    }
    store.backfill(src, samples);
    const res = new SeriesQuery(db).get({ metric: 'pod.last_oom', fromMs: 0, toMs: 3_000, maxPoints: 100, match: {} });
    expect(res.series).toHaveLength(MAX_SERIES_PER_READ);
    const pods = new Set(res.series.map((x) => x.labels.pod));
    for (let i = many - 50; i < many; i++) expect(pods.has(`p${i}`)).toBe(true);
    // Series with no point in the window are never among those returned.
    for (let i = 0; i < 20; i++) expect(pods.has(`p${i}`)).toBe(false);
  });

  it('reads rollup averages where raw samples were compacted, raw where they remain', () => {
    const src = addSource(db, 'prom');
    const store = new TelemetryStore(db);
    const hour = 3_600_000;
    // Two points per minute for 8 hours: 10 and 20 in each minute, and one all-NaN minute.
    const samples: CollectedSample[] = [];
    for (let t = 0; t < 8 * hour; t += 30_000)
      samples.push(s({ node: 'n1' }, t, t === 60_000 || t === 90_000 ? NaN : (t / 30_000) % 2 === 0 ? 10 : 20));
    store.backfill(src, samples);
    new Retention(db, store).compact(8 * hour, [], { ...DEFAULT_RETENTION, rawKeepHours: 6, rollupStepSec: 60 });
    const res = new SeriesQuery(db).get({ metric: GPU, fromMs: 0, toMs: 8 * hour, maxPoints: 20_000, match: {} });
    const points = res.series[0]?.points ?? [];
    expect(points.slice(0, 3)).toEqual([
      [0, 15],
      [60_000, null],
      [120_000, 15],
    ]);
    // Rolled-up minutes for the first two hours, raw samples for the last six.
    expect(res.storedPoints).toBe(120 + 6 * 120);
    expect(points[points.length - 1]).toEqual([8 * hour - 30_000, 20]);
  });

  it('shows every write made after a window was read: moved polls, a re-poll of an instant, backfill, compaction', () => {
    const src = addSource(db, 'prom');
    const store = new TelemetryStore(db);
    const hour = 3_600_000;
    const q = new SeriesQuery(db);
    const req = { metric: GPU, fromMs: 0, toMs: 8 * hour, maxPoints: 20_000, match: {} };
    // What a query that never read before answers: the truth to compare the reused one with.
    const fresh = () => new SeriesQuery(db).get(req);
    store.backfill(
      src,
      Array.from({ length: 60 }, (_, i) => s({ node: 'n1' }, 2 * hour + i * 60_000, 0.5)),
    );
    expect(q.get(req).storedPoints).toBe(60);

    // Polls in the window, moved into the series-first table (flush), one of them replacing a backfilled instant.
    store.record(src, 3 * hour, { samples: [s({ node: 'n1' }, 2 * hour, 0.9), s({ node: 'n1' }, 3 * hour, 0.7)], partialErrors: [] });
    store.flush();
    expect(q.get(req)).toEqual(fresh());
    expect(q.get(req).series[0]?.points[0]).toEqual([2 * hour, 0.9]);

    // Backfill before what was held.
    store.backfill(src, [s({ node: 'n1' }, hour, 0.1)]);
    expect(q.get(req)).toEqual(fresh());
    expect(q.get(req).storedPoints).toBe(62);

    // Compaction folds the old minutes into rollups (here: everything before the last 5 hours).
    new Retention(db, store).compact(8 * hour, [], { ...DEFAULT_RETENTION, rawKeepHours: 5, rollupStepSec: 600 });
    expect(q.get(req)).toEqual(fresh());
    expect(q.get(req).storedPoints).toBeLessThan(62);
  });

  it('reads every series through its primary key, without a sort', () => {
    for (const sql of Object.values(READ_SQL)) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, 0, 1) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/^SEARCH (samples|rollups) USING PRIMARY KEY \(series_id=\? AND (t_ms|bucket_ms)>\? AND (t_ms|bucket_ms)<\?\)$/);
    }
  });
});
