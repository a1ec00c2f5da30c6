import type { SetStateAction } from 'react';
import { describe, expect, it } from 'vitest';
import { chartDataFixture } from './chart-data-fixture';
import { ChartReader, type ChartData, type ChartFetch, type ChartRequest } from './useChartData';

/** A reader over a fake server whose answers the test releases one by one. */
function setup() {
  const calls: { req: ChartRequest; resolve: (d: ChartData) => void; reject: (e: Error) => void }[] = [];
  let state: ChartFetch = { data: null, error: null };
  const reader = new ChartReader(
    (req) => new Promise<ChartData>((resolve, reject) => calls.push({ req, resolve, reject })),
    (next: SetStateAction<ChartFetch>) => {
      state = typeof next === 'function' ? next(state) : next;
    },
  );
  return { reader, calls, state: () => state };
}

const req = (view: string, fromMs = 0): ChartRequest => ({ win: { fromMs, toMs: fromMs + 1_000 }, gpuMode: 'gpu', view });
const data = (fromMs: number): ChartData => chartDataFixture({ fromMs, toMs: fromMs + 1_000 });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ChartReader', () => {
  it('keeps one read in flight; requests made meanwhile collapse into the newest, read after it', async () => {
    const { reader, calls, state } = setup();
    reader.request(req('a', 0));
    reader.request(req('a', 10));
    reader.request(req('a', 20));
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(data(0));
    await settle();
    // Same view (a tick): the answer is shown, then only the newest waiting request is read.
    expect(state().data?.win.fromMs).toBe(0);
    expect(calls.map((c) => c.req.win.fromMs)).toEqual([0, 20]);
    calls[1]?.resolve(data(20));
    await settle();
    expect(state().data?.win.fromMs).toBe(20);
    expect(calls).toHaveLength(2);
  });

  it('drops an answer superseded by a request for another view', async () => {
    const { reader, calls, state } = setup();
    reader.request(req('range A', 0));
    reader.request(req('range B', 500));
    calls[0]?.resolve(data(0));
    await settle();
    expect(state().data).toBeNull();
    calls[1]?.resolve(data(500));
    await settle();
    expect(state().data?.win.fromMs).toBe(500);
  });

  it('keeps the last data on a failed refresh, says why, and goes on with the next request', async () => {
    const { reader, calls, state } = setup();
    reader.request(req('a'));
    calls[0]?.resolve(data(0));
    await settle();
    reader.request(req('a', 10));
    reader.request(req('a', 20));
    calls[1]?.reject(new Error('Pitwall did not answer'));
    await settle();
    expect(state()).toEqual({ data: data(0), error: 'Could not load telemetry: Pitwall did not answer' });
    expect(calls.map((c) => c.req.win.fromMs)).toEqual([0, 10, 20]);
  });

  it('shows nothing and starts nothing once detached', async () => {
    const { reader, calls, state } = setup();
    reader.request(req('a'));
    reader.request(req('a', 10));
    reader.setAttached(false);
    calls[0]?.resolve(data(0));
    await settle();
    expect(state().data).toBeNull();
    expect(calls).toHaveLength(1);
  });
});
