import type { SourceConnection } from '../../shared/domain/sources';
import { METRICS, type GpuStat } from '../../shared/domain/telemetry';
import { ExporterScrapeClient, type ExporterSample } from '../sources/exporter-scrape';
import { FB_METRICS, gpuMemoryFromSamples, nodeMemory } from '../sources/gpu-memory';
import { noData, outcome, plural, type Collector } from './collector-kit';
import { seriesKey, toSamples, type RawSeries } from './labels';
import { gpuStat } from './prometheus-snapshots';
import { plausibleGpuMemory } from './sample-domain';
import type { CollectedSample, Collection } from './types';

const RESTARTS = 'kube_pod_container_status_restarts_total';
const LAST_REASON = 'kube_pod_container_status_last_terminated_reason';
const FS_AVAIL = 'node_filesystem_avail_bytes';
const FS_SIZE = 'node_filesystem_size_bytes';
const FS_ERROR = 'node_filesystem_device_error';
const ENQUEUED = 'asynq_tasks_enqueued_total';
const GATEWAY_REQUESTS = 'gateway_http_requests_total';
const TOKEN_FAILURES = 'auth_token_validation_failures_total';
const PROVIDER_UP = 'auth_provider_up';
const XID = 'DCGM_FI_DEV_XID_ERRORS';
const NODE_CONDITION = 'kube_node_status_condition';

/** Only these families are kept from the page: what the default PromQL queries read. */
export const SCRAPED_FAMILIES = [
  ...FB_METRICS,
  RESTARTS,
  LAST_REASON,
  FS_AVAIL,
  FS_SIZE,
  FS_ERROR,
  ENQUEUED,
  GATEWAY_REQUESTS,
  TOKEN_FAILURES,
  PROVIDER_UP,
  XID,
  NODE_CONDITION,
] as const;

// Same exclusion as the default filesystem query (default-queries.ts): pseudo filesystems are noise.
const PSEUDO_FS = /^(?:tmpfs|ramfs|overlay|squashfs|nsfs|autofs)$/;

export interface ExporterReading {
  samples: CollectedSample[];
  gpus: GpuStat[];
}

/**
 * An exporter page as the metric keys and labels the Prometheus defaults produce (default-queries.ts),
 * so charts do not care which source answered. Every sample carries the poll time.
 */
export function readExporterSamples(page: readonly ExporterSample[], tMs: number): ExporterReading {
  const byName = new Map<string, ExporterSample[]>();
  for (const s of page) {
    const list = byName.get(s.name);
    if (list) list.push(s);
    else byName.set(s.name, [s]);
  }
  const family = (name: string): ExporterSample[] => byName.get(name) ?? [];
  const samples: CollectedSample[] = [];
  const add = (metric: string, series: RawSeries[]): void => {
    for (const s of toSamples(metric, series, tMs)) samples.push(s);
  };

  const gpuMem = gpuMemoryFromSamples(FB_METRICS.flatMap((n) => family(n)));
  const gpus: GpuStat[] = gpuMem.map(gpuStat);
  for (const g of gpuMem) {
    const labels: Record<string, string> = { node: g.node, gpu: g.gpu };
    if (g.model !== undefined) labels['model'] = g.model;
    samples.push({ metric: METRICS.gpuMemoryShare, labels, tMs, value: g.share });
  }
  // A GPU with impossible framebuffer numbers stays in `gpus` (where the poller refuses it, and says so)
  // but is kept out of its node's share, which would otherwise look real.
  for (const n of nodeMemory(gpuMem.filter((g) => plausibleGpuMemory(g.usedMiB, g.totalMiB))))
    samples.push({ metric: METRICS.nodeGpuMemoryShare, labels: { node: n.node }, tMs, value: n.share });

  // `sum by (queue, state)`: one exporter per Redis, but several scrapes may land on one page.
  const depth = new Map<string, RawSeries>();
  for (const s of family(ENQUEUED)) {
    const labels = { queue: s.labels['queue'] ?? '', state: s.labels['state'] ?? '' };
    const key = seriesKey(labels);
    const prev = depth.get(key);
    if (prev) prev.value += s.value;
    else depth.set(key, { labels, value: s.value });
  }
  add(METRICS.queueDepth, [...depth.values()]);

  add(METRICS.podRestarts, family(RESTARTS));
  add(
    METRICS.podLastOom,
    family(LAST_REASON).filter((s) => s.labels['reason'] === 'OOMKilled'),
  );

  const real = (s: ExporterSample): boolean => !PSEUDO_FS.test(s.labels['fstype'] ?? '');
  const sizes = new Map(
    family(FS_SIZE)
      .filter(real)
      .map((s) => [seriesKey(s.labels), s.value]),
  );
  const used: RawSeries[] = [];
  for (const a of family(FS_AVAIL).filter(real)) {
    const size = sizes.get(seriesKey(a.labels));
    if (size !== undefined) used.push({ labels: a.labels, value: 1 - a.value / size });
  }
  add(METRICS.fsUsedShare, used);
  add(METRICS.fsDeviceError, family(FS_ERROR));
  // `sum by (service, code)` / `sum by (provider)`, as the default PromQL: gateway replicas add up.
  add(METRICS.gatewayRequests, summed(family(GATEWAY_REQUESTS), ['service', 'code']));
  add(METRICS.authTokenFailures, summed(family(TOKEN_FAILURES), ['provider']));
  add(METRICS.authProviderUp, family(PROVIDER_UP));
  // Detection reads device XIDs and node readiness (shared/detection/rules/node-failure.ts).
  add(METRICS.gpuXid, family(XID));
  add(
    METRICS.nodeReady,
    family(NODE_CONDITION).filter((s) => s.labels['condition'] === 'Ready' && s.labels['status'] === 'true'),
  );
  return { samples, gpus };
}

/** Series summed over every label but `by` (PromQL's `sum by`), one per distinct `by` label set. */
function summed(series: readonly ExporterSample[], by: readonly string[]): RawSeries[] {
  const out = new Map<string, RawSeries>();
  for (const s of series) {
    const labels: Record<string, string> = {};
    for (const name of by) labels[name] = s.labels[name] ?? '';
    const key = seriesKey(labels);
    const prev = out.get(key);
    if (prev) prev.value += s.value;
    else out.set(key, { labels, value: s.value });
  }
  return [...out.values()];
}

/**
 * An exporter URL may name the page (`…/metrics`, `…/dcgm/metrics`) or the host (`…:9400`, the demo
 * profile's `…/`); all work, and the base comes back without a trailing slash.
 */
export function splitMetricsUrl(baseUrl: string): { baseUrl: string; metricsPath: string } {
  return { baseUrl: baseUrl.replace(/(?:\/metrics)?\/*$/, '') || baseUrl, metricsPath: '/metrics' };
}

function noMetrics(where: string) {
  return noData(
    `${where} answered, but its page has none of the metrics Pitwall reads (DCGM framebuffer, kube-state-metrics restarts, node_exporter filesystems, asynq queues)`,
  );
}

export function createExporterCollector(conn: SourceConnection): Collector {
  const split = splitMetricsUrl(conn.baseUrl);
  const client = ExporterScrapeClient.connect({ ...conn, baseUrl: split.baseUrl }, split.metricsPath);
  const where = `the exporter at ${conn.baseUrl}`;
  const scrape = async (signal: AbortSignal): Promise<ExporterSample[]> =>
    (await client.scrape({ names: SCRAPED_FAMILIES, signal })).samples;
  return {
    async collect(signal, nowMs): Promise<Collection> {
      const { samples, gpus } = readExporterSamples(await scrape(signal), nowMs);
      // A page with none of the metrics says nothing: the last GPUs known stay on screen, with their age.
      if (samples.length === 0) return { samples, partialErrors: [noMetrics(where)] };
      return { samples, gpus, partialErrors: [] };
    },
    test(signal) {
      return outcome(where, async () => {
        const { samples, gpus } = readExporterSamples(await scrape(signal), 0);
        const nodes = new Set(gpus.map((g) => g.node)).size;
        const count = (metric: string): number => samples.filter((s) => s.metric === metric).length;
        const details: string[] = [];
        const pods = count(METRICS.podRestarts);
        const fs = count(METRICS.fsDeviceError);
        const queues = new Set(samples.filter((s) => s.metric === METRICS.queueDepth).map((s) => s.labels['queue'])).size;
        if (pods > 0) details.push(`kube-state-metrics: ${plural(pods, 'container')}`);
        if (fs > 0) details.push(`node_exporter: ${plural(fs, 'filesystem')}`);
        if (queues > 0) details.push(`asynq: ${plural(queues, 'queue')}`);
        const summary = `Exporter: ${plural(gpus.length, 'GPU')} on ${plural(nodes, 'node')}`;
        if (samples.length === 0) return { summary, details, failure: noMetrics(where) };
        const warnings =
          gpus.length === 0 ? ['No DCGM framebuffer metrics on this page (is it a dcgm-exporter?): the GPU panels stay empty.'] : [];
        return { summary, details, warnings };
      });
    },
    close() {
      client.close();
    },
  };
}
