import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERIES, defaultQuery } from './default-queries';

const hasPromtool = (() => {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function query(id: string): string {
  const q = defaultQuery(id);
  if (!q) throw new Error(`no default query ${id}`);
  return q.expr;
}

describe('default queries', () => {
  it('have unique ids and fit their source', () => {
    expect(new Set(DEFAULT_QUERIES.map((q) => q.id)).size).toBe(DEFAULT_QUERIES.length);
    for (const q of DEFAULT_QUERIES.filter((d) => d.source === 'loki')) expect(q.expr).toMatch(/\{[^}]*\}/);
  });
});

/**
 * Evaluated by Prometheus' own engine (promtool test rules) over input series in both label layouts,
 * so a query that parses but groups wrongly fails here.
 */
describe.skipIf(!hasPromtool)('default PromQL evaluated by promtool', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pitwall-promql-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Two GPUs on an old exporter (Hostname), one on a new one (hostname); MiB as DCGM reports.
  const gpus = [
    { labels: 'gpu="0",UUID="GPU-a",Hostname="n1"', used: 60, free: 30, reserved: 10 },
    { labels: 'gpu="1",UUID="GPU-b",Hostname="n1"', used: 0, free: 100, reserved: 0 },
    { labels: 'gpu="0",UUID="GPU-c",hostname="n2"', used: 50, free: 40, reserved: 10 },
  ];

  function runTests(tests: unknown[]): void {
    const file = join(dir, `t${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ evaluation_interval: '1m', tests }));
    try {
      execFileSync('promtool', ['test', 'rules', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const out = err as { stdout?: string; stderr?: string };
      throw new Error(`promtool failed:\n${out.stdout ?? ''}${out.stderr ?? ''}`, { cause: err });
    }
  }

  it('computes GPU memory share per GPU and per node across Hostname/hostname', () => {
    const inputSeries = gpus.flatMap((g) => [
      { series: `DCGM_FI_DEV_FB_USED{${g.labels}}`, values: `${g.used}x5` },
      { series: `DCGM_FI_DEV_FB_FREE{${g.labels}}`, values: `${g.free}x5` },
      { series: `DCGM_FI_DEV_FB_RESERVED{${g.labels}}`, values: `${g.reserved}x5` },
    ]);
    const share = (g: (typeof gpus)[number]): number => g.used / (g.used + g.free + g.reserved);
    const nodes = new Map<string, (typeof gpus)[number][]>();
    for (const g of gpus) {
      const node = /ostname="([^"]+)"/.exec(g.labels)?.[1] ?? '';
      nodes.set(node, [...(nodes.get(node) ?? []), g]);
    }
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    runTests([
      {
        interval: '1m',
        input_series: inputSeries,
        promql_expr_test: [
          {
            expr: query('gpu-memory-share'),
            eval_time: '2m',
            exp_samples: gpus.map((g) => ({ labels: `{${g.labels}}`, value: share(g) })),
          },
          {
            expr: query('gpu-memory-share-node'),
            eval_time: '2m',
            exp_samples: [...nodes].map(([node, gs]) => ({
              labels: `{hostname="${node}"}`,
              value: sum(gs.map((g) => g.used)) / sum(gs.map((g) => g.used + g.free + g.reserved)),
            })),
          },
          {
            expr: query('gpu-memory-share-node-max'),
            eval_time: '2m',
            exp_samples: [...nodes].map(([node, gs]) => ({ labels: `{hostname="${node}"}`, value: Math.max(...gs.map(share)) })),
          },
        ],
      },
    ]);
  });

  it('selects only containers restarted after an OOM kill, and filesystems failing stat', () => {
    const oom = 'namespace="echo",pod="ocr-1",container="ocr",uid="u1"';
    const crash = 'namespace="echo",pod="api-1",container="api",uid="u2"';
    const old = 'namespace="echo",pod="old-1",container="old",uid="u3"';
    runTests([
      {
        interval: '1m',
        input_series: [
          { series: `kube_pod_container_status_restarts_total{${oom}}`, values: '0 0 1 1 2' },
          { series: `kube_pod_container_status_last_terminated_reason{${oom},reason="OOMKilled"}`, values: '_ _ 1 1 1' },
          { series: `kube_pod_container_status_restarts_total{${crash}}`, values: '0 1 2 3 4' },
          { series: `kube_pod_container_status_last_terminated_reason{${crash},reason="Error"}`, values: '_ 1 1 1 1' },
          // OOM-killed long ago, no restart in the window: the reason gauge alone must not count.
          { series: `kube_pod_container_status_restarts_total{${old}}`, values: '3 3 3 3 3' },
          { series: `kube_pod_container_status_last_terminated_reason{${old},reason="OOMKilled"}`, values: '1 1 1 1 1' },
          {
            series: 'node_filesystem_device_error{device="nfs:/data",mountpoint="/data",fstype="nfs4",device_error="mountpoint timeout"}',
            values: '0 0 1 1 1',
          },
          { series: 'node_filesystem_device_error{device="/dev/sda1",mountpoint="/",fstype="ext4",device_error=""}', values: '0 0 0 0 0' },
          { series: 'node_filesystem_avail_bytes{device="/dev/sda1",mountpoint="/",fstype="ext4",device_error=""}', values: '25x5' },
          { series: 'node_filesystem_size_bytes{device="/dev/sda1",mountpoint="/",fstype="ext4",device_error=""}', values: '100x5' },
          { series: 'node_filesystem_avail_bytes{device="tmpfs",mountpoint="/run",fstype="tmpfs",device_error=""}', values: '1x5' },
          { series: 'node_filesystem_size_bytes{device="tmpfs",mountpoint="/run",fstype="tmpfs",device_error=""}', values: '100x5' },
        ],
        promql_expr_test: [
          {
            expr: `count by (pod) (${query('oom-killed-restarts')})`,
            eval_time: '4m',
            exp_samples: [{ labels: '{pod="ocr-1"}', value: 1 }],
          },
          {
            expr: `count by (pod) (${query('container-restarts')})`,
            eval_time: '4m',
            exp_samples: [
              { labels: '{pod="api-1"}', value: 1 },
              { labels: '{pod="ocr-1"}', value: 1 },
            ],
          },
          {
            expr: `count by (mountpoint) (${query('filesystem-device-error')} == 1)`,
            eval_time: '4m',
            exp_samples: [{ labels: '{mountpoint="/data"}', value: 1 }],
          },
          {
            expr: query('filesystem-saturation'),
            eval_time: '4m',
            // An empty label is no label in Prometheus, so device_error="" does not appear in the result.
            exp_samples: [{ labels: '{device="/dev/sda1",mountpoint="/",fstype="ext4"}', value: 1 - 25 / 100 }],
          },
        ],
      },
    ]);
  });

  it('counts a GPU shared by two pods once in the per-node share', () => {
    // dcgm-exporter emits one series per pod for a shared GPU, with identical memory values.
    const shared = 'gpu="0",UUID="GPU-s",hostname="n3"';
    runTests([
      {
        interval: '1m',
        input_series: ['pod="a"', 'pod="b"']
          .flatMap((pod) => [
            { series: `DCGM_FI_DEV_FB_USED{${shared},${pod}}`, values: '80x3' },
            { series: `DCGM_FI_DEV_FB_FREE{${shared},${pod}}`, values: '20x3' },
            { series: `DCGM_FI_DEV_FB_RESERVED{${shared},${pod}}`, values: '0x3' },
          ])
          .concat([
            { series: 'DCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-t",hostname="n3"}', values: '0x3' },
            { series: 'DCGM_FI_DEV_FB_FREE{gpu="1",UUID="GPU-t",hostname="n3"}', values: '100x3' },
            { series: 'DCGM_FI_DEV_FB_RESERVED{gpu="1",UUID="GPU-t",hostname="n3"}', values: '0x3' },
          ]),
        promql_expr_test: [
          { expr: query('gpu-memory-share-node'), eval_time: '2m', exp_samples: [{ labels: '{hostname="n3"}', value: 80 / 200 }] },
        ],
      },
    ]);
  });

  it('queue depth groups by queue and state', () => {
    runTests([
      {
        interval: '1m',
        input_series: [
          { series: 'asynq_tasks_enqueued_total{queue="default",state="pending",instance="a"}', values: '4x3' },
          { series: 'asynq_tasks_enqueued_total{queue="default",state="pending",instance="b"}', values: '3x3' },
          { series: 'asynq_tasks_enqueued_total{queue="default",state="retry",instance="a"}', values: '2x3' },
        ],
        promql_expr_test: [
          {
            expr: query('queue-depth'),
            eval_time: '1m',
            exp_samples: [
              { labels: '{queue="default",state="pending"}', value: 4 + 3 },
              { labels: '{queue="default",state="retry"}', value: 2 },
            ],
          },
        ],
      },
    ]);
  });

  it('gateway requests and token failures add up across replicas, keeping service, code and provider', () => {
    runTests([
      {
        interval: '1m',
        input_series: [
          { series: 'gateway_http_requests_total{service="echo-api",code="401",instance="gw-0"}', values: '10+5x3' },
          { series: 'gateway_http_requests_total{service="echo-api",code="401",instance="gw-1"}', values: '1+1x3' },
          { series: 'gateway_http_requests_total{service="echo-api",code="200",instance="gw-0"}', values: '100+50x3' },
          { series: 'auth_token_validation_failures_total{provider="keycloak",instance="gw-0"}', values: '7+2x3' },
          { series: 'auth_token_validation_failures_total{provider="keycloak",instance="gw-1"}', values: '3+1x3' },
          { series: 'auth_provider_up{provider="keycloak",instance="gw-0"}', values: '1x3' },
          { series: 'auth_provider_up{provider="keycloak",instance="gw-1"}', values: '0x3' },
        ],
        promql_expr_test: [
          {
            expr: query('gateway-requests'),
            eval_time: '2m',
            exp_samples: [
              { labels: '{service="echo-api",code="200"}', value: 200 },
              { labels: '{service="echo-api",code="401"}', value: 20 + 3 },
            ],
          },
          { expr: query('auth-token-failures'), eval_time: '2m', exp_samples: [{ labels: '{provider="keycloak"}', value: 11 + 5 }] },
          { expr: query('auth-provider-up'), eval_time: '2m', exp_samples: [{ labels: '{provider="keycloak"}', value: 1 }] },
        ],
      },
    ]);
  });
});
