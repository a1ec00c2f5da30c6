import { afterEach, describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../shared/domain/source-config';
import { SourceError } from '../sources/source-error';
import { BACKOFF_BASE_MS } from './backoff';
import { FakeClock } from './clock';
import type { Collector } from './collector';
import { resolvedSource } from './lab-sources';
import { MemorySink } from './memory-sink';
import { Poller, type PollerOptions } from './poller';
import type { Collection, ResolvedSource } from './types';

const T0 = 1_800_000_000_000;

/** A collector scripted per call: an Error fails the poll, a Collection answers it. */
class ScriptedCollector implements Collector {
  calls = 0;
  closed = false;
  constructor(private readonly script: (call: number) => Collection | Error) {}
  collect(_signal: AbortSignal, nowMs: number): Promise<Collection> {
    this.calls += 1;
    const next = this.script(this.calls);
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve({ ...next, samples: next.samples.map((s) => ({ ...s, tMs: nowMs })) });
  }
  test() {
    return Promise.resolve({ success: true, summary: 'ok', details: [], latencyMs: 0, error: null, warnings: [] });
  }
  close(): void {
    this.closed = true;
  }
}

const good: Collection = { samples: [{ metric: 'm', labels: {}, tMs: 0, value: 1 }], partialErrors: [] };
const refused = new SourceError('refused', 'Thing at 127.0.0.1:1 refused the connection — is the service running?');
const http500 = new SourceError('http', 'Thing at 127.0.0.1:1 answered HTTP 500: boom', { status: 500 });

let poller: Poller | null = null;
afterEach(async () => {
  await poller?.stop();
  poller = null;
});

function setup(sources: ResolvedSource[], script: (call: number) => Collection | Error, extra: Partial<PollerOptions> = {}) {
  const clock = new FakeClock(T0);
  const sink = new MemorySink();
  const health: SourceHealth[] = [];
  const made: ScriptedCollector[] = [];
  let current = sources;
  poller = new Poller({
    sources: () => current,
    sink,
    clock,
    random: () => 0.5,
    onHealth: (h) => health.push(h),
    createCollector: () => {
      const c = new ScriptedCollector(script);
      made.push(c);
      return c;
    },
    ...extra,
  });
  const p = poller;
  const step = async (): Promise<SourceHealth | undefined> => {
    const next = clock.nextAt();
    if (next === null) throw new Error('nothing scheduled');
    clock.advanceTo(next);
    await p.idle();
    return p.health(sources[0]?.id ?? 0);
  };
  return { clock, sink, health, made, poller: p, step, setSources: (s: ResolvedSource[]) => (current = s) };
}

describe('Poller health', () => {
  it('goes degraded, then down after three failures, keeps the last good data and recovers by itself', async () => {
    const src = resolvedSource('asynqmon', 'http://x', { intervalMs: 10_000 });
    const { sink, step, poller: p } = setup([src], (n) => (n >= 2 && n <= 4 ? http500 : good));
    p.start();
    expect((await step())?.state).toBe('ok');
    const okAt = sink.records[0]?.at;
    const states = [(await step())?.state, (await step())?.state, (await step())?.state];
    expect(states).toEqual(['degraded', 'degraded', 'down']);
    const down = p.health(src.id);
    expect(down).toMatchObject({ consecutiveFailures: 3, lastSuccessAt: okAt, lastError: { kind: 'http', message: http500.message } });
    expect(sink.records).toHaveLength(1);
    const back = await step();
    expect(back).toMatchObject({ state: 'ok', consecutiveFailures: 0, lastError: { message: http500.message } });
    expect(sink.records).toHaveLength(2);
  });

  it('calls a source down after two refusals in a row', async () => {
    const src = resolvedSource('prometheus', 'http://x');
    const { step, poller: p } = setup([src], () => refused);
    p.start();
    expect((await step())?.state).toBe('degraded');
    expect((await step())?.state).toBe('down');
  });

  it('reports a partial answer as degraded and still stores it', async () => {
    const src = resolvedSource('prometheus', 'http://x');
    const partial: Collection = { ...good, partialErrors: [http500, refused] };
    const { sink, step, poller: p } = setup([src], () => partial);
    p.start();
    const h = await step();
    expect(h).toMatchObject({ state: 'degraded', consecutiveFailures: 0, lastError: { kind: 'http' } });
    expect(h?.lastError?.message).toMatch(/and 1 more/);
    expect(sink.records).toHaveLength(1);
  });

  it('survives a sink that throws, reporting it as the source error, and recovers when storage does', async () => {
    const src = resolvedSource('asynqmon', 'http://x');
    const { sink, step, poller: p } = setup([src], () => good);
    sink.failWith = new Error('SQLITE_FULL: database or disk is full');
    p.start();
    const h = await step();
    expect(h?.state).toBe('degraded');
    expect(h?.lastError?.message).toMatch(/could not store it: the disk holding Pitwall's data is full \(SQLITE_FULL/);
    expect(h?.lastError?.kind).toBe('storage');
    expect(h?.lastSuccessAt).toBeNull();
    sink.failWith = null;
    expect((await step())?.state).toBe('ok');
  });

  it('reads degraded, and says why, while the sink refuses label sets over its series cap', async () => {
    const src = resolvedSource('asynqmon', 'http://x');
    const { sink, step, poller: p } = setup([src], () => good);
    sink.dropping = { droppedSeries: 3, droppedSamples: 12 };
    p.start();
    const h = await step();
    expect(h?.state).toBe('degraded');
    expect(h?.lastError?.message).toMatch(/3 new series \(12 samples\) were not stored/);
    expect(h?.lastSuccessAt).not.toBeNull();
    sink.dropping = { droppedSeries: 0, droppedSamples: 0 };
    expect((await step())?.state).toBe('ok');
  });

  it('emits health only when something changed', async () => {
    const src = resolvedSource('asynqmon', 'http://x');
    const { step, health, poller: p } = setup([src], () => good);
    p.start();
    await step();
    await step();
    const emitted = health.length;
    p.reload();
    p.reload();
    expect(health.length).toBe(emitted);
    expect(health.map((h) => h.state)).toEqual(['unknown', 'ok', 'ok']);
    expect(health[2]?.lastAttemptAt).toBe(T0 + 5_000);
  });

  it('keeps polling when a health listener throws', async () => {
    const src = resolvedSource('asynqmon', 'http://x');
    const {
      step,
      sink,
      poller: p,
    } = setup([src], () => good, {
      onHealth: () => {
        throw new Error('listener bug');
      },
    });
    p.start();
    await step();
    await step();
    expect(sink.records).toHaveLength(2);
    expect(p.health(src.id)?.state).toBe('ok');
  });
});

describe('Poller scheduling', () => {
  it('backs off with growing, jittered delays capped at the interval, and resets on success', async () => {
    const delays = async (random: () => number): Promise<number[]> => {
      const src = resolvedSource('loki', 'http://x', { intervalMs: 60_000 });
      const { step, poller: p } = setup([src], (n) => (n <= 6 || n === 8 ? http500 : good), { random });
      p.start();
      const out: number[] = [];
      for (let i = 0; i < 9; i += 1) {
        const h = await step();
        out.push((h?.nextPollAt ?? 0) - (h?.lastAttemptAt ?? 0));
      }
      await p.stop();
      return out;
    };
    const high = await delays(() => 0.9);
    // 1 s + 0.9 × (3 × previous − 1 s), capped at the 60 s interval.
    expect(high.slice(0, 6)).toEqual([2_800, 7_660, 20_782, 56_211, 60_000, 60_000]);
    expect(high[6]).toBe(60_000); // success: the normal interval
    expect(high[7]).toBeLessThan(3 * BACKOFF_BASE_MS); // a new failure starts from the base again
    const low = await delays(() => 0.1);
    expect(low.slice(0, 3)).toEqual([1_200, 1_260, 1_278]);
    expect(low).not.toEqual(high);
  });

  it('keeps the cadence of poll starts, and stop() leaves no timers', async () => {
    const src = resolvedSource('asynqmon', 'http://x', { intervalMs: 5_000 });
    const { clock, step, poller: p } = setup([src], () => good);
    p.start();
    const starts: (number | null | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) starts.push((await step())?.lastAttemptAt);
    expect(starts).toEqual([T0, T0 + 5_000, T0 + 10_000, T0 + 15_000]);
    expect(clock.pending).toBe(1);
    await p.stop();
    expect(clock.pending).toBe(0);
  });

  it('reload() adds, edits, disables and removes sources without touching the others', async () => {
    const a = resolvedSource('asynqmon', 'http://a', { intervalMs: 5_000 });
    const b = resolvedSource('loki', 'http://b', { intervalMs: 5_000 });
    const { clock, made, setSources, poller: p } = setup([a], () => good);
    p.start();
    clock.advance(0);
    await p.idle();
    expect(made).toHaveLength(1);
    const aCollector = made[0];
    setSources([a, b]);
    p.reload();
    clock.advance(0);
    await p.idle();
    expect(made).toHaveLength(2);
    expect(p.health(b.id)?.state).toBe('ok');
    expect(p.health(a.id)?.nextPollAt).toBe(T0 + 5_000);

    setSources([a, { ...b, queries: [{ id: 'q', metric: 'm', title: 'q', expr: 'up', enabled: true }] }]);
    p.reload();
    expect(made[1]?.closed).toBe(true);
    clock.advance(0);
    await p.idle();
    expect(made).toHaveLength(3);
    expect(aCollector?.closed).toBe(false);

    setSources([{ ...a, enabled: false }]);
    p.reload();
    expect(p.health(a.id)).toMatchObject({ state: 'disabled', nextPollAt: null, lastSuccessAt: T0 });
    expect(p.health(b.id)).toBeUndefined();
    expect(made[2]?.closed).toBe(true);
    expect(clock.pending).toBe(0);
    expect(await p.pollNow(a.id)).toMatchObject({ state: 'disabled' });
  });

  it('pollNow() polls at once, returns the new health and keeps one schedule', async () => {
    const src = resolvedSource('asynqmon', 'http://x', { intervalMs: 60_000 });
    const { clock, made, poller: p } = setup([src], (n) => (n === 2 ? http500 : good));
    p.start();
    clock.advance(0);
    await p.idle();
    clock.advance(1_000);
    const h = await p.pollNow(src.id);
    expect(h).toMatchObject({ state: 'degraded', lastAttemptAt: T0 + 1_000 });
    expect(made[0]?.calls).toBe(2);
    expect(clock.pending).toBe(1);
    await expect(p.pollNow(999)).rejects.toThrow(/not being polled/);
  });

  it('aborts a poll that outlives its deadline and reports a timeout', async () => {
    const src = resolvedSource('loki', 'http://x', { connection: { baseUrl: 'http://x', auth: { kind: 'none' }, timeoutMs: 2_000 } });
    const clock = new FakeClock(T0);
    let aborted = false;
    poller = new Poller({
      sources: () => [src],
      sink: new MemorySink(),
      clock,
      createCollector: () => ({
        collect: (signal) =>
          new Promise<Collection>((_resolve, reject) =>
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new SourceError('aborted', 'request to Loki was cancelled'));
            }),
          ),
        test: () => Promise.reject(new Error('unused')),
        close: () => undefined,
      }),
    });
    poller.start();
    clock.advance(0);
    // Let the poll start (it sets its deadline once it holds a slot).
    await new Promise((r) => setImmediate(r));
    clock.advance(2_999);
    expect(aborted).toBe(false);
    clock.advance(1);
    await poller.idle();
    expect(aborted).toBe(true);
    expect(poller.health(src.id)?.lastError).toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/did not finish answering within 2 s/) as string,
    });
  });

  it('limits polls in flight across sources to maxConcurrent', async () => {
    let inFlight = 0;
    let maxSeen = 0;
    const sources = [1, 2, 3, 4, 5].map((i) => resolvedSource('asynqmon', `http://s${i}`));
    const clock = new FakeClock(T0);
    poller = new Poller({
      sources: () => sources,
      sink: new MemorySink(),
      clock,
      maxConcurrent: 2,
      createCollector: () => ({
        collect: async () => {
          inFlight += 1;
          maxSeen = Math.max(maxSeen, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight -= 1;
          return good;
        },
        test: () => Promise.reject(new Error('unused')),
        close: () => undefined,
      }),
    });
    poller.start();
    clock.advance(0);
    await poller.idle();
    expect(maxSeen).toBe(2);
    expect(poller.allHealth().every((h) => h.state === 'ok')).toBe(true);
  });
});
