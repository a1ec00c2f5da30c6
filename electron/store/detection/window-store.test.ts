import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelemetryService } from '../../core/telemetry/telemetry-service';
import { addSource, openTestStore } from '../test-fixtures';
import type { WindowSpec } from '../telemetry/series-query';
import { DetectionWindows } from './window-store';

const T0 = Date.UTC(2026, 2, 2, 10);
let store: ReturnType<typeof openTestStore>;
let telemetry: TelemetryService;
let windows: DetectionWindows;
let a: number;
let b: number;

beforeEach(() => {
  store = openTestStore();
  telemetry = new TelemetryService({ db: store.db, now: () => T0 });
  windows = new DetectionWindows(store.db, (specs, toMs) => telemetry.readWindows(specs, toMs));
  a = addSource(store.db, 'exporter');
  b = addSource(store.db, 'asynqmon');
});
afterEach(() => {
  windows.close();
  store.close();
});

const specs = (now: number): WindowSpec[] => [
  { metric: 'gpu.memory.share', fromMs: now - 10 * 60_000 },
  { metric: 'queue.depth', fromMs: now - 3 * 60_000 },
];

function poll(source: number, at: number, samples: { metric: string; labels: Record<string, string>; value: number }[]): void {
  telemetry.store.record(source, at, { samples: samples.map((s) => ({ ...s, tMs: at })), partialErrors: [] });
  windows.recorded(source, at);
}

/** What detection reads incrementally must equal a whole read of the store, series for series. */
function expectSame(now: number): void {
  const whole = telemetry.readWindows(specs(now), now);
  const mine = windows.read(specs(now), now);
  for (const spec of specs(now)) {
    const norm = (list: { labels: Record<string, string>; t: readonly number[]; v: readonly (number | null)[] }[]) =>
      list
        .map((s) => {
          const from = s.t.findIndex((t) => t >= spec.fromMs);
          return { labels: JSON.stringify(s.labels), t: from < 0 ? [] : s.t.slice(from), v: from < 0 ? [] : s.v.slice(from) };
        })
        .filter((s) => s.t.length > 0)
        .sort((x, y) => x.labels.localeCompare(y.labels));
    expect(norm(mine.get(spec.metric) ?? []), spec.metric).toEqual(norm(whole.get(spec.metric) ?? []));
  }
}

describe('detection windows', () => {
  it('stay equal to whole reads through polls, re-polls, moves, new and vanished series, and a backfill', () => {
    let now = T0;
    expectSame(now);
    for (let i = 0; i < 400; i += 1) {
      now += 5_000;
      const gpus = [0, 1, 2]
        .filter((g) => !(g === 2 && i > 150))
        .map((g) => ({ metric: 'gpu.memory.share', labels: { node: 'n1', gpu: String(g) }, value: ((i * (g + 1)) % 97) / 100 }));
      if (i > 50) gpus.push({ metric: 'gpu.memory.share', labels: { node: 'n2', gpu: '0' }, value: 0.5 });
      poll(a, now, gpus);
      poll(b, now + 7, [
        { metric: 'queue.depth', labels: { queue: 'ocr', state: 'pending' }, value: i % 13 },
        { metric: 'queue.depth', labels: { queue: 'ocr', state: 'active' }, value: 4 },
      ]);
      // A re-poll of the same instant replaces its value.
      if (i % 37 === 0) poll(b, now + 7, [{ metric: 'queue.depth', labels: { queue: 'ocr', state: 'pending' }, value: 99 }]);
      if (i === 200)
        telemetry.store.backfill(a, [{ metric: 'gpu.memory.share', labels: { node: 'n3', gpu: '0' }, tMs: now - 60_000, value: 0.1 }]);
      if (i % 10 === 0) expectSame(now + 10);
    }
    expectSame(now + 10);
  });
});
