import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail, TimelineEvent } from '../../../shared/domain/incident';
import type { SourceHealth, SourceQuery, SourceTestOutcome, SourceView } from '../../../shared/domain/source-config';
import type { LogQueryResult, SeriesResult, TelemetrySnapshot } from '../../../shared/domain/telemetry';
import type { EventMessage } from '../../../shared/contract/events';
import type { Lab } from '../../lab/lab';
import { openLabCore, type LabCore } from '../../test-support/lab-core';
import { coreCalls } from '../../test-support/core-calls';
import type { PitwallCore } from '../app';

/**
 * The whole path through the core: demo sources for a lab, polls stored in SQLite, reads for
 * the command view, logs, evidence pinned to an incident — and all of it still there after a
 * restart with the lab gone.
 */
let t: LabCore;
let lab: Lab;
let core: PitwallCore;
let dir: string;
let events: EventMessage[];

const { call, failure } = coreCalls(() => core);

beforeEach(async () => {
  t = await openLabCore({
    onOpen: (c) => {
      events = [];
      c.subscribe((m) => events.push(m));
    },
  });
  ({ lab, core, dir } = t);
});
afterEach(() => t.close());

async function pollAll(): Promise<SourceView[]> {
  const sources = await call<SourceView[]>('source:list');
  for (const s of sources) {
    const health = await call<SourceHealth>('source:poll-now', { id: s.id });
    expect(health.state, `${s.name}: ${health.lastError?.message ?? ''}`).toBe('ok');
  }
  return sources;
}

describe('telemetry through the core', () => {
  it('creates demo sources for the lab, polls them into SQLite and serves what the command view reads', async () => {
    const sources = await pollAll();
    expect(sources.map((s) => s.kind).sort()).toEqual(['asynqmon', 'exporter-scrape', 'loki']);
    expect(sources.every((s) => s.demo && s.baseUrl.startsWith(lab.url))).toBe(true);
    lab.engine.advance(300);
    await pollAll();

    const snapshot = await call<TelemetrySnapshot>('telemetry:get-snapshot');
    expect(snapshot.queues?.data.map((q) => q.queue)).toContain('ocr');
    expect(snapshot.gpus?.data.length).toBe(12);
    const now = Date.now();
    const series = await call<SeriesResult>('telemetry:get-series', {
      metric: 'gpu.memory.share',
      fromMs: now - 3_600_000,
      toMs: now + 60_000,
    });
    expect(series.series.length).toBe(12);
    // At least the two polls above (a background poll may add one on a slow machine).
    expect(series.series.every((s) => s.points.length >= 2)).toBe(true);
    expect(events.some((e) => e.event === 'telemetry:updated')).toBe(true);
    expect(events.some((e) => e.event === 'source:health')).toBe(true);

    const logs = await call<LogQueryResult>('logs:query', {
      query: '{namespace="ml-workers"}',
      fromMs: lab.engine.nowMs - 600_000,
      toMs: lab.engine.nowMs + 1,
    });
    expect(logs.lines.length).toBeGreaterThan(0);
    const bad = await failure('logs:query', { query: '{namespace=', fromMs: now - 60_000, toMs: now });
    expect(bad.code).toBe('bad-input');
    expect(bad.message).toMatch(/Loki rejected the query/);
  });

  it("hands out each kind's default queries for a form to reset to, and refuses a kind it does not know", async () => {
    const prometheus = await call<SourceQuery[]>('source:default-queries', { kind: 'prometheus' });
    expect(prometheus.map((q) => q.metric)).toContain('gpu.memory.share');
    expect(prometheus.every((q) => q.enabled && q.expr.length > 0)).toBe(true);
    expect((await call<SourceQuery[]>('source:default-queries', { kind: 'loki' })).map((q) => q.metric)).toEqual([
      'logs.error_lines',
      'logs.auth_failures',
    ]);
    expect(await call<SourceQuery[]>('source:default-queries', { kind: 'asynqmon' })).toEqual([]);
    expect((await failure('source:default-queries', { kind: 'graphite' })).code).toBe('bad-input');
  });

  it('tests a saved source and an unsaved form without storing the form', async () => {
    const [first] = await call<SourceView[]>('source:list');
    const saved = await call<SourceTestOutcome>('source:test', { id: first?.id });
    expect(saved.success).toBe(true);
    const draft = await call<SourceTestOutcome>('source:test', {
      config: { name: 'Nowhere', kind: 'prometheus', baseUrl: 'http://127.0.0.1:1' },
    });
    expect(draft.success).toBe(false);
    expect(draft.error?.kind).toBe('refused');
    expect((await call<SourceView[]>('source:list')).some((s) => s.name === 'Nowhere')).toBe(false);
  });

  it('reports a source whose secrets cannot be decrypted as down with the reason, and keeps polling the others', async () => {
    const locked = await call<SourceView>('source:save', {
      name: 'Locked AsynqMon',
      kind: 'asynqmon',
      baseUrl: lab.url,
      auth: { kind: 'basic', username: 'ops', password: 'pw' },
    });
    await core.close();
    // Another key: what happens when secret.key is lost or the data dir is copied to another machine.
    writeFileSync(join(dir, 'secret.key'), randomBytes(32), { mode: 0o600 });
    core = t.reopen();
    const sources = await call<SourceView[]>('source:list');
    const health = sources.find((s) => s.id === locked.id)?.health;
    expect(health?.state).toBe('down');
    expect(health?.lastError?.kind).toBe('config');
    expect(health?.lastError?.message).toMatch(/Locked AsynqMon/);
    const other = sources.find((s) => s.kind === 'exporter-scrape');
    expect((await call<SourceHealth>('source:poll-now', { id: other?.id })).state).toBe('ok');
  });

  it('pins a log line and a chart window to an incident, and both survive a restart with the lab stopped', async () => {
    await pollAll();
    lab.engine.advance(120);
    await pollAll();
    const incident = await call<Incident>('incident:declare', { title: 'GPU OOM on gpu-node-01', severity: 'SEV2' });
    const logs = await call<LogQueryResult>('logs:query', {
      query: '{namespace="ml-workers"}',
      fromMs: lab.engine.nowMs - 600_000,
      toMs: lab.engine.nowMs + 1,
    });
    const line = logs.lines[0];
    if (!line) throw new Error('the lab served no log lines');
    const pinnedLine = await call<TimelineEvent>('incident:pin-evidence', {
      kind: 'log-line',
      id: incident.id,
      sourceId: logs.sourceId,
      query: logs.query,
      line: { tNs: line.tNs, labels: line.labels, line: line.line },
    });
    expect(pinnedLine.kind).toBe('pin-log');
    const now = Date.now();
    const pinnedWindow = await call<TimelineEvent>('incident:pin-evidence', {
      kind: 'metric-window',
      id: incident.id,
      metrics: ['gpu.memory.share', 'queue.depth'],
      fromMs: now - 3_600_000,
      toMs: now + 60_000,
    });
    expect(pinnedWindow.summary).toMatch(/GPU memory used \+ Queue depth/);
    const copied = pinnedWindow.data.series as unknown[];
    expect(copied.length).toBeGreaterThan(12);
    const empty = await failure('incident:pin-evidence', {
      kind: 'metric-window',
      id: incident.id,
      metrics: ['gpu.memory.share'],
      fromMs: 1e12,
      toMs: 1e12 + 1000,
    });
    expect(empty.code).toBe('not-found');

    await core.close();
    await lab.close();
    core = t.reopen(false);
    const detail = await call<IncidentDetail>('incident:get', { id: incident.id });
    const kept = detail.timeline.filter((e) => e.kind === 'pin-log' || e.kind === 'pin-metric');
    expect(kept.map((e) => e.kind)).toEqual(['pin-log', 'pin-metric']);
    expect(kept[0]?.data.line).toBe(line.line);
    expect(kept[1]?.data.series).toEqual(pinnedWindow.data.series);
    // The lab is gone: a poll fails in words and the stored data is still served.
    const [first] = await call<SourceView[]>('source:list');
    const health = await call<SourceHealth>('source:poll-now', { id: first?.id });
    expect(health.state).not.toBe('ok');
    expect(health.lastError?.message).toMatch(/refused|connect/i);
    // Health is in memory, but the age of the last good data comes back from what was stored.
    expect(health.lastSuccessAt).toBeGreaterThanOrEqual(now - 60_000);
    const series = await call<SeriesResult>('telemetry:get-series', {
      metric: 'gpu.memory.share',
      fromMs: now - 3_600_000,
      toMs: now + 60_000,
    });
    expect(series.series.length).toBe(12);
  });
});
