import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Engine } from '../scenarios/engine.js';
import { hasBinary } from '../test-support.js';
import { renderMetrics } from './metrics.js';

const START = Date.UTC(2026, 10, 22, 12, 0, 0);

function metricsAfter(scenario: 'baseline' | 'storage-saturation' | 'gpu-node-failure' | 'gpu-oom', seconds: number): string {
  const e = new Engine({ seed: 42, scenario, speed: 0, startMs: START });
  e.advance(seconds);
  return renderMetrics(e.world);
}

function series(text: string, name: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}

/**
 * promtool's linter flags naming choices the real exporters made (dcgm-exporter's camelCase
 * labels, asynq's gauges ending in _total). The lab copies them on purpose; anything else fails.
 */
const UPSTREAM_QUIRKS = [
  /^DCGM_FI_DEV_\w+ label names should be written in 'snake_case' not 'camelCase'$/,
  /^asynq_(tasks_enqueued_total|queue_paused_total) non-counter metrics should not have "_total" suffix$/,
];

const promtool = hasBinary('promtool');
if (!promtool) console.warn('SKIP promtool check metrics: promtool not installed (Debian package prometheus)');

describe('/metrics exposition', () => {
  it.skipIf(!promtool).each(['baseline', 'gpu-oom', 'storage-saturation', 'gpu-node-failure'] as const)(
    'passes promtool check metrics (%s)',
    (scenario) => {
      const r = spawnSync('promtool', ['check', 'metrics'], { input: metricsAfter(scenario, 900), encoding: 'utf8' });
      // 0 = clean, 3 = lint findings only; 1 would be a parse error.
      expect([0, 3]).toContain(r.status);
      const findings = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
      const unexpected = findings.filter((l) => !UPSTREAM_QUIRKS.some((re) => re.test(l)));
      expect(unexpected).toEqual([]);
    },
  );

  it.skipIf(!promtool)('promtool would catch a broken exposition (the check can fail)', () => {
    const broken = `${metricsAfter('baseline', 5)}broken_metric{ 1\n`;
    const r = spawnSync('promtool', ['check', 'metrics'], { input: broken, encoding: 'utf8' });
    expect(r.status).toBe(1);
  });

  it('has HELP and TYPE for every family and DCGM labels in exporter order', () => {
    const text = metricsAfter('baseline', 60);
    for (const name of [
      'DCGM_FI_DEV_FB_USED',
      'asynq_tasks_enqueued_total',
      'kube_pod_container_status_restarts_total',
      'node_filesystem_avail_bytes',
      'gateway_http_requests_total',
      'auth_token_validation_failures_total',
    ]) {
      expect(text).toContain(`# HELP ${name} `);
    }
    expect(text).toContain('# TYPE asynq_tasks_enqueued_total gauge');
    expect(text).toContain('# TYPE asynq_tasks_processed_total counter');
    const fb = series(text, 'DCGM_FI_DEV_FB_USED')[0] ?? '';
    expect(fb).toMatch(
      /^DCGM_FI_DEV_FB_USED\{gpu="\d",UUID="GPU-[0-9a-f-]{36}",pci_bus_id="[0-9A-F:.]+",device="nvidia\d",modelName="NVIDIA [^"]+",Hostname="gpu-node-0\d",DCGM_FI_DRIVER_VERSION="[\d.]+"/,
    );
    expect(text).toMatch(/DCGM_FI_DEV_FB_USED\{[^}]*namespace="ml-workers",pod="ocr-worker-[^"]+"\} \d+/);
    // Memory in MiB: a used + free + reserved identity holds for every GPU.
    const val = (l: string) => Number(l.split(' ').pop());
    const used = series(text, 'DCGM_FI_DEV_FB_USED').map(val);
    const free = series(text, 'DCGM_FI_DEV_FB_FREE').map(val);
    const reserved = series(text, 'DCGM_FI_DEV_FB_RESERVED').map(val);
    used.forEach((u, i) => expect([81559, 81920, 23034]).toContain(u + (free[i] ?? 0) + (reserved[i] ?? 0)));
  });

  it('a hung NFS mount loses its size/avail series and reports device_error', () => {
    const text = metricsAfter('storage-saturation', 800);
    expect(series(text, 'node_filesystem_size_bytes').some((l) => l.includes('fstype="nfs4"'))).toBe(false);
    expect(series(text, 'node_filesystem_avail_bytes').some((l) => l.includes('fstype="nfs4"'))).toBe(false);
    const err = series(text, 'node_filesystem_device_error').filter((l) => l.includes('fstype="nfs4"'));
    expect(err.length).toBe(3);
    expect(err.every((l) => l.includes('device_error="mountpoint timeout"') && l.endsWith(' 1'))).toBe(true);
    expect(series(text, 'node_filesystem_size_bytes').some((l) => l.includes('mountpoint="/data"'))).toBe(true);
  });

  it('a failed GPU node: XID 79 first, then its GPUs vanish', () => {
    const early = metricsAfter('gpu-node-failure', 30);
    expect(
      series(early, 'DCGM_FI_DEV_XID_ERRORS').some(
        (l) => l.includes('Hostname="gpu-node-02"') && l.includes('gpu="0"') && l.endsWith(' 79'),
      ),
    ).toBe(true);
    const late = metricsAfter('gpu-node-failure', 120);
    expect(late).not.toContain('Hostname="gpu-node-02"');
    expect(series(late, 'kube_node_status_allocatable').find((l) => l.includes('gpu-node-02'))).toMatch(/ 0$/);
  });

  it('OOMKilled workers show restarts and the last terminated reason', () => {
    const text = metricsAfter('gpu-oom', 1500);
    const oom = series(text, 'kube_pod_container_status_last_terminated_reason').filter((l) => l.includes('reason="OOMKilled"'));
    expect(oom.length).toBeGreaterThan(0);
    const pod = /pod="([^"]+)"/.exec(oom[0] ?? '')?.[1] ?? '';
    const restarts = series(text, 'kube_pod_container_status_restarts_total').find((l) => l.includes(`pod="${pod}"`));
    expect(Number(restarts?.split(' ').pop())).toBeGreaterThan(0);
  });
});
