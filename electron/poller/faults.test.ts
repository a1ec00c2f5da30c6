import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../shared/domain/source-config';
import type { SourceErrorKind } from '../../shared/domain/sources';
import {
  closedPortUrl,
  goError,
  neverAnswer,
  send,
  startFakeUpstream,
  streamHuge,
  type FakeUpstream,
  type Route,
} from '../sources/fake-upstream';
import { FakeClock } from './clock';
import { FIXTURES, type KindFixture } from './fault-fixtures';
import { resolvedSource } from './lab-sources';
import { MemorySink } from './memory-sink';
import { Poller } from './poller';

let up: FakeUpstream;
let poller: Poller | null = null;
beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});
afterEach(async () => {
  await poller?.stop();
  poller = null;
  up.routes.clear();
});

function install(routes: Record<string, Route>): void {
  up.routes.clear();
  for (const [key, route] of Object.entries(routes)) up.routes.set(key, route);
}

function everyPath(f: KindFixture, route: Route): Record<string, Route> {
  return Object.fromEntries(f.paths.map((p) => [p, route]));
}

function start(f: KindFixture, baseUrl = up.url) {
  const source = resolvedSource(f.kind, baseUrl, {
    queries: f.queries,
    intervalMs: 15_000,
    connection: { baseUrl, auth: { kind: 'none' }, timeoutMs: 500, maxResponseBytes: 256 * 1024 },
  });
  const clock = new FakeClock(1_800_000_000_000);
  const sink = new MemorySink();
  const p = new Poller({ sources: () => [source], sink, clock, random: () => 0.5 });
  poller = p;
  p.start();
  const step = async (): Promise<SourceHealth> => {
    clock.advanceTo(clock.nextAt() ?? clock.now());
    await p.idle();
    const h = p.health(source.id);
    if (!h) throw new Error('no health');
    return h;
  };
  return { sink, step };
}

const UNREADABLE = /not valid JSON|expected shape|no metrics|not a number/;

const FAULTS: { name: string; route: Route; kinds: SourceErrorKind[]; says: RegExp }[] = [
  {
    name: 'HTTP 500 with a plain-text error',
    route: (_req, res) => goError(res, 500, 'dial tcp 10.0.0.7:6379: connect: connection refused'),
    kinds: ['http'],
    says: /127\.0\.0\.1:\d+ answered HTTP 500: dial tcp 10\.0\.0\.7:6379/,
  },
  {
    name: 'a 200 plain-text error from a proxy',
    route: (_req, res) => send(res, 200, 'upstream connect error or disconnect/reset before headers', { 'Content-Type': 'text/plain' }),
    kinds: ['malformed'],
    says: UNREADABLE,
  },
  {
    name: 'malformed JSON',
    route: (_req, res) => send(res, 200, '{"status":"success","data":{"resultType":', { 'Content-Type': 'application/json' }),
    kinds: ['malformed'],
    says: UNREADABLE,
  },
  { name: 'a body over the cap', route: streamHuge(8 * 1024 * 1024, () => undefined), kinds: ['too-large'], says: /larger than 0\.25 MiB/ },
  { name: 'no answer within the timeout', route: neverAnswer, kinds: ['timeout'], says: /127\.0\.0\.1:\d+ did not answer within 0\.5 s/ },
];

describe.each(FIXTURES)('$kind source under faults', (f) => {
  it.each(FAULTS)('$name: degraded with the error in words, nothing stored', async (fault) => {
    install(everyPath(f, fault.route));
    const { sink, step } = start(f);
    const h = await step();
    expect(h.state).toBe('degraded');
    expect(fault.kinds).toContain(h.lastError?.kind);
    expect(h.lastError?.message).toMatch(fault.says);
    expect(sink.recordCalls).toBe(0);
  });

  it('wrong types: reported as malformed, nothing stored', async () => {
    install(everyPath(f, f.wrongTypes));
    const { sink, step } = start(f);
    const h = await step();
    expect(h.lastError?.kind).toBe('malformed');
    expect(h.lastError?.message).toMatch(/expected shape|not a number|not valid/);
    expect(sink.recordCalls).toBe(0);
  });

  it('refused connection: down after the second refusal', async () => {
    const { step } = start(f, await closedPortUrl());
    expect((await step()).state).toBe('degraded');
    const h = await step();
    expect(h).toMatchObject({ state: 'down', lastError: { kind: 'refused' } });
    expect(h.lastError?.message).toMatch(/refused the connection/);
  });

  it('fails three times, is down, keeps only good data and returns to ok by itself', async () => {
    install(f.good);
    const { sink, step } = start(f);
    const first = await step();
    expect(first.state).toBe('ok');
    install(everyPath(f, (_req, res) => goError(res, 500, 'internal error')));
    const states = [(await step()).state, (await step()).state];
    const down = await step();
    expect([...states, down.state]).toEqual(['degraded', 'degraded', 'down']);
    expect(down.lastSuccessAt).toBe(first.lastSuccessAt);
    expect(down.lastError?.message).toMatch(/HTTP 500: internal error/);
    install(f.good);
    const back = await step();
    expect(back).toMatchObject({ state: 'ok', consecutiveFailures: 0, lastError: { kind: 'http' } });
    expect(sink.records).toHaveLength(2);
    for (const r of sink.records) {
      if (f.metric) expect(r.collection.samples.some((s) => s.metric === f.metric && Number.isFinite(s.value))).toBe(true);
      else expect(r.collection.alerts).toHaveLength(1);
    }
  });
});

// AsynqMon counts and Alertmanager alerts are JSON integers and strings: NaN cannot occur there; a NaN Loki
// line count is refused (implausible.test.ts).
describe.each(FIXTURES.filter((f) => f.nan !== null))('$kind source answering NaN', (f) => {
  it('keeps NaN as data, not a failure', async () => {
    install(f.nan ?? {});
    const { sink, step } = start(f);
    expect((await step()).state).toBe('ok');
    const values = sink.samples(f.metric ?? '').map((s) => s.value);
    expect(values.length).toBeGreaterThan(0);
    expect(values.some((v) => Number.isNaN(v))).toBe(true);
  });
});

describe('Prometheus specifics', () => {
  const prom = FIXTURES.find((f) => f.kind === 'prometheus') as KindFixture;

  it('503 before it is ready: degraded, and the message says it is starting', async () => {
    install(everyPath(prom, (_req, res) => send(res, 503, 'Service Unavailable\n', { 'X-Prometheus-Stopping': 'false' })));
    const { step } = start(prom);
    const h = await step();
    expect(h).toMatchObject({ state: 'degraded', lastError: { kind: 'http' } });
    expect(h.lastError?.message).toMatch(/not ready yet \(still starting up\)/);
  });

  it('one failing query while alerts answer: degraded, the answer is stored with its partial error', async () => {
    install({ ...prom.good, 'GET /api/v1/query': (_req, res) => goError(res, 500, 'boom') });
    const { sink, step } = start(prom);
    const h = await step();
    expect(h).toMatchObject({ state: 'degraded', consecutiveFailures: 0 });
    expect(h.lastError?.message).toMatch(/^query "GPU memory": .*HTTP 500: boom/);
    expect(sink.records[0]?.collection.alerts?.map((a) => a.name)).toEqual(['GPUMemHigh']);
    expect(sink.records[0]?.collection.partialErrors).toHaveLength(1);
  });
});
