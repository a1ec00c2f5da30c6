import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GpuStat, QueueStat } from '../../../shared/domain/telemetry';
import type { CollectedSample, FiringAlert } from '../../poller/types';
import { SeriesQuery } from './series-query';
import { TelemetryReads } from './telemetry-reads';
import { FLUSH_EVERY_MS, TelemetryStore } from './telemetry-store';
import { addSource, openTestStore } from '../test-fixtures';

let db: Database.Database;
let close: () => void;
beforeEach(() => ({ db, close } = openTestStore()));
afterEach(() => close());

const sample = (metric: string, labels: Record<string, string>, tMs: number, value: number): CollectedSample => ({
  metric,
  labels,
  tMs,
  value,
});
const raw = (seriesId: number) =>
  db
    .prepare<[number], { t_ms: number; value: number | null }>('SELECT t_ms, value FROM samples WHERE series_id = ? ORDER BY t_ms')
    .all(seriesId);
const queue = (name: string, pending: number): QueueStat => ({
  queue: name,
  pending,
  active: 0,
  scheduled: 0,
  retry: 0,
  archived: 0,
  latencyMs: 0,
  processedToday: 0,
  failedToday: 0,
  paused: false,
});

describe('TelemetryStore.record', () => {
  it('stores samples under one series per label set (any order), NaN as NULL, a re-poll replacing', () => {
    const src = addSource(db, 'a');
    const store = new TelemetryStore(db);
    store.record(src, 1_000, {
      samples: [
        sample('gpu.memory.share', { node: 'n1', gpu: '0' }, 1_000, 0.5),
        sample('gpu.memory.share', { gpu: '0', node: 'n1' }, 2_000, NaN),
      ],
      partialErrors: [],
    });
    store.record(src, 3_000, { samples: [sample('gpu.memory.share', { node: 'n1', gpu: '0' }, 1_000, 0.75)], partialErrors: [] });
    // The re-poll waits in samples_recent until the next move.
    expect(db.prepare('SELECT count(*) FROM samples_recent').pluck().get()).toBe(1);
    store.flush();
    expect(db.prepare('SELECT count(*) FROM samples_recent').pluck().get()).toBe(0);
    const series = db.prepare('SELECT id, labels FROM series').all() as { id: number; labels: string }[];
    expect(series).toHaveLength(1);
    expect(series[0]?.labels).toBe('{"gpu":"0","node":"n1"}');
    expect(raw(series[0]?.id ?? 0)).toEqual([
      { t_ms: 1_000, value: 0.75 },
      { t_ms: 2_000, value: null },
    ]);
  });

  it('writes a large poll in batches, the later of two equal keys winning, and keeps NUL-bearing label sets apart', () => {
    const src = addSource(db, 'a');
    const store = new TelemetryStore(db);
    const many = Array.from({ length: 150 }, (_, i) => sample('pod.restarts', { pod: `p${i}` }, 1_000, i));
    // Equal keys within one poll, at the first batch's edge and past it: as row-by-row REPLACE, the last wins.
    many.push(sample('pod.restarts', { pod: 'p63' }, 1_000, -63), sample('pod.restarts', { pod: 'p149' }, 1_000, -149));
    // Joined naively with NUL separators these two would read the same.
    many.push(sample('odd', { a: 'x\u0000b\u0000y' }, 1_000, 1), sample('odd', { a: 'x', b: 'y' }, 1_000, 2));
    expect(store.record(src, 1_000, { samples: many, partialErrors: [] }).stored).toBe(154);
    store.flush();
    const value = (metric: string, labels: string) =>
      db
        .prepare<[string, string], number | null>(
          'SELECT value FROM samples JOIN series s ON s.id = series_id WHERE metric = ? AND labels = ?',
        )
        .pluck()
        .get(metric, labels);
    expect(db.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(152);
    expect(value('pod.restarts', '{"pod":"p0"}')).toBe(0);
    expect(value('pod.restarts', '{"pod":"p63"}')).toBe(-63);
    expect(value('pod.restarts', '{"pod":"p149"}')).toBe(-149);
    expect(value('odd', JSON.stringify({ a: 'x\u0000b\u0000y' }))).toBe(1);
    expect(value('odd', '{"a":"x","b":"y"}')).toBe(2);
  });

  it('keeps the newest queue and GPU snapshot of enabled sources', () => {
    const a = addSource(db, 'a');
    const b = addSource(db, 'b');
    const off = addSource(db, 'off', false);
    const store = new TelemetryStore(db);
    const gpus: GpuStat[] = [{ node: 'n1', gpu: '0', model: 'A100', share: 0.5, usedMiB: 40, totalMiB: 80, namespace: null, pod: null }];
    store.record(a, 1_000, { samples: [], queues: [queue('ocr', 1)], gpus, partialErrors: [] });
    store.record(b, 2_000, { samples: [], queues: [queue('ocr', 2)], partialErrors: [] });
    store.record(off, 9_000, { samples: [], queues: [queue('ocr', 99)], partialErrors: [] });
    // A later poll without queues (e.g. failed part) keeps the last good answer.
    store.record(b, 3_000, { samples: [], partialErrors: [] });
    const snap = new TelemetryReads(db).snapshot();
    expect(snap.queues).toEqual({ sourceId: b, at: 2_000, data: [queue('ocr', 2)] });
    expect(snap.gpus).toEqual({ sourceId: a, at: 1_000, data: gpus });
    expect(snap.alerts).toBeNull();
  });

  it('drops new label sets beyond maxSeriesPerMetric and says how many', () => {
    const src = addSource(db, 'a');
    let max = 10;
    const store = new TelemetryStore(db, { maxSeriesPerMetric: () => max });
    const pods = (n: number, t: number) => Array.from({ length: n }, (_, i) => sample('pod.last_oom', { pod: `p${i}` }, t, 0));
    const first = store.record(src, 1_000, {
      samples: [...pods(15, 1_000), sample('queue.depth', { queue: 'q' }, 1_000, 3)],
      partialErrors: [],
    });
    expect(first).toEqual({ stored: 11, droppedSamples: 5, droppedSeries: 5 });
    // Known series keep recording; still over the cap for the new ones.
    expect(store.record(src, 2_000, { samples: pods(15, 2_000), partialErrors: [] })).toEqual({
      stored: 10,
      droppedSamples: 5,
      droppedSeries: 5,
    });
    max = 20;
    expect(store.record(src, 3_000, { samples: pods(15, 3_000), partialErrors: [] }).droppedSeries).toBe(0);
    expect(db.prepare("SELECT count(*) FROM series WHERE metric = 'pod.last_oom'").pluck().get()).toBe(15);
  });

  it('tracks alerts firing, resolving, re-opening and re-firing', () => {
    const src = addSource(db, 'am');
    const store = new TelemetryStore(db);
    const reads = new TelemetryReads(db);
    const alert = (name: string, startsAt: number): FiringAlert => ({
      key: `alertname=${name}`,
      name,
      severity: 'critical',
      labels: { alertname: name },
      summary: `${name} firing`,
      startsAt,
    });
    store.record(src, 1_000, { samples: [], alerts: [alert('GpuOom', 500), alert('QueueBacklog', 800)], partialErrors: [] });
    store.record(src, 2_000, { samples: [], alerts: [alert('GpuOom', 500)], partialErrors: [] });
    let all = reads.alerts(0, 10_000);
    expect(all.map((a) => [a.name, a.lastSeenAt, a.resolvedAt])).toEqual([
      ['GpuOom', 2_000, null],
      ['QueueBacklog', 1_000, 2_000],
    ]);
    expect(reads.snapshot().alerts).toMatchObject({ sourceId: src, at: 2_000, data: [{ name: 'GpuOom', resolvedAt: null }] });

    // A poll without an alerts list (the alert endpoint failed) changes nothing.
    store.record(src, 3_000, { samples: [], partialErrors: [] });
    // Seen again with the same start: the same episode, reopened. A new start: a new episode.
    store.record(src, 4_000, { samples: [], alerts: [alert('QueueBacklog', 800)], partialErrors: [] });
    store.record(src, 5_000, { samples: [], alerts: [alert('GpuOom', 4_500)], partialErrors: [] });
    all = reads.alerts(0, 10_000);
    expect(all.map((a) => [a.name, a.startsAt, a.resolvedAt])).toEqual([
      ['GpuOom', 500, 4_000],
      ['QueueBacklog', 800, 5_000],
      ['GpuOom', 4_500, null],
    ]);
    // Only what overlaps the range.
    expect(reads.alerts(4_100, 4_400).map((a) => a.startsAt)).toEqual([800]);
    store.record(src, 6_000, { samples: [], alerts: [], partialErrors: [] });
    expect(reads.snapshot().alerts).toEqual({ sourceId: src, at: 6_000, data: [] });
  });

  it('backfill never overwrites polled samples, whether already moved or still recent', () => {
    const src = addSource(db, 'a');
    const store = new TelemetryStore(db);
    const q = (t: number, v: number) => sample('queue.depth', { queue: 'q' }, t, v);
    // The first record of a run moves at once; the second stays recent.
    store.record(src, 2_000, { samples: [q(2_000, 7)], partialErrors: [] });
    store.record(src, 3_000, { samples: [q(3_000, 8)], partialErrors: [] });
    store.backfill(src, [q(1_000, 1), q(2_000, 999), q(3_000, 999)]);
    const id = db.prepare('SELECT id FROM series').pluck().get() as number;
    const series = () =>
      new SeriesQuery(db).get({ metric: 'queue.depth', fromMs: 0, toMs: 5_000, maxPoints: 100, match: {} }).series[0]?.points;
    expect(series()).toEqual([
      [1_000, 1],
      [2_000, 7],
      [3_000, 8],
    ]);
    store.flush();
    expect(raw(id)).toEqual([
      { t_ms: 1_000, value: 1 },
      { t_ms: 2_000, value: 7 },
      { t_ms: 3_000, value: 8 },
    ]);
  });

  it('moves recent samples into the series table every FLUSH_EVERY_MS of poll time', () => {
    const src = addSource(db, 'a');
    const store = new TelemetryStore(db);
    const recent = () => db.prepare('SELECT count(*) FROM samples_recent').pluck().get();
    for (let t = 0; t <= FLUSH_EVERY_MS; t += 5_000) {
      store.record(src, t, { samples: [sample('queue.depth', { queue: 'q' }, t, 1)], partialErrors: [] });
      expect(recent()).toBe(t === 0 || t === FLUSH_EVERY_MS ? 0 : t / 5_000);
    }
    expect(db.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(FLUSH_EVERY_MS / 5_000 + 1);
  });

  it('refuses to record for a deleted source, then works for a new one despite cached ids', () => {
    const a = addSource(db, 'a');
    const store = new TelemetryStore(db);
    store.record(a, 1_000, { samples: [sample('queue.depth', { queue: 'q' }, 1_000, 1)], partialErrors: [] });
    store.record(a, 2_000, { samples: [sample('queue.depth', { queue: 'q' }, 2_000, 1)], partialErrors: [] });
    db.prepare('DELETE FROM sources WHERE id = ?').run(a);
    // Its recent rows are dropped at the next move rather than breaking it.
    store.flush();
    expect(db.prepare('SELECT count(*) FROM samples_recent').pluck().get()).toBe(0);
    expect(() => store.record(a, 2_000, { samples: [sample('queue.depth', { queue: 'q' }, 2_000, 1)], partialErrors: [] })).toThrow(
      /no longer exists/,
    );
    const b = addSource(db, 'b');
    expect(b).not.toBe(a);
    expect(store.record(b, 3_000, { samples: [sample('queue.depth', { queue: 'q' }, 3_000, 1)], partialErrors: [] }).stored).toBe(1);
  });
});
