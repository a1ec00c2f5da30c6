/**
 * Test support: per source kind, the paths a poll reads, a good answer, answers with the wrong types and
 * with NaN, for the fault-injection tests (faults.test.ts). Not used by the app.
 */
import type { ServerResponse } from 'node:http';
import type { SourceKind } from '../../shared/domain/sources';
import { METRICS } from '../../shared/domain/telemetry';
import { json, send, type Route } from '../sources/fake-upstream';
import { ASYNQ_QUEUES } from '../sources/recorded-samples';
import type { SourceQuery } from '../../shared/domain/source-config';

export interface KindFixture {
  kind: SourceKind;
  /** `GET /path` routes one poll reads; a fault replaces all of them. */
  paths: string[];
  queries: SourceQuery[];
  good: Record<string, Route>;
  wrongTypes: Route;
  /** A good answer whose values are NaN: kept as NaN (a gap), not a failure; null where NaN cannot occur or is refused. */
  nan: Record<string, Route> | null;
  /** The metric a good poll stores, or null when the kind stores alerts only. */
  metric: string | null;
}

const text =
  (body: string, contentType = 'text/plain; charset=utf-8'): Route =>
  (_req, res: ServerResponse) =>
    send(res, 200, body, { 'Content-Type': contentType });

const gpuQuery: SourceQuery = {
  id: 'gpu',
  metric: METRICS.gpuMemoryShare,
  title: 'GPU memory',
  expr: 'DCGM_FI_DEV_FB_USED / 1',
  enabled: true,
};
const lokiQuery: SourceQuery = {
  id: 'errors',
  metric: METRICS.logErrorLines,
  title: 'Errors',
  expr: 'sum by (service) (count_over_time({namespace="echo"} |~ "(?i)error" [1m]))',
  enabled: true,
};

const promVector =
  (value: string): Route =>
  (_req, res) =>
    json(res, 200, {
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { gpu: '0', Hostname: 'gpu-a', modelName: 'L4' }, value: [1_800_000_000, value] }] },
    });

const promAlerts: Route = (_req, res) =>
  json(res, 200, {
    status: 'success',
    data: {
      alerts: [
        {
          labels: { alertname: 'GPUMemHigh', severity: 'page' },
          annotations: { summary: 'full' },
          state: 'firing',
          activeAt: '2026-01-01T10:00:00Z',
          value: '1e+00',
        },
      ],
    },
  });

const lokiVector =
  (value: string): Route =>
  (_req, res) =>
    json(res, 200, {
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { service: 'echo' }, value: [1_800_000_000, value] }] },
    });

const AM_ALERT = {
  labels: { alertname: 'GPUMemHigh', severity: 'page' },
  annotations: { summary: 'GPU memory above 95 %' },
  startsAt: '2026-01-01T10:00:00.000Z',
  endsAt: '2026-01-01T10:05:00.000Z',
  updatedAt: '2026-01-01T10:01:00.000Z',
  fingerprint: 'a1b2c3d4e5f60718',
  receivers: [{ name: 'null' }],
  status: { state: 'active', silencedBy: [], inhibitedBy: [] },
};

const dcgmPage = (used: string): string =>
  ['DCGM_FI_DEV_FB_USED', 'DCGM_FI_DEV_FB_FREE', 'DCGM_FI_DEV_FB_RESERVED']
    .map((name, i) => `# TYPE ${name} gauge\n${name}{gpu="0",UUID="GPU-a",modelName="L4",Hostname="gpu-a"} ${i === 0 ? used : '1000'}\n`)
    .join('');

export const FIXTURES: readonly KindFixture[] = [
  {
    kind: 'prometheus',
    paths: ['GET /api/v1/query', 'GET /api/v1/alerts'],
    queries: [gpuQuery],
    good: { 'GET /api/v1/query': promVector('0.5'), 'GET /api/v1/alerts': promAlerts },
    wrongTypes: (_req, res) =>
      json(res, 200, { status: 'success', data: { resultType: 'vector', result: [{ metric: { gpu: 0 }, value: [1, 0.5] }] } }),
    nan: { 'GET /api/v1/query': promVector('NaN'), 'GET /api/v1/alerts': promAlerts },
    metric: METRICS.gpuMemoryShare,
  },
  {
    kind: 'asynqmon',
    paths: ['GET /api/queues'],
    queries: [],
    good: { 'GET /api/queues': text(`${ASYNQ_QUEUES}\n`) },
    wrongTypes: text('{"queues":[{"queue":"default","size":"11","active":"0"}]}\n'),
    nan: null,
    metric: METRICS.queueDepth,
  },
  {
    kind: 'loki',
    paths: ['GET /loki/api/v1/query'],
    queries: [lokiQuery],
    good: { 'GET /loki/api/v1/query': lokiVector('3') },
    wrongTypes: (_req, res) =>
      json(res, 200, { status: 'success', data: { resultType: 'vector', result: [{ metric: ['service'], value: ['x', 3] }] } }),
    // A NaN line count is refused (a count never is NaN): implausible.test.ts.
    nan: null,
    metric: METRICS.logErrorLines,
  },
  {
    kind: 'alertmanager',
    paths: ['GET /api/v2/alerts'],
    queries: [],
    good: { 'GET /api/v2/alerts': (_req, res) => json(res, 200, [AM_ALERT]) },
    wrongTypes: (_req, res) => json(res, 200, [{ ...AM_ALERT, labels: ['alertname'], status: 'active' }]),
    nan: null,
    metric: null,
  },
  {
    kind: 'exporter-scrape',
    paths: ['GET /metrics'],
    queries: [],
    good: { 'GET /metrics': text(dcgmPage('500'), 'text/plain; version=0.0.4') },
    wrongTypes: text(dcgmPage('lots'), 'text/plain; version=0.0.4'),
    nan: { 'GET /metrics': text(dcgmPage('NaN'), 'text/plain; version=0.0.4') },
    metric: METRICS.gpuMemoryShare,
  },
];
