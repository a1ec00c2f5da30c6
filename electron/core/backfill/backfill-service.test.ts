import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail, TimelineEvent } from '../../../shared/domain/incident';
import type { SourceHealth, SourceView } from '../../../shared/domain/source-config';
import type { SeriesResult } from '../../../shared/domain/telemetry';
import { waitFor } from '../../lab/test-support';
import { json, send, startFakeUpstream, type FakeUpstream } from '../../sources/fake-upstream';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

/**
 * The backfill domain through the whole core, against a scripted Prometheus: a failed fetch is said on
 * the timeline, survives a restart and is retried when the source answers; a fixed source is retried
 * at once; the samples land on the source's step grid.
 */
let up: FakeUpstream;
let core: PitwallCore;
let dir: string;
let cleanup: () => void;
/** What the fake Prometheus does with a range query: answer, be down (not ready), or reject the query. */
let mode: 'answer' | 'down' | 'reject' = 'answer';

const QUERY = { id: 'gpu', metric: 'gpu.memory.share', title: 'GPU memory', expr: 'gpu_share', enabled: true };
/**
 * Polled alongside: a Prometheus whose every query returns no series reads degraded (no-data), and these
 * tests need the source ok between backfills. Its history is empty, so it adds nothing to what is fetched.
 */
const UP = { id: 'up', metric: 'prom.up', title: 'Up', expr: 'up', enabled: true };

const { call } = coreCalls(() => core);

/** Added to the core's clock, to let a failed job's backoff run out without waiting for it. */
let skew = 0;
const open = (): PitwallCore =>
  createCore({ dataDir: dir, mode: 'browser', version: 'test', operator: 'alice', now: () => Date.now() + skew });
const timeline = async (id: number): Promise<TimelineEvent[]> => (await call<IncidentDetail>('incident:get', { id })).timeline;
const backfillEvents = async (id: number): Promise<TimelineEvent[]> => (await timeline(id)).filter((e) => e.kind === 'backfill');

/** backfill_jobs as another process would see it: the job must be on disk, not only in memory. */
function jobsOnDisk(): { attempts: number; reason: string; last_error: string | null }[] {
  const db = new Database(join(dir, 'pitwall.db'), { readonly: true });
  try {
    return db.prepare('SELECT attempts, reason, last_error FROM backfill_jobs ORDER BY created_at').all() as {
      attempts: number;
      reason: string;
      last_error: string | null;
    }[];
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  mode = 'answer';
  skew = 0;
  up = await startFakeUpstream();
  up.routes.set('GET /api/v1/query_range', (req, res) => {
    if (mode === 'down') return send(res, 503, 'Service Unavailable', { 'X-Prometheus-Stopping': 'false' });
    if (mode === 'reject')
      return json(res, 422, { status: 'error', errorType: 'execution', error: 'query processing would load too many samples' });
    if (req.query.get('query') === UP.expr) return json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [] } });
    const start = Number(req.query.get('start'));
    const end = Number(req.query.get('end'));
    const step = Number(req.query.get('step'));
    const values: [number, string][] = [];
    for (let t = start; t <= end; t += step) values.push([t, String((t % 600) / 600)]);
    json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [{ metric: { Hostname: 'n1', gpu: '0' }, values }] } });
  });
  // Down means down for the poller too; a rejected range query still leaves the source answering its polls.
  const unlessDown = (body: unknown) => (_req: unknown, res: Parameters<typeof json>[0]) =>
    mode === 'down' ? send(res, 503, 'Service Unavailable', { 'X-Prometheus-Stopping': 'false' }) : json(res, 200, body);
  up.routes.set('GET /api/v1/query', (req, res) =>
    unlessDown({
      status: 'success',
      data: {
        resultType: 'vector',
        result: req.query.get('query') === UP.expr ? [{ metric: { job: 'prometheus' }, value: [1, '1'] }] : [],
      },
    })(req, res),
  );
  up.routes.set('GET /api/v1/alerts', unlessDown({ status: 'success', data: { alerts: [] } }));
  core = open();
});

afterEach(async () => {
  await core.close();
  await up.close();
  cleanup();
});

/** A Prometheus source, once its first poll has answered (so that poll cannot race what a test does next). */
async function addPrometheus(): Promise<SourceView> {
  const saved = await call<SourceView>('source:save', {
    name: 'prod',
    kind: 'prometheus',
    baseUrl: up.url,
    intervalMs: 15_000,
    queries: [QUERY, UP],
  });
  return waitFor('the first poll', async () =>
    (await call<SourceView[]>('source:list')).find((s) => s.id === saved.id && s.health.state === 'ok'),
  );
}

describe('backfill of what an incident newly covers', () => {
  it('fills the lead-in at declaration on the step grid, and says so on the timeline', async () => {
    await addPrometheus();
    const impact = Date.now() - 20 * 60_000 + 7_000; // typed with seconds: off the 15 s grid
    const inc = await call<Incident>('incident:declare', { title: 'GPU OOM', severity: 'SEV2', impactStartedAt: impact });
    const [ev] = await waitFor('the lead-in outcome', async () =>
      (await backfillEvents(inc.id)).length > 0 ? backfillEvents(inc.id) : undefined,
    );
    expect(ev?.actor).toBe('Pitwall');
    expect(ev?.summary).toMatch(
      /^Fetched [\d,]+ points \(1 series\) from Prometheus 'prod' for \d\d:\d\d:\d\d–\d\d:\d\d(:\d\d)? UTC — lead-in before declaration\.$/,
    );
    expect(ev?.data).toMatchObject({ outcome: 'fetched', series: 1, stepSeconds: 15, fromMs: impact - 3_600_000 });
    const series = await call<SeriesResult>('telemetry:get-series', {
      metric: 'gpu.memory.share',
      fromMs: impact - 3_600_000 - 15_000,
      toMs: inc.declaredAt,
      maxPoints: 20_000,
    });
    const points = series.series[0]?.points ?? [];
    expect(points.length).toBe(ev?.data.points);
    // Every stored point sits on the source's grid, with the value Prometheus gave for that instant.
    expect(points.every(([t]) => t % 15_000 === 0)).toBe(true);
    expect(points.every(([t, v]) => v === ((t / 1000) % 600) / 600)).toBe(true);
    expect(jobsOnDisk()).toEqual([]);
  });

  it('records a failure in words, keeps the job through a restart, and retries when the source answers', async () => {
    const prom = await addPrometheus();
    mode = 'down';
    const inc = await call<Incident>('incident:declare', { title: 'Queue backlog', severity: 'SEV2' });
    const [failed] = await waitFor('the failure', async () =>
      (await backfillEvents(inc.id)).length > 0 ? backfillEvents(inc.id) : undefined,
    );
    expect(failed?.summary).toMatch(
      /^Could not fetch \d\d:\d\d(:\d\d)?–\d\d:\d\d(:\d\d)? UTC from Prometheus 'prod' \(lead-in before declaration\): .*not ready yet.*\. Pitwall tries again when the source answers\.$/,
    );
    expect(jobsOnDisk()).toMatchObject([{ attempts: 1, reason: 'lead-in before declaration' }]);

    await core.close();
    core = open();
    expect(jobsOnDisk()).toHaveLength(1);
    mode = 'answer';
    // The first poll that answers after the restart is what sets the retry off.
    expect((await call<SourceHealth>('source:poll-now', { id: prom.id })).state).toBe('ok');
    const done = await waitFor('the retry', async () => {
      const evs = await backfillEvents(inc.id);
      return evs.length === 2 ? evs[1] : undefined;
    });
    expect(done?.summary).toMatch(
      /^Fetched [\d,]+ points \(1 series\) from Prometheus 'prod' .* — lead-in before declaration \(after 1 failed attempt\)\.$/,
    );
    expect(jobsOnDisk()).toEqual([]);
  });

  it('retries a rejected query without filling the timeline, and at once when the source is edited', async () => {
    const prom = await addPrometheus();
    const inc = await call<Incident>('incident:declare', { title: 'Storage', severity: 'SEV3' });
    await waitFor('the lead-in', async () => ((await backfillEvents(inc.id)).length > 0 ? true : undefined));
    mode = 'reject';
    await call<Incident>('incident:set-time', { id: inc.id, field: 'detectedAt', at: inc.declaredAt - 30 * 60_000 });
    await waitFor('the rejection', async () => ((await backfillEvents(inc.id)).length === 2 ? true : undefined));
    const rejected = (await backfillEvents(inc.id))[1];
    expect(rejected?.summary).toMatch(/^Could not fetch .* from Prometheus 'prod' \(detection time moved earlier\): .*too many samples.*$/);
    // The source keeps answering its polls: once its backoff has run out the job is tried again, quietly.
    skew = 31_000;
    await call<SourceHealth>('source:poll-now', { id: prom.id });
    await waitFor('a second attempt', () => Promise.resolve(jobsOnDisk()[0]?.attempts === 2 ? true : undefined));
    expect(await backfillEvents(inc.id)).toHaveLength(2);
    mode = 'answer';
    await call<SourceView>('source:save', {
      id: prom.id,
      name: 'prod',
      kind: 'prometheus',
      baseUrl: up.url,
      intervalMs: 15_000,
      queries: [QUERY, UP],
    });
    const done = await waitFor('the retry after the edit', async () => (await backfillEvents(inc.id))[2]);
    expect(done.summary).toMatch(/ — detection time moved earlier \(after 2 failed attempts\)\.$/);
    expect(done.data).toMatchObject({ fromMs: inc.declaredAt - 90 * 60_000, toMs: inc.declaredAt - 60 * 60_000 });
  });

  it('fetches nothing when a corrected time does not widen the window, and says so when a source was deleted', async () => {
    const prom = await addPrometheus();
    mode = 'down';
    const inc = await call<Incident>('incident:declare', { title: 'Auth', severity: 'SEV3', impactStartedAt: Date.now() - 600_000 });
    await waitFor('the failure', async () => ((await backfillEvents(inc.id)).length > 0 ? true : undefined));
    // Later than before: the window only shrinks, so nothing is asked for.
    await call<Incident>('incident:set-time', { id: inc.id, field: 'impactStartedAt', at: Date.now() - 300_000 });
    expect(jobsOnDisk()).toHaveLength(1);
    await call('source:delete', { id: prom.id });
    const gone = await waitFor('the deleted source', async () => (await backfillEvents(inc.id))[1]);
    expect(gone.summary).toMatch(
      /^Nothing fetched for .* \(lead-in before declaration\): the source it was to come from \(id \d+\) was deleted\.$/,
    );
    expect(jobsOnDisk()).toEqual([]);
  });
});
