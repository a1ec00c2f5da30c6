/**
 * A real Prometheus (Debian's 2.42) scrapes a frozen lab; the Prometheus collector with the default
 * queries and the exporter-scrape collector reading the same lab must store the same numbers under
 * the same keys and labels, so charts do not care which source answered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../shared/domain/telemetry';
import { startLab, type Lab } from '../lab/lab';
import { prometheusConfigText } from '../lab/prometheus-config';
import { freePort, hasBinary, http, waitFor } from '../lab/test-support';
import { fetchHistory } from './backfill';
import { createCollector, testSource } from './collector';
import { defaultQueriesFor } from '../core/demo/demo-sources';
import { resolvedSource } from './lab-sources';
import { labelKey } from './labels';
import type { Collection, ResolvedSource } from './types';

const havePrometheus = hasBinary('prometheus');

function labQueries() {
  return defaultQueriesFor('prometheus');
}
if (!havePrometheus) console.warn('SKIP poller vs real Prometheus: the prometheus binary is not installed (Debian package "prometheus")');

describe.skipIf(!havePrometheus)('Prometheus collector vs exporter-scrape on the same lab', () => {
  let lab: Lab;
  let proc: ChildProcess | null = null;
  let dir = '';
  let promSource: ResolvedSource;
  let promUrl = '';

  beforeAll(async () => {
    lab = await startLab({ seed: 3, scenario: 'gpu-oom', speed: 0 });
    lab.engine.advance(900);
    dir = mkdtempSync(join(tmpdir(), 'pitwall-poller-prom-'));
    const port = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      prometheusConfigText({ targets: [{ address: `127.0.0.1:${lab.port}`, cluster: 'lab' }], scrapeInterval: '1s' }),
    );
    proc = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const url = `http://127.0.0.1:${port}`;
    promUrl = url;
    promSource = resolvedSource('prometheus', url, { queries: labQueries() });
    await waitFor('prometheus ready', async () => ((await http(`${url}/-/ready`)).status === 200 ? true : undefined));
    await waitFor('a scrape of the lab', async () => {
      const r = JSON.parse((await http(`${url}/api/v1/query?query=count(DCGM_FI_DEV_FB_USED)`)).text) as {
        data: { result: unknown[] };
      };
      return r.data.result.length > 0 ? true : undefined;
    });
  }, 60_000);

  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc?.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    await lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function collect(source: ResolvedSource): Promise<Collection> {
    const c = createCollector(source);
    try {
      return await c.collect(new AbortController().signal, lab.engine.nowMs);
    } finally {
      c.close();
    }
  }

  function byKey(c: Collection, metric: string): Map<string, number> {
    return new Map(c.samples.filter((s) => s.metric === metric).map((s) => [labelKey(s.labels), s.value]));
  }

  it('stores the same series and values for every shared metric', async () => {
    const [viaProm, viaScrape] = await Promise.all([collect(promSource), collect(resolvedSource('exporter-scrape', `${lab.url}/metrics`))]);
    expect(viaProm.partialErrors).toEqual([]);
    const shared = [
      METRICS.gpuMemoryShare,
      METRICS.nodeGpuMemoryShare,
      METRICS.queueDepth,
      METRICS.podRestarts,
      METRICS.podLastOom,
      METRICS.fsUsedShare,
      METRICS.fsDeviceError,
      METRICS.gpuXid,
    ];
    for (const metric of shared) {
      const a = byKey(viaProm, metric);
      const b = byKey(viaScrape, metric);
      expect([...a.keys()].sort(), metric).toEqual([...b.keys()].sort());
      expect(a.size, metric).toBeGreaterThan(0);
      for (const [key, value] of a) expect(value, `${metric} ${key}`).toBeCloseTo(b.get(key) ?? NaN, 9);
    }
    expect(byKey(viaProm, METRICS.gpuMemoryShare).size).toBe(12);
    expect(viaProm.alerts).toEqual([]);
    // The GPU panel reads the same from Prometheus as from the exporter page: share, MiB, model, node, pod.
    const byGpu = (c: Collection) => [...(c.gpus ?? [])].sort((a, b) => `${a.node}/${a.gpu}`.localeCompare(`${b.node}/${b.gpu}`));
    expect(byGpu(viaProm)).toHaveLength(12);
    expect(byGpu(viaProm)).toEqual(byGpu(viaScrape));
  });

  it('test() reports the version and every default query', async () => {
    const out = await testSource(promSource);
    // A query with no series answered all the same (the lab's Prometheus has no node conditions); the summary counts it out.
    const n = promSource.queries.length;
    const empty = out.details.filter((d) => /: 0 series$/.test(d)).length;
    expect(empty).toBeLessThan(n);
    expect(out.summary).toBe(`Prometheus 2.42.0+ds — ready — ${n - empty} of ${n} queries returned data`);
    expect(out.warnings).toEqual([]);
    expect(out.details).toHaveLength(promSource.queries.length);
    const panels = out.details.filter((d) => d.startsWith('GPU panel') || d.startsWith('Queue panel'));
    expect(panels).toEqual(['GPU panel: framebuffer per GPU (MiB): 12 GPUs on 3 nodes', 'Queue panel: asynq queues by state: 5 queues']);
    expect(out.details.filter((d) => !panels.includes(d)).every((d) => /: \d+ series$/.test(d))).toBe(true);
  });

  it('backfills GPU memory from query_range with the polled labels', async () => {
    // Range points sit on the step grid (whole seconds here): wait for a scrape older than the last grid point.
    await waitFor('three scrapes', async () => {
      const r = JSON.parse((await http(`${promUrl}/api/v1/query?query=max(count_over_time(DCGM_FI_DEV_FB_USED[30s]))`)).text) as {
        data: { result: { value: [number, string] }[] };
      };
      return Number(r.data.result[0]?.value[1] ?? 0) >= 3 ? true : undefined;
    });
    const to = Date.now();
    const history = await fetchHistory(promSource, to - 20_000, to, 1_000);
    expect(history.partialErrors).toEqual([]);
    const gpu = history.samples.filter((s) => s.metric === METRICS.gpuMemoryShare);
    expect(new Set(gpu.map((s) => labelKey(s.labels))).size).toBe(12);
    expect(Object.keys(gpu[0]?.labels ?? {}).sort()).toEqual(['gpu', 'model', 'node']);
  });
});
