import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab.js';
import { http } from '../test-support.js';

let lab: Lab;
let nowS = 0;

beforeAll(async () => {
  lab = await startLab({ seed: 5, scenario: 'gpu-oom', speed: 0, startMs: Date.UTC(2026, 10, 22, 12) });
  lab.engine.advance(1500);
  nowS = lab.engine.nowMs / 1000;
});
afterAll(async () => {
  await lab.close();
});

function q(path: string, params: Record<string, string>): Promise<{ status: number; headers: Headers; text: string }> {
  return http(`${lab.url}${path}?${new URLSearchParams(params).toString()}`);
}

async function ok(path: string, params: Record<string, string>) {
  const r = await q(path, params);
  expect(r.status, r.text).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/json');
  return JSON.parse(r.text) as {
    status: string;
    data: { resultType: string; result: unknown[]; stats: { summary: Record<string, number> } };
  };
}

async function bad(path: string, params: Record<string, string>): Promise<string> {
  const r = await q(path, params);
  expect(r.status).toBe(400);
  // Loki 2.8 sends the bare message with a JSON content type (recorded in contracts/samples).
  expect(r.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  expect(r.headers.get('x-content-type-options')).toBeNull();
  return r.text;
}

const range = () => ({ start: String(nowS - 1500), end: String(nowS + 1) });

describe('Loki /loki/api/v1 contract', () => {
  it('query_range streams: ns-string timestamps, backward by default, limit applies across streams', async () => {
    const body = await ok('/loki/api/v1/query_range', {
      query: '{namespace="ml-workers", level="error"} |= "CUDA out of memory"',
      limit: '7',
      ...range(),
    });
    expect(body.status).toBe('success');
    expect(Object.keys(body.data)).toEqual(['resultType', 'result', 'stats']);
    expect(body.data.resultType).toBe('streams');
    const streams = body.data.result as { stream: Record<string, string>; values: [string, string][] }[];
    const all = streams.flatMap((s) => s.values);
    expect(all).toHaveLength(7);
    for (const s of streams) {
      expect(s.stream.level).toBe('error');
      expect(s.stream.namespace).toBe('ml-workers');
      for (const [ts, line] of s.values) {
        expect(ts).toMatch(/^\d{19}$/);
        expect(line).toContain('CUDA out of memory');
      }
      const tss = s.values.map(([t]) => BigInt(t));
      expect([...tss].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(tss);
    }
    expect(body.data.stats.summary.totalEntriesReturned).toBe(7);
  });

  it('forward direction returns oldest first; regex and negative filters work', async () => {
    const body = await ok('/loki/api/v1/query_range', {
      query: '{app=~"ocr-.*|translation-.*"} |~ "task (failed|completed)" != "completed"',
      direction: 'FORWARD',
      limit: '50',
      ...range(),
    });
    const values = (body.data.result as { values: [string, string][] }[]).flatMap((s) => s.values);
    expect(values.length).toBeGreaterThan(0);
    expect(values.every(([, l]) => l.includes('task failed'))).toBe(true);
    const first = (body.data.result as { values: [string, string][] }[])[0]?.values ?? [];
    expect(first.map(([t]) => t)).toEqual([...first.map(([t]) => t)].sort());
  });

  it('count_over_time matches the lab ground truth for failed tasks', async () => {
    const before = lab.engine.world.queue('ocr')?.failedTotal ?? 0;
    lab.engine.advance(300);
    const after = lab.engine.world.queue('ocr')?.failedTotal ?? 0;
    const end = lab.engine.nowMs / 1000;
    const body = await ok('/loki/api/v1/query', {
      query: 'sum(count_over_time({app="ocr-worker"} |= "task failed" [5m]))',
      time: String(end),
    });
    expect(body.data.resultType).toBe('vector');
    const v = (body.data.result as { value: [number, string] }[])[0]?.value;
    expect(v?.[0]).toBe(end);
    expect(Number(v?.[1])).toBe(after - before);
    expect(after - before).toBeGreaterThan(0);
  });

  it('query_range metric queries return a matrix, grouped with sum by', async () => {
    const body = await ok('/loki/api/v1/query_range', {
      query: 'sum by (app) (rate({namespace="ml-workers"} |= "task failed" [5m]))',
      step: '60',
      ...range(),
    });
    expect(body.data.resultType).toBe('matrix');
    const series = body.data.result as { metric: Record<string, string>; values: [number, string][] }[];
    expect(series.length).toBeGreaterThan(0);
    for (const s of series) {
      expect(Object.keys(s.metric)).toEqual(['app']);
      for (const [t, val] of s.values) {
        expect(typeof t).toBe('number');
        expect(val).toMatch(/^\d+(\.\d+)?$/);
      }
    }
  });

  it('labels and label values; empty results drop "data"', async () => {
    const labels = await http(`${lab.url}/loki/api/v1/labels`);
    expect(JSON.parse(labels.text)).toEqual({ status: 'success', data: ['app', 'job', 'level', 'namespace', 'node', 'pod'] });
    const apps = JSON.parse((await http(`${lab.url}/loki/api/v1/label/app/values`)).text) as { data: string[] };
    expect(apps.data).toContain('ocr-worker');
    expect(apps.data).toEqual([...apps.data].sort());
    const none = await http(`${lab.url}/loki/api/v1/label/nosuchlabel/values`);
    expect(none.text).toBe('{"status":"success"}');
  });

  it('/ready answers like Loki', async () => {
    const r = await http(`${lab.url}/ready`);
    expect(r.status).toBe(200);
    expect(r.text).toBe('ready\n');
    expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('bad LogQL gets the recorded 400 parse error form', async () => {
    expect(await bad('/loki/api/v1/query_range', { query: '{app=' })).toBe(
      'parse error at line 1, col 6: syntax error: unexpected $end, expecting STRING',
    );
    expect(await bad('/loki/api/v1/query_range', { query: '{app="x"} | json' })).toMatch(
      /^parse error at line 1, col 11: syntax error: unexpected \|/,
    );
    expect(await bad('/loki/api/v1/query_range', { query: '{app=~".*"}' })).toMatch(
      /^parse error : queries require at least one regexp or equality matcher/,
    );
    expect(await bad('/loki/api/v1/query_range', { query: '{app=~"("}' })).toMatch(/^parse error at line 1, col 7: error parsing regexp/);
  });

  it('bad parameters and limits give Loki 2.8 messages', async () => {
    const sel = '{app="ocr-worker"}';
    expect(await bad('/loki/api/v1/query_range', { query: sel, limit: '10000' })).toBe(
      // 2.8.11's wording (the docs' "max_entries_limit_per_query" is a later release's).
      'max entries limit per query exceeded, limit > max_entries_limit (10000 > 5000)',
    );
    expect(await bad('/loki/api/v1/query_range', { query: sel, limit: '0' })).toBe('limit must be a positive value');
    expect(await bad('/loki/api/v1/query_range', { query: sel, direction: 'sideways' })).toBe("invalid direction 'sideways'");
    expect(await bad('/loki/api/v1/query_range', { query: sel, start: 'yesterday' })).toBe(
      `could not parse 'start' parameter: strconv.ParseInt: parsing "yesterday": invalid syntax`,
    );
    expect(await bad('/loki/api/v1/query_range', { query: sel, start: String(nowS), end: String(nowS - 60) })).toBe(
      'end timestamp must not be before or equal to start time',
    );
    const metric = 'count_over_time({app="ocr-worker"}[1m])';
    expect(await bad('/loki/api/v1/query_range', { query: metric, start: String(nowS - 86_400), end: String(nowS), step: '1' })).toBe(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
    expect(await bad('/loki/api/v1/query_range', { query: metric, step: '0' })).toBe(
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
    expect(await bad('/loki/api/v1/query', { query: sel, limit: '6000' })).toBe(
      'max entries limit per query exceeded, limit > max_entries_limit (6000 > 5000)',
    );
  });

  it('an instant query with a log selector answers 200 with streams, as 2.8.11 does', async () => {
    const body = await ok('/loki/api/v1/query', { query: '{app="ocr-worker"}', limit: '3' });
    expect(body.data.resultType).toBe('streams');
    const values = (body.data.result as { values: [string, string][] }[]).flatMap((s) => s.values);
    expect(values.length).toBeGreaterThan(0);
    expect(values.length).toBeLessThanOrEqual(3);
    expect(Object.keys(body.data)).toEqual(['resultType', 'result', 'stats']);
    expect(Object.keys(body.data.stats as object)).toEqual(['summary', 'querier', 'ingester', 'cache']);
  });

  it('accepts nanosecond, RFC3339 and float-second timestamps alike', async () => {
    const ns = await ok('/loki/api/v1/query_range', {
      query: '{app="ocr-worker"}',
      start: `${Math.round(nowS - 600)}000000000`,
      end: `${Math.round(nowS)}000000000`,
      limit: '5',
    });
    const rfc = await ok('/loki/api/v1/query_range', {
      query: '{app="ocr-worker"}',
      start: new Date((nowS - 600) * 1000).toISOString(),
      end: new Date(nowS * 1000).toISOString(),
      limit: '5',
    });
    const flt = await ok('/loki/api/v1/query_range', {
      query: '{app="ocr-worker"}',
      start: `${nowS - 600}.0`,
      end: `${nowS}.0`,
      limit: '5',
    });
    expect(rfc.data.result).toEqual(ns.data.result);
    expect(flt.data.result).toEqual(ns.data.result);
  });

  it('kernel OOM kills arrive as raw kernel text with no level field', async () => {
    const body = await ok('/loki/api/v1/query_range', { query: '{app="kernel"} |= "out of memory"', ...range(), limit: '50' });
    const streams = body.data.result as { stream: Record<string, string>; values: [string, string][] }[];
    const lines = streams.flatMap((s) => s.values.map((v) => v[1]));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^Memory cgroup out of memory: Killed process \d+ \(python3\)/);
    for (const s of streams) expect(s.stream.level).toBeUndefined();
  });
});

describe('a Loki whose streams carry only app, cluster and pod', () => {
  let bare: Lab;
  beforeAll(async () => {
    bare = await startLab({ seed: 5, scenario: 'gpu-oom', speed: 0, startMs: Date.UTC(2026, 10, 22, 12), logLabels: 'app' });
    bare.engine.advance(900);
  });
  afterAll(async () => {
    await bare.close();
  });

  it('lists those labels only, and selects by them', async () => {
    const labels = JSON.parse((await http(`${bare.url}/loki/api/v1/labels`)).text) as { data: string[] };
    expect(labels.data).toEqual(['app', 'cluster', 'pod']);
    const params = new URLSearchParams({ query: '{app=~".+"} |= "level=error"', limit: '20' });
    const r = JSON.parse((await http(`${bare.url}/loki/api/v1/query_range?${params.toString()}`)).text) as {
      data: { result: { stream: Record<string, string> }[] };
    };
    expect(r.data.result.length).toBeGreaterThan(0);
    for (const s of r.data.result)
      expect(Object.keys(s.stream).sort()).toEqual(s.stream.pod ? ['app', 'cluster', 'pod'] : ['app', 'cluster']);
  });
});
