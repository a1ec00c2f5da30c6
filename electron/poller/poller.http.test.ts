import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neverAnswer, send, startFakeUpstream, type FakeUpstream } from '../sources/fake-upstream';
import { ASYNQ_QUEUES } from '../sources/recorded-samples';
import { FakeClock } from './clock';
import { resolvedSource } from './lab-sources';
import { MemorySink } from './memory-sink';
import { Poller } from './poller';

let up: FakeUpstream;
beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !cond(); i += 1) await wait(5);
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

describe('Poller against a real HTTP server', () => {
  it('never runs two polls of one source at once, even when a poll overruns its interval', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    up.routes.set('GET /api/queues', (_req, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // 30 ms of real time while the fake clock races through six 5-second intervals.
      setTimeout(() => {
        inFlight -= 1;
        send(res, 200, `${ASYNQ_QUEUES}\n`, { 'Content-Type': 'text/plain; charset=utf-8' });
      }, 30);
    });
    const source = resolvedSource('asynqmon', up.url, {
      intervalMs: 5_000,
      connection: { baseUrl: up.url, auth: { kind: 'none' }, timeoutMs: 120_000 },
    });
    const clock = new FakeClock(1_800_000_000_000);
    const sink = new MemorySink();
    const poller = new Poller({ sources: () => [source], sink, clock });
    poller.start();
    const before = up.requests.length;
    for (let i = 0; i < 60; i += 1) {
      clock.advance(5_000);
      await wait(5);
    }
    await poller.idle();
    const polls = up.requests.length - before;
    await poller.stop();
    expect(maxInFlight).toBe(1);
    expect(polls).toBeGreaterThan(3);
    // 60 intervals passed on the clock; overruns skipped slots instead of queueing them.
    expect(polls).toBeLessThan(30);
    expect(sink.records).toHaveLength(polls);
    expect(new Set(sink.records.map((r) => r.at)).size).toBe(polls);
  });

  it('stop() aborts a poll in flight, stores nothing and leaves no timers', async () => {
    let hungUp = false;
    up.routes.set('GET /api/queues', (req, res) => {
      res.on('close', () => (hungUp = true));
      neverAnswer(req, res);
    });
    const source = resolvedSource('asynqmon', up.url, { connection: { baseUrl: up.url, auth: { kind: 'none' }, timeoutMs: 60_000 } });
    const clock = new FakeClock(1_800_000_000_000);
    const sink = new MemorySink();
    const health: string[] = [];
    const poller = new Poller({ sources: () => [source], sink, clock, onHealth: (h) => health.push(h.state) });
    const seen = up.requests.length;
    poller.start();
    clock.advance(0);
    await until('the poll to reach the server', () => up.requests.length > seen);
    expect(up.requests.length).toBe(seen + 1);
    expect(clock.pending).toBe(1); // the poll's own deadline
    await poller.stop();
    expect(clock.pending).toBe(0);
    await until('the server to see the client hang up', () => hungUp);
    expect(sink.recordCalls).toBe(0);
    expect(health).toEqual(['unknown']);
  });
});
