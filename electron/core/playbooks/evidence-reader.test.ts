import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialHealth, type HealthState, type SourceView } from '../../../shared/domain/source-config';
import type { SourceKind } from '../../../shared/domain/sources';
import type { EvidenceQuery } from '../../../shared/playbooks/evidence';
import { addSource, openTestStore } from '../../store/test-fixtures';
import { TelemetryService } from '../telemetry/telemetry-service';
import { EvidenceReader } from './evidence-reader';

/** Readings from a real SQLite store filled with hand-made samples, with sources whose health the test sets. */
let db: Database.Database;
let close: () => void;
let telemetry: TelemetryService;
const NOW = 1_800_000_000_000;
const MIN = 60_000;
let health: Record<number, HealthState>;
let kinds: Record<number, SourceKind>;

beforeEach(() => {
  ({ db, close } = openTestStore());
  telemetry = new TelemetryService({ db, now: () => NOW });
  health = {};
  kinds = {};
});
afterEach(() => close());

function source(name: string, kind: SourceKind, state: HealthState = 'ok'): number {
  const id = addSource(db, name);
  health[id] = state;
  kinds[id] = kind;
  return id;
}

function view(id: number): SourceView {
  const state = health[id] ?? 'ok';
  return {
    id,
    name: `source ${id}`,
    kind: kinds[id] ?? 'prometheus',
    baseUrl: 'http://x',
    auth: { kind: 'none' },
    headers: [],
    tls: { caPem: null, insecureSkipVerify: false },
    timeoutMs: 1_000,
    intervalMs: 5_000,
    enabled: true,
    demo: false,
    queries: [],
    serviceLabel: null,
    health: {
      ...initialHealth(id, true),
      state,
      lastError: state === 'down' ? { at: NOW, kind: 'refused', message: 'connection refused' } : null,
    },
    createdAt: 0,
    updatedAt: 0,
  };
}

function reader(): EvidenceReader {
  return new EvidenceReader({ telemetry, sources: () => Object.keys(health).map((id) => view(Number(id))), now: () => NOW });
}

function series(src: number, metric: string, labels: Record<string, string>, values: number[], stepMs = MIN, endMs = NOW): void {
  const start = endMs - (values.length - 1) * stepMs;
  telemetry.store.backfill(
    src,
    values.map((value, i) => ({ metric, labels, tMs: start + i * stepMs, value })),
  );
}

const one = (q: EvidenceQuery) => reader().read([q])[0];

describe('evidence readings from stored telemetry', () => {
  it('names the busiest queue, its trend over the window and the runners-up', () => {
    const src = source('asynq', 'asynqmon');
    series(src, 'queue.depth', { queue: 'translation', state: 'pending' }, [100, 400, 900, 1204]);
    series(src, 'queue.depth', { queue: 'ocr', state: 'pending' }, [30, 31, 29, 33]);
    series(src, 'queue.depth', { queue: 'ocr', state: 'active' }, [5000, 5000, 5000, 5000]);
    const r = one({ kind: 'queue-pending' });
    expect(r).toMatchObject({ state: 'ok', value: 1204, subject: 'translation', unit: 'tasks', dataAt: NOW, others: ['ocr 33'] });
    expect(r?.trend).toEqual({ from: 100, to: 1204, fromAt: NOW - 3 * MIN, toAt: NOW });
    expect(r?.text).toBe('translation: 1,204 pending (+1,104 in 3m 00s)');
    expect(one({ kind: 'queue-pending', queue: 'ocr' })?.text).toBe('ocr: 33 pending (+3 in 3m 00s)');
  });

  it('counts OOM kills only where the container’s last termination read OOMKilled, and restarts across a counter reset', () => {
    const src = source('kube', 'prometheus');
    const ocr = { namespace: 'ml-workers', pod: 'ocr-0', container: 'ocr' };
    const echo = { namespace: 'ml-workers', pod: 'echo-0', container: 'echo' };
    series(src, 'pod.restarts_total', ocr, [3, 3, 4, 5, 5]);
    series(src, 'pod.last_oom', ocr, [0, 0, 1, 1, 1]);
    // echo restarted once for another reason, then its counter reset (pod replaced) and it restarted again.
    series(src, 'pod.restarts_total', echo, [7, 8, 0, 1, 1]);
    series(src, 'pod.last_oom', echo, [0, 0, 0, 0, 0]);
    expect(one({ kind: 'oom-kills' })).toMatchObject({
      state: 'ok',
      value: 2,
      others: ['ml-workers/ocr-0 (ocr) ×2'],
      text: '2 OOM kills in the 4m 00s stored',
    });
    expect(one({ kind: 'restarts' })).toMatchObject({ value: 4, others: ['ml-workers/echo-0 (echo) ×2', 'ml-workers/ocr-0 (ocr) ×2'] });
    // Outside the window nothing counts: a 3-minute window sees only the last two steps.
    expect(one({ kind: 'oom-kills', windowMin: 2 })?.value).toBe(1);
  });

  it('a fresh zero is a reading; a down source is "no data" with its reason, never zero', () => {
    const src = source('kube', 'prometheus');
    series(src, 'pod.restarts_total', { pod: 'a' }, [1, 1, 1]);
    // Two minutes stored of a fifteen-minute window: the count says what it covers.
    expect(one({ kind: 'restarts' })).toMatchObject({ state: 'ok', value: 0, text: '0 restarts in the 2m 00s stored' });
    series(
      src,
      'pod.restarts_total',
      { pod: 'b' },
      Array.from({ length: 16 }, () => 2),
    );
    expect(one({ kind: 'restarts' })?.text).toBe('0 restarts in 15m');
    health[src] = 'down';
    const r = one({ kind: 'restarts' });
    expect(r).toMatchObject({ state: 'no-data', value: null });
    expect(r?.text).toBe(`no data — source ${src} is down (connection refused); last stored: 0 restarts in 15m`);
  });

  it('says what is missing when nothing was stored, and how old the newest data is when it is outside the window', () => {
    expect(one({ kind: 'gpu-memory' })?.text).toBe(
      'no data — no source has stored GPU memory used yet (Prometheus (DCGM) or a GPU exporter scrape provides it; add one under Sources)',
    );
    const src = source('dcgm', 'exporter-scrape');
    expect(one({ kind: 'gpu-memory' })?.text).toBe(
      `no data — no GPU memory used stored yet: source ${src} has not returned any so far (a first poll, or queries that match nothing)`,
    );
    series(src, 'gpu.memory.share', { node: 'gpu-node-01', gpu: '2' }, [0.5, 0.6], MIN, NOW - 40 * MIN);
    expect(one({ kind: 'gpu-memory' })?.text).toBe('no data — no GPU memory used stored in the window (the newest is 40m 00s old)');
  });

  it('marks data older than three polls stale, with the value and its age', () => {
    const src = source('dcgm', 'exporter-scrape');
    series(src, 'gpu.memory.share', { node: 'gpu-node-01', gpu: '2' }, [0.5, 0.97], MIN, NOW - 2 * MIN);
    const r = one({ kind: 'gpu-memory' });
    expect(r).toMatchObject({ state: 'stale', value: 0.97, subject: 'gpu-node-01 GPU 2', dataAt: NOW - 2 * MIN });
    expect(r?.text).toBe('gpu-node-01 GPU 2: 97.0% used (+47.0 pts in 1m 00s)');
  });

  it('sums error lines per minute over services, or reads one service (by service or app label)', () => {
    const src = source('loki', 'loki');
    series(src, 'logs.error_lines', { app: 'api-gateway' }, [2, 40, 180]);
    series(src, 'logs.error_lines', { app: 'ocr-worker' }, [1, 1, 3]);
    expect(one({ kind: 'error-lines' })).toMatchObject({
      value: 183,
      text: '183/min error lines',
      others: ['api-gateway 180/min', 'ocr-worker 3.0/min'],
    });
    expect(one({ kind: 'error-lines', service: 'api-gateway' })?.text).toBe('api-gateway: 180/min error lines (+178/min in 2m 00s)');
  });

  it('reads 401 / token failure lines from their own stored series, and says when Loki stores none', () => {
    const src = source('loki', 'loki');
    expect(one({ kind: 'auth-failures' })?.text).toBe(
      `no data — no 401 / token failure lines stored yet: source ${src} has not returned any so far (a first poll, or queries that match nothing)`,
    );
    series(src, 'logs.auth_failures', { app: 'api-gateway' }, [3, 120, 420]);
    expect(one({ kind: 'auth-failures' })).toMatchObject({
      state: 'ok',
      value: 420,
      text: 'api-gateway: 420/min 401 / token failures (+417/min in 2m 00s)',
    });
  });

  it('counts firing alerts from the alert snapshot, by playbook label or name', () => {
    expect(one({ kind: 'firing-alerts' })?.state).toBe('no-data');
    const src = source('prom', 'prometheus');
    const alert = (name: string, playbook: string) => ({
      key: name,
      name,
      severity: 'warning',
      labels: { alertname: name, playbook },
      summary: null,
      startsAt: NOW - MIN,
    });
    telemetry.store.record(src, NOW, {
      samples: [],
      partialErrors: [],
      alerts: [alert('AuthRequestsRejected', 'auth-outage'), alert('GPUMemoryPressure', 'gpu-oom')],
    });
    expect(one({ kind: 'firing-alerts' })).toMatchObject({ state: 'ok', value: 2, text: '2 alerts firing' });
    expect(one({ kind: 'firing-alerts', playbook: 'auth-outage' })).toMatchObject({ value: 1, others: ['AuthRequestsRejected'] });
    telemetry.store.record(src, NOW + 1_000, { samples: [], partialErrors: [], alerts: [] });
    expect(one({ kind: 'firing-alerts', playbook: 'auth-outage' })).toMatchObject({ state: 'ok', value: 0, text: '0 alerts firing' });
  });

  it('counts mounts whose stat fails, and failed tasks across AsynqMon’s midnight reset (50, then 3 and 7 after it)', () => {
    const fsSrc = source('node', 'prometheus');
    series(fsSrc, 'fs.device_error', { node: 'nfs-01', mountpoint: '/mnt/artifacts' }, [0, 1]);
    series(fsSrc, 'fs.device_error', { node: 'gpu-node-01', mountpoint: '/' }, [0, 0]);
    expect(one({ kind: 'fs-device-errors' })).toMatchObject({
      value: 1,
      subject: 'nfs-01:/mnt/artifacts',
      text: 'nfs-01:/mnt/artifacts: 1 mount failing stat',
    });
    const q = source('asynq', 'asynqmon');
    series(q, 'queue.failed_today', { queue: 'ocr' }, [900, 950, 3, 10]);
    expect(one({ kind: 'queue-failed' })).toMatchObject({ value: 60, others: ['ocr ×60'] });
  });
});
