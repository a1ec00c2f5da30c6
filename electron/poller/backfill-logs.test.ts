import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { METRICS } from '../../shared/domain/telemetry';
import { LAB_ERROR_RATE } from '../core/demo/demo-sources';
import { startLab, type Lab } from '../lab/lab';
import { goError, json, startFakeUpstream, type FakeUpstream } from '../sources/fake-upstream';
import { MAX_POINTS_PER_SERIES } from '../sources/query-step';
import { backfill } from './backfill';
import { resolvedSource } from './lab-sources';
import { queryLogs } from './logs-query';
import { MemorySink } from './memory-sink';

let up: FakeUpstream;
let lab: Lab;
beforeAll(async () => {
  up = await startFakeUpstream();
  lab = await startLab({ seed: 5, scenario: 'gpu-oom', speed: 0 });
  lab.engine.advance(900);
});
afterAll(async () => {
  await up.close();
  await lab.close();
});
beforeEach(() => up.routes.clear());

const DAY = 86_400_000;

describe('backfill', () => {
  it('Prometheus: query_range per enabled query, step kept under the point limit, labels as polled', async () => {
    up.routes.set('GET /api/v1/query_range', (req, res) => {
      if (req.query.get('query') === 'broken') return goError(res, 500, 'boom');
      const start = Number(req.query.get('start'));
      json(res, 200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: { gpu: '0', Hostname: 'n1', modelName: 'L4', pod: 'a' },
              values: [
                [start, '0.5'],
                [start + 60, 'NaN'],
              ],
            },
            { metric: { gpu: '0', Hostname: 'n1', modelName: 'L4', pod: 'b' }, values: [[start, '0.5']] },
          ],
        },
      });
    });
    const queries = [
      { id: 'g', metric: METRICS.gpuMemoryShare, title: 'GPU', expr: 'gpu', enabled: true },
      { id: 'b', metric: 'x', title: 'Broken', expr: 'broken', enabled: true },
      { id: 'o', metric: 'y', title: 'Off', expr: 'off', enabled: false },
    ];
    const sink = new MemorySink();
    const from = 1_800_000_000_000;
    const got = await backfill(resolvedSource('prometheus', up.url, { queries }), from, from + 30 * DAY, 1_000, { sink });
    const ranges = up.requests.filter((r) => r.path === '/api/v1/query_range');
    expect(ranges.map((r) => r.query.get('query')).sort()).toEqual(['broken', 'gpu']);
    const step = Number(ranges[0]?.query.get('step'));
    expect((30 * DAY) / 1000 / step).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(got.partialErrors.map((e) => e.message)).toEqual([expect.stringMatching(/^query "Broken": .*HTTP 500: boom/)]);
    expect(got.samples).toHaveLength(2);
    expect(got.samples[0]).toEqual({
      metric: METRICS.gpuMemoryShare,
      labels: { node: 'n1', gpu: '0', model: 'L4' },
      tMs: from,
      value: 0.5,
    });
    expect(Number.isNaN(got.samples[1]?.value)).toBe(true);
    expect(sink.backfilled).toEqual([{ sourceId: expect.any(Number) as number, samples: got.samples }]);
  });

  it('Loki: metric queries as range queries over the lead-in, against the lab', async () => {
    const sink = new MemorySink();
    const to = lab.engine.nowMs;
    const source = resolvedSource('loki', lab.url, {
      queries: [LAB_ERROR_RATE, { ...LAB_ERROR_RATE, id: 'lines', expr: '{app="ocr-worker"}' }],
    });
    const got = await backfill(source, to - 10 * 60_000, to, 60_000, { sink });
    expect(got.partialErrors).toEqual([]);
    expect(got.samples.length).toBeGreaterThan(5);
    expect(new Set(got.samples.map((s) => s.tMs)).size).toBeGreaterThan(5);
    expect(got.samples.every((s) => s.metric === METRICS.logErrorLines && 'service' in s.labels)).toBe(true);
  });

  it('kinds without upstream history fetch nothing', async () => {
    const sink = new MemorySink();
    expect((await backfill(resolvedSource('asynqmon', lab.url), 0, 1, 1_000, { sink })).samples).toEqual([]);
    expect(sink.backfilled).toEqual([]);
  });
});

describe('queryLogs', () => {
  const loki = () => resolvedSource('loki', lab.url);

  it('returns lines newest first with their level, and says when the limit cut it short', async () => {
    const to = lab.engine.nowMs;
    const request = { query: '{namespace="ml-workers"}', fromMs: to - 15 * 60_000, toMs: to, limit: 50, direction: 'backward' as const };
    const got = await queryLogs(loki(), request);
    expect(got.lines).toHaveLength(50);
    expect(got.truncated).toBe(true);
    for (let i = 1; i < got.lines.length; i += 1) expect(BigInt(got.lines[i - 1]?.tNs ?? 0) >= BigInt(got.lines[i]?.tNs ?? 0)).toBe(true);
    expect(got.lines.every((l) => l.level !== null && l.level === l.labels['level'])).toBe(true);
    const forward = await queryLogs(loki(), { ...request, direction: 'forward', limit: 5000 });
    expect(forward.truncated).toBe(false);
    expect(forward.lines[0]?.tMs).toBeLessThanOrEqual(forward.lines.at(-1)?.tMs ?? 0);
  });

  it('brings back Loki own words for a LogQL mistake', async () => {
    const to = lab.engine.nowMs;
    const err = await queryLogs(loki(), {
      query: '{namespace="ml-workers"',
      fromMs: to - 60_000,
      toMs: to,
      limit: 10,
      direction: 'backward',
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/^Loki rejected the query: parse error/);
  });

  it('refuses a source that is not Loki', async () => {
    await expect(
      queryLogs(resolvedSource('prometheus', lab.url), { query: '{a="b"}', fromMs: 0, toMs: 1, limit: 1, direction: 'backward' }),
    ).rejects.toThrow(/log queries need a Loki source/);
  });
});
