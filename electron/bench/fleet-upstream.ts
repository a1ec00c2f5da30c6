/**
 * A synthetic fleet for the detection bench: 64 GPUs (16 nodes × 4) on a DCGM exporter page with
 * kube-state-metrics and node_exporter series, 20 AsynqMon queues, and a Loki answering the metric
 * queries — larger than the lab (12 GPUs, 5 queues), in the real exporters' formats. Values move with
 * the cycle number; gpu-node-01 fills up and its workers restart, so the GPU OOM rule has work to do.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FLEET = { nodes: 16, gpusPerNode: 4, queues: 20 } as const;

export interface Fleet {
  url: string;
  /** Moves the fleet's state one poll interval on. */
  step(): void;
  close(): Promise<void>;
}

function exposition(cycle: number): string {
  const lines: string[] = [];
  const family = (name: string, type: string, help: string): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  };
  const gpus: { node: string; gpu: number; used: number }[] = [];
  for (let n = 1; n <= FLEET.nodes; n += 1) {
    for (let g = 0; g < FLEET.gpusPerNode; g += 1) {
      const node = `gpu-node-${String(n).padStart(2, '0')}`;
      const base = 30_000 + ((n * 7 + g * 13) % 20) * 1_000 + Math.round(2_000 * Math.sin((cycle + n + g) / 7));
      const used = n === 1 ? Math.min(80_900, base + cycle * 150) : base;
      gpus.push({ node, gpu: g, used });
    }
  }
  const labels = (x: { node: string; gpu: number }): string =>
    `gpu="${x.gpu}",UUID="GPU-${x.node}-${x.gpu}",device="nvidia${x.gpu}",modelName="NVIDIA H100 80GB HBM3",Hostname="${x.node}"`;
  family('DCGM_FI_DEV_FB_USED', 'gauge', 'Framebuffer memory used (in MiB).');
  for (const x of gpus) lines.push(`DCGM_FI_DEV_FB_USED{${labels(x)}} ${x.used}`);
  family('DCGM_FI_DEV_FB_FREE', 'gauge', 'Framebuffer memory free (in MiB).');
  for (const x of gpus) lines.push(`DCGM_FI_DEV_FB_FREE{${labels(x)}} ${81_559 - 579 - x.used}`);
  family('DCGM_FI_DEV_FB_RESERVED', 'gauge', 'Framebuffer memory reserved (in MiB).');
  for (const x of gpus) lines.push(`DCGM_FI_DEV_FB_RESERVED{${labels(x)}} 579`);
  family('DCGM_FI_DEV_XID_ERRORS', 'gauge', 'Value of the last XID error encountered.');
  for (const x of gpus) lines.push(`DCGM_FI_DEV_XID_ERRORS{${labels(x)}} 0`);
  family('kube_pod_container_status_restarts_total', 'counter', 'The number of container restarts per container.');
  family('kube_pod_container_status_last_terminated_reason', 'gauge', 'Describes the last reason the container was in terminated state.');
  for (const x of gpus) {
    const pod = `namespace="ml-workers",pod="worker-${x.node}-${x.gpu}-abcde",container="worker"`;
    const restarts = x.node === 'gpu-node-01' ? Math.floor(cycle / 40) : 0;
    lines.push(`kube_pod_container_status_restarts_total{${pod}} ${restarts}`);
    if (restarts > 0) lines.push(`kube_pod_container_status_last_terminated_reason{${pod},reason="OOMKilled"} 1`);
  }
  family('node_filesystem_size_bytes', 'gauge', 'Filesystem size in bytes.');
  family('node_filesystem_avail_bytes', 'gauge', 'Filesystem space available to non-root users in bytes.');
  family('node_filesystem_device_error', 'gauge', 'Whether an error occurred while getting statistics for the given device.');
  for (let n = 1; n <= FLEET.nodes; n += 1) {
    for (const [mount, fstype] of [
      ['/', 'ext4'],
      ['/mnt/nfs/artifacts', 'nfs4'],
    ] as const) {
      const l = `device="d${n}",fstype="${fstype}",mountpoint="${mount}",instance="gpu-node-${String(n).padStart(2, '0')}:9100"`;
      lines.push(`node_filesystem_size_bytes{${l}} 1000000000000`);
      lines.push(`node_filesystem_avail_bytes{${l}} ${400_000_000_000 + ((cycle * 7 + n) % 50) * 1_000_000}`);
      lines.push(`node_filesystem_device_error{${l}} 0`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function queues(cycle: number): unknown {
  const now = new Date(Date.UTC(2026, 0, 1) + cycle * 5_000).toISOString();
  return {
    queues: Array.from({ length: FLEET.queues }, (_, i) => {
      const pending = (cycle * (i + 1)) % 17;
      const processed = 10_000 + cycle * (20 + i);
      return {
        queue: `queue-${String(i).padStart(2, '0')}`,
        memory_usage_bytes: 1_024 + pending * 412,
        size: pending + 4,
        groups: 0,
        latency_msec: pending * 300,
        display_latency: `${(pending * 0.3).toFixed(2)}s`,
        active: 4,
        pending,
        aggregating: 0,
        scheduled: 0,
        retry: 0,
        archived: 0,
        completed: 0,
        processed,
        succeeded: processed - 3,
        failed: 3,
        paused: false,
        timestamp: now,
      };
    }),
  };
}

function lokiVector(cycle: number): unknown {
  const t = (Date.UTC(2026, 0, 1) + cycle * 5_000) / 1000;
  return {
    status: 'success',
    data: {
      resultType: 'vector',
      result: ['echo-api', 'ocr-worker', 'api-gateway'].map((app, i) => ({
        metric: { app, namespace: 'platform' },
        value: [t, String((cycle + i) % 5)],
      })),
      stats: {},
    },
  };
}

export async function startFleet(): Promise<Fleet> {
  let cycle = 0;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fleet.invalid').pathname;
    if (path === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(exposition(cycle));
    } else if (path === '/api/queues') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(queues(cycle)));
    } else if (path === '/loki/api/v1/query') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(lokiVector(cycle)));
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404 page not found\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    step: () => {
      cycle += 1;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
