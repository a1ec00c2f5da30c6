import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandState, LiveQueue, MitigationRecord } from '../../../shared/command/types';
import type { Incident, IncidentDetail } from '../../../shared/domain/incident';
import type { SourceHealth, SourceView } from '../../../shared/domain/source-config';
import { startLab, type Lab } from '../../lab/lab';
import { freePort } from '../../lab/test-support';
import { startFakeUpstream } from '../../sources/fake-upstream';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';
import { isId } from '../ids';

/**
 * Pausing and resuming asynq queues from an incident, against the lab's AsynqMon: the pause must
 * really stop processing there, be recorded on the timeline with what AsynqMon then reports, and
 * be refused before anything is sent when the queue or the source is wrong.
 */
let lab: Lab;
let core: PitwallCore;
let cleanup: () => void;

const { call, failure } = coreCalls(() => core);

interface LabQueue {
  paused: boolean;
  processed: number;
  pending: number;
  active: number;
}
async function labQueue(name: string): Promise<LabQueue> {
  const res = await fetch(`${lab.url}/api/queues/${name}`);
  return ((await res.json()) as { current: LabQueue }).current;
}

/** The lab's own answers, relayed by a fake AsynqMon that then misbehaves on the write. */
async function rawQueues(): Promise<string> {
  return (await fetch(`${lab.url}/api/queues`)).text();
}
async function rawQueue(name: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${lab.url}/api/queues/${name}`);
  return ((await res.json()) as { current: Record<string, unknown> }).current;
}

let asynq: SourceView;
let inc: Incident;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  lab = await startLab({ scenario: 'baseline', seed: 11, speed: 0 });
  lab.engine.advance(120);
  // Polling on: a source is only known to be down once the poller has seen it fail.
  core = createCore({ dataDir: dir, mode: 'browser', version: 'test', operator: 'dana' });
  asynq = await call<SourceView>('source:save', { name: 'Lab AsynqMon', kind: 'asynqmon', baseUrl: lab.url });
  inc = await call<Incident>('incident:declare', { title: 'Batch jobs starve OCR', severity: 'SEV2' });
});
afterEach(async () => {
  await core.close();
  await lab.close();
  cleanup();
});

describe('pause and resume a queue', () => {
  it('pausing stops processing in the lab, is recorded with what AsynqMon reports, and resuming starts it again', async () => {
    const queues = await call<LiveQueue[]>('mitigation:list-queues', { sourceId: asynq.id });
    expect(queues.map((q) => q.queue).sort()).toEqual(['batch', 'default', 'echo', 'ocr', 'translation']);

    const paused = await call<MitigationRecord>('mitigation:pause-queue', { id: inc.id, sourceId: asynq.id, queue: 'batch' });
    expect(isId(paused.id)).toBe(true);
    expect(paused).toMatchObject({ kind: 'queue-pause', outcome: 'ok', author: 'dana', sourceName: 'Lab AsynqMon', target: 'batch' });
    // The state AsynqMon reports afterwards, with its own clock (the lab's), not what the POST answered.
    const labClock = new Date(lab.engine.nowMs).toISOString().slice(11, 19);
    expect(paused.message).toMatch(
      new RegExp(`^Paused "batch"; confirmed paused at ${labClock}Z by AsynqMon \\(\\d+ pending, \\d+ active\\)\\.$`),
    );

    // Really stopped: after in-flight tasks finish, nothing more is processed while other queues go on.
    lab.engine.advance(120);
    const stopped = await labQueue('batch');
    const echoBefore = await labQueue('echo');
    lab.engine.advance(120);
    expect(stopped.paused).toBe(true);
    expect((await labQueue('batch')).processed).toBe(stopped.processed);
    expect((await labQueue('echo')).processed).toBeGreaterThan(echoBefore.processed);

    const state = await call<CommandState>('command:get-state', { id: inc.id });
    expect(state.open.pausedQueues.map((r) => r.target)).toEqual(['batch']);
    const event = (await call<IncidentDetail>('incident:get', { id: inc.id })).timeline.at(-1);
    expect(event).toMatchObject({
      kind: 'mitigation',
      actor: 'dana',
      data: { mitigationId: paused.id, outcome: 'ok', action: 'queue-pause' },
    });
    expect(event?.summary).toContain('Pause queue "batch" on Lab AsynqMon: done');

    const resumed = await call<MitigationRecord>('mitigation:resume-queue', { id: inc.id, sourceId: asynq.id, queue: 'batch' });
    expect(resumed).toMatchObject({ kind: 'queue-resume', outcome: 'ok', relatesTo: paused.id });
    lab.engine.advance(60);
    expect((await labQueue('batch')).processed).toBeGreaterThan(stopped.processed);
    expect((await call<CommandState>('command:get-state', { id: inc.id })).open.pausedQueues).toEqual([]);
  });

  it('pausing an already paused queue is done, not failed, and says so', async () => {
    await fetch(`${lab.url}/api/queues/ocr:pause`, { method: 'POST' });
    const r = await call<MitigationRecord>('mitigation:pause-queue', { id: inc.id, sourceId: asynq.id, queue: 'ocr' });
    expect(r).toMatchObject({ outcome: 'ok' });
    expect(r.message).toMatch(/^"ocr" was already paused; confirmed paused at \d\d:\d\d:\d\dZ/);
  });

  it('refuses a queue the source does not know, and sends nothing (AsynqMon would "pause" any name)', async () => {
    const err = await failure('mitigation:pause-queue', { id: inc.id, sourceId: asynq.id, queue: 'ocr-typo' });
    expect(err.code).toBe('bad-input');
    expect(err.message).toBe(
      'AsynqMon "Lab AsynqMon" has no queue "ocr-typo" (its queues: batch, default, echo, ocr, translation). Nothing was sent.',
    );
    expect(lab.engine.world.orphanPauses.size).toBe(0);
    expect((await call<IncidentDetail>('incident:get', { id: inc.id })).timeline.filter((e) => e.kind === 'mitigation')).toEqual([]);
  });

  it('through a base URL one segment off (AsynqMon answers its web page), fails in words and records nothing as paused', async () => {
    const off = await call<SourceView>('source:save', { name: 'Off AsynqMon', kind: 'asynqmon', baseUrl: `${lab.url}/asynqmon` });
    const err = await failure('mitigation:pause-queue', { id: inc.id, sourceId: off.id, queue: 'batch' });
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/answers with a web page, not the AsynqMon API .*Nothing was sent\.$/);
    expect(lab.engine.world.queues.filter((q) => q.paused)).toEqual([]);
    expect(lab.engine.world.orphanPauses.size).toBe(0);
    expect((await call<CommandState>('command:get-state', { id: inc.id })).open.pausedQueues).toEqual([]);
    expect((await call<IncidentDetail>('incident:get', { id: inc.id })).timeline.filter((e) => e.kind === 'mitigation')).toEqual([]);
  });

  it('refuses through a source that is down before anything is sent, in words', async () => {
    const dead = await call<SourceView>('source:save', {
      name: 'Dead AsynqMon',
      kind: 'asynqmon',
      baseUrl: `http://127.0.0.1:${await freePort()}`,
    });
    let health: SourceHealth | null = null;
    for (let i = 0; i < 3 && health?.state !== 'down'; i++) health = await call<SourceHealth>('source:poll-now', { id: dead.id });
    expect(health?.state).toBe('down');
    const err = await failure('mitigation:pause-queue', { id: inc.id, sourceId: dead.id, queue: 'batch' });
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/^AsynqMon "Dead AsynqMon" is down \(.*refused the connection.*\)\. Nothing was sent\.$/);
  });

  it('refuses a source of the wrong kind, and an incident that is closed', async () => {
    const loki = await call<SourceView>('source:save', { name: 'Lab Loki', kind: 'loki', baseUrl: lab.url });
    expect((await failure('mitigation:pause-queue', { id: inc.id, sourceId: loki.id, queue: 'batch' })).message).toBe(
      '"Lab Loki" is a loki source; this needs AsynqMon.',
    );
    await call('incident:set-status', { id: inc.id, status: 'resolved' });
    await call('incident:set-status', { id: inc.id, status: 'closed' });
    expect((await failure('mitigation:pause-queue', { id: inc.id, sourceId: asynq.id, queue: 'batch' })).code).toBe('invalid-transition');
  });

  it('a failure after sending is recorded as failed with the upstream words; a pause that did not take is not called done', async () => {
    const fake = await startFakeUpstream();
    try {
      const queue = async (paused: boolean): Promise<string> => JSON.stringify({ ...(await rawQueue('batch')), paused });
      fake.routes.set('GET /api/queues', (_q, res) => void rawQueues().then((body) => res.end(body)));
      const src = await call<SourceView>('source:save', { name: 'Fake AsynqMon', kind: 'asynqmon', baseUrl: fake.url });
      fake.routes.set('POST /api/queues/batch:pause', (_q, res) => {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('dial tcp 127.0.0.1:6379: connect: connection refused\n');
      });
      const failed = await call<MitigationRecord>('mitigation:pause-queue', { id: inc.id, sourceId: src.id, queue: 'batch' });
      expect(failed.outcome).toBe('failed');
      expect(failed.message).toContain(
        'answered HTTP 500: dial tcp 127.0.0.1:6379: connect: connection refused (AsynqMon cannot reach Redis)',
      );
      const event = (await call<IncidentDetail>('incident:get', { id: inc.id })).timeline.at(-1);
      expect(event?.summary).toContain('Pause queue "batch" on Fake AsynqMon: FAILED');

      // 204 to the POST, yet the queue reads back running (a proxy or an old AsynqMon swallowed it).
      fake.routes.set('POST /api/queues/batch:pause', (_q, res) => void res.writeHead(204).end());
      fake.routes.set(
        'GET /api/queues/batch',
        (_q, res) => void queue(false).then((current) => res.end(`{"current":${current},"history":[]}`)),
      );
      const ignored = await call<MitigationRecord>('mitigation:pause-queue', { id: inc.id, sourceId: src.id, queue: 'batch' });
      expect(ignored.outcome).toBe('failed');
      expect(ignored.message).toMatch(/^AsynqMon at 127\.0\.0\.1:\d+ accepted the pause, but queue "batch" still reads running\.$/);
      expect((await call<CommandState>('command:get-state', { id: inc.id })).open.pausedQueues).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
