import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../shared/domain/source-config';
import type { SourceKind } from '../../shared/domain/sources';
import { json, send, startFakeUpstream, type FakeUpstream, type Route } from '../sources/fake-upstream';
import { FakeClock } from './clock';
import { FIXTURES, type KindFixture } from './fault-fixtures';
import { hostileForms } from './hostile-replies';
import { resolvedSource } from './lab-sources';
import { MemorySink } from './memory-sink';
import { Poller } from './poller';

/**
 * The hostile-reply corpus: every form in hostile-replies.ts (malformed, truncated, oversized,
 * slow-drip, wrong-typed, redirecting, reset, …) against every source kind, each through a real poll
 * over HTTP. A reply is refused cleanly when the poll finishes, the source reads degraded or down with
 * an error in words (no stack, no "undefined"), and nothing was stored. Anything else broke. The counts
 * are printed for the closing note; the goal for "broke" is 0.
 */

let up: FakeUpstream;
beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});

interface Outcome {
  kind: SourceKind;
  form: string;
  broke: string | null;
}

/** One poll of `f`'s source with `routes` installed; never waits longer than `limitMs` for it. */
async function pollOnce(
  f: KindFixture,
  routes: Record<string, Route>,
  limitMs = 10_000,
): Promise<{ health: SourceHealth | null; stored: number; error: string | null }> {
  up.routes.clear();
  for (const [k, r] of Object.entries(routes)) up.routes.set(k, r);
  const source = resolvedSource(f.kind, up.url, {
    queries: f.queries,
    intervalMs: 15_000,
    connection: { baseUrl: up.url, auth: { kind: 'none' }, timeoutMs: 500, maxResponseBytes: 256 * 1024 },
  });
  const clock = new FakeClock(1_800_000_000_000);
  const sink = new MemorySink();
  const poller = new Poller({ sources: () => [source], sink, clock, random: () => 0.5 });
  poller.start();
  let timer: NodeJS.Timeout | undefined;
  try {
    clock.advanceTo(clock.nextAt() ?? clock.now());
    const finished = await Promise.race([
      poller.idle().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), limitMs))),
    ]);
    // Records that carry something: samples, a snapshot (even an empty one would replace the last known) or alerts.
    const stored = sink.records.filter(({ collection: c }) => c.samples.length > 0 || c.gpus || c.queues || c.alerts).length;
    if (!finished) return { health: null, stored, error: `the poll did not finish within ${limitMs / 1000} s` };
    return { health: poller.health(source.id) ?? null, stored, error: null };
  } catch (err) {
    return { health: null, stored: 0, error: `the poll threw: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    clearTimeout(timer);
    await poller.stop();
  }
}

/** Null when the reply was refused cleanly, else what went wrong. */
function judge(r: Awaited<ReturnType<typeof pollOnce>>): string | null {
  if (r.error) return r.error;
  const h = r.health;
  if (!h) return 'no health was recorded';
  if (h.state === 'ok') return 'read healthy';
  const message = h.lastError?.message ?? '';
  if (message.trim() === '') return 'degraded without saying why';
  if (/\n\s+at |undefined|\[object |NaN ms/.test(message)) return `an error not in words: ${message.slice(0, 120)}`;
  if (r.stored > 0) return `stored ${r.stored} collection(s) from it`;
  return null;
}

const wrongTypes = (kind: SourceKind): Route => {
  const f = FIXTURES.find((x) => x.kind === kind);
  if (!f) throw new Error(kind);
  return f.wrongTypes;
};

function summary(outcomes: Outcome[], title: string): string {
  const broke = outcomes.filter((o) => o.broke !== null);
  const lines = broke.map((o) => `  broke: ${o.kind} / ${o.form}: ${o.broke}`);
  return [`${title}: tried ${outcomes.length}, refused cleanly ${outcomes.length - broke.length}, broke ${broke.length}`, ...lines].join(
    '\n',
  );
}

describe('hostile upstream replies, every form against every source kind', () => {
  it('refuses each one cleanly: degraded or down, in words, nothing stored, the process up', async () => {
    const forms = hostileForms(wrongTypes);
    const outcomes: Outcome[] = [];
    for (const f of FIXTURES) {
      for (const form of forms) {
        const route = form.route.length === 1 ? (form.route as (k: SourceKind) => Route)(f.kind) : (form.route as Route);
        const r = await pollOnce(f, Object.fromEntries(f.paths.map((p) => [p, route])));
        outcomes.push({ kind: f.kind, form: form.name, broke: judge(r) });
      }
    }
    const text = summary(outcomes, `upstream corpus: ${forms.length} hostile forms × ${FIXTURES.length} source kinds`);
    console.log(text);
    expect(
      outcomes.filter((o) => o.broke !== null),
      text,
    ).toEqual([]);
  }, 240_000);

  it('replies that parse but say nothing or nonsense read degraded, in words, and store nothing implausible', async () => {
    const fixture = (kind: SourceKind): KindFixture => FIXTURES.find((f) => f.kind === kind) as KindFixture;
    const vector = (rows: [Record<string, string>, string][]) => ({
      status: 'success',
      data: { resultType: 'vector', result: rows.map(([metric, v]) => ({ metric, value: [1_800_000_000, v] })) },
    });
    const cases: { kind: SourceKind; form: string; routes: Record<string, Route> }[] = [
      {
        kind: 'exporter-scrape',
        form: 'an exporter page with no GPU metrics at all',
        routes: {
          'GET /metrics': (_q, res) =>
            send(res, 200, '# TYPE go_goroutines gauge\ngo_goroutines 12\n', { 'Content-Type': 'text/plain; version=0.0.4' }),
        },
      },
      {
        kind: 'exporter-scrape',
        form: 'an empty exporter page',
        routes: { 'GET /metrics': (_q, res) => send(res, 200, '', { 'Content-Type': 'text/plain; version=0.0.4' }) },
      },
      {
        kind: 'asynqmon',
        form: 'AsynqMon listing no queues',
        routes: { 'GET /api/queues': (_q, res) => send(res, 200, '{"queues":[]}\n') },
      },
      {
        kind: 'loki',
        form: 'Loki: NaN error-line counts',
        routes: { 'GET /loki/api/v1/query': (_q, res) => json(res, 200, vector([[{ service: 'echo' }, 'NaN']])) },
      },
      {
        kind: 'loki',
        form: 'Loki: negative error-line counts',
        routes: { 'GET /loki/api/v1/query': (_q, res) => json(res, 200, vector([[{ service: 'echo' }, '-3']])) },
      },
      {
        kind: 'loki',
        form: 'Loki: +Inf error-line counts',
        routes: { 'GET /loki/api/v1/query': (_q, res) => json(res, 200, vector([[{ service: 'echo' }, '+Inf']])) },
      },
      {
        kind: 'prometheus',
        form: 'Prometheus: the GPU query returns no series',
        routes: { ...fixture('prometheus').good, 'GET /api/v1/query': (_q, res) => json(res, 200, vector([])) },
      },
      {
        kind: 'prometheus',
        form: 'Prometheus: GPU memory shares of -5 and 1e15',
        routes: {
          ...fixture('prometheus').good,
          'GET /api/v1/query': (_q, res) =>
            json(
              res,
              200,
              vector([
                [{ gpu: '0', Hostname: 'a' }, '-5'],
                [{ gpu: '1', Hostname: 'a' }, '1e15'],
              ]),
            ),
        },
      },
    ];
    const outcomes: Outcome[] = [];
    for (const c of cases) {
      const r = await pollOnce(fixture(c.kind), c.routes);
      // Prometheus also answered its alerts, which are stored; the nonsense GPU answer is not (implausible.test.ts).
      const broke = judge(c.kind === 'prometheus' ? { ...r, stored: 0 } : r);
      outcomes.push({ kind: c.kind, form: c.form, broke });
    }
    const text = summary(outcomes, 'replies that say nothing or nonsense');
    console.log(text);
    expect(
      outcomes.filter((o) => o.broke !== null),
      text,
    ).toEqual([]);
  }, 60_000);
});
