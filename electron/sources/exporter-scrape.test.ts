import { failure } from './expect-failure';
import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { ExporterScrapeClient, keepFamilies, parseExposition } from './exporter-scrape';
import { expositionSchema, guardFamilies } from './exposition-schema';
import { closedPortUrl, connection, goError, neverAnswer, send, startFakeUpstream, streamHuge, type FakeUpstream } from './fake-upstream';
import { hostnameOf, workloadNamespaceOf, workloadPodOf } from './gpu-labels';
import { type FB_METRICS, gpuMemoryFromSamples, nodeMemory } from './gpu-memory';
import { SourceError } from './source-error';

/** dcgm-exporter 3.x/4.x ≤4.8 layout: `Hostname`, Kubernetes mapping on (Helm default). */
const DCGM_OLD = `# HELP DCGM_FI_DEV_FB_FREE Framebuffer memory free (in MiB).
# TYPE DCGM_FI_DEV_FB_FREE gauge
DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-aaaa",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="gpu-node-1",DCGM_FI_DRIVER_VERSION="550.54.15",container="ocr",namespace="echo",pod="ocr-7d9f"} 1000
DCGM_FI_DEV_FB_FREE{gpu="1",UUID="GPU-bbbb",pci_bus_id="00000000:0F:00.0",device="nvidia1",modelName="NVIDIA A100-SXM4-80GB",Hostname="gpu-node-1",DCGM_FI_DRIVER_VERSION="550.54.15"} 80000
# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).
# TYPE DCGM_FI_DEV_FB_USED gauge
DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-aaaa",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="gpu-node-1",DCGM_FI_DRIVER_VERSION="550.54.15",container="ocr",namespace="echo",pod="ocr-7d9f"} 79000
DCGM_FI_DEV_FB_USED{gpu="1",UUID="GPU-bbbb",pci_bus_id="00000000:0F:00.0",device="nvidia1",modelName="NVIDIA A100-SXM4-80GB",Hostname="gpu-node-1",DCGM_FI_DRIVER_VERSION="550.54.15"} 0
# HELP DCGM_FI_DEV_FB_RESERVED Framebuffer memory reserved (in MiB).
# TYPE DCGM_FI_DEV_FB_RESERVED gauge
DCGM_FI_DEV_FB_RESERVED{gpu="0",UUID="GPU-aaaa",pci_bus_id="00000000:07:00.0",device="nvidia0",modelName="NVIDIA A100-SXM4-80GB",Hostname="gpu-node-1",DCGM_FI_DRIVER_VERSION="550.54.15",container="ocr",namespace="echo",pod="ocr-7d9f"} 0
DCGM_FI_DEV_FB_RESERVED{gpu="1",UUID="GPU-bbbb",pci_bus_id="00000000:0F:00.0",device="nvidia1",modelName="NVIDIA A100-SXM4-80GB",Hostname="gpu-node-1",DCGM_FI_DRIVER_VERSION="550.54.15"} 0
# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).
# TYPE DCGM_FI_DEV_GPU_UTIL gauge
DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-aaaa",Hostname="gpu-node-1"} 97
DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-bbbb",Hostname="gpu-node-1"} NaN
`;

/** dcgm-exporter main: lowercase `hostname`; no trailing newline (the parser would drop the last sample). */
const DCGM_NEW = `# TYPE DCGM_FI_DEV_FB_USED gauge
DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-cccc",modelName="NVIDIA L4",hostname="gpu-node-2",exported_pod="jupyter-ana",pod="dcgm-exporter-x1",exported_namespace="jhub",namespace="gpu-operator"} 20000
# TYPE DCGM_FI_DEV_FB_FREE gauge
DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-cccc",modelName="NVIDIA L4",hostname="gpu-node-2",exported_pod="jupyter-ana",pod="dcgm-exporter-x1",exported_namespace="jhub",namespace="gpu-operator"} 2000
# TYPE DCGM_FI_DEV_FB_RESERVED gauge
DCGM_FI_DEV_FB_RESERVED{gpu="0",UUID="GPU-cccc",modelName="NVIDIA L4",hostname="gpu-node-2",exported_pod="jupyter-ana",pod="dcgm-exporter-x1",exported_namespace="jhub",namespace="gpu-operator"} 500`;

let up: FakeUpstream;
let scraper: ExporterScrapeClient;

function text(body: string) {
  return (_req: unknown, res: http.ServerResponse): void =>
    send(res, 200, body, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
}

beforeAll(async () => {
  up = await startFakeUpstream();
  scraper = ExporterScrapeClient.connect(connection(up.url, { timeoutMs: 500, maxResponseBytes: 1024 * 1024 }));
});
afterAll(async () => {
  scraper.close();
  await up.close();
});
beforeEach(() => up.routes.clear());

describe('parsing the exposition format', () => {
  it('returns every sample with labels, NaN kept, and the last line of an unterminated page', () => {
    const samples = parseExposition(DCGM_OLD);
    expect(samples).toHaveLength(DCGM_OLD.split('\n').filter((l) => l.startsWith('DCGM_')).length);
    const util = samples.filter((s) => s.name === 'DCGM_FI_DEV_GPU_UTIL');
    expect(util.map((s) => s.labels.gpu)).toEqual(['0', '1']);
    expect(Number.isNaN(util[1]?.value)).toBe(true);
    const newer = parseExposition(DCGM_NEW);
    expect(newer.at(-1)).toMatchObject({ name: 'DCGM_FI_DEV_FB_RESERVED', value: 500 });
  });

  it('expands histograms and summaries into their series', () => {
    const samples = parseExposition(
      '# TYPE lat histogram\nlat_bucket{le="0.1"} 1\nlat_bucket{le="+Inf"} 3\nlat_sum 0.9\nlat_count 3\n# TYPE q summary\nq{quantile="0.5"} 2\nq_sum 10\nq_count 5\n',
    );
    expect(samples.map((s) => `${s.name}${s.labels.le ?? s.labels.quantile ?? ''}=${s.value}`)).toEqual([
      'lat_bucket0.1=1',
      'lat_bucket+Inf=3',
      'lat_sum=0.9',
      'lat_count=3',
      'q0.5=2',
      'q_sum=10',
      'q_count=5',
    ]);
  });

  it('rejects a page that is not the text format', () => {
    expect(() => parseExposition('<html><body>502 Bad Gateway</body></html>')).toThrow(SourceError);
    expect(() => parseExposition('DCGM_FI_DEV_FB_USED{gpu="0" 12\n')).toThrow(/not valid Prometheus text format/);
    // The parser alone reads the first as metric "404" with value "page", and the second as nothing.
    expect(() => parseExposition('404 page not found\n')).toThrow(SourceError);
    expect(() => parseExposition('{"not":"metrics"}\n')).toThrow(/no metrics/);
    expect(parseExposition('# HELP only comments\n')).toEqual([]);
  });
});

describe('label variants and GPU memory', () => {
  it('finds the node under Hostname or hostname, and the workload under exported_pod before pod', () => {
    const [oldGpu] = parseExposition(DCGM_OLD);
    const [newGpu] = parseExposition(DCGM_NEW);
    expect(hostnameOf(oldGpu?.labels ?? {})).toBe('gpu-node-1');
    expect(hostnameOf(newGpu?.labels ?? {})).toBe('gpu-node-2');
    expect(workloadPodOf(oldGpu?.labels ?? {})).toBe('ocr-7d9f');
    expect(workloadPodOf(newGpu?.labels ?? {})).toBe('jupyter-ana');
    expect(workloadNamespaceOf(newGpu?.labels ?? {})).toBe('jhub');
  });

  it('computes used / (used + free + reserved) per GPU and memory-weighted per node', () => {
    const samples = [...parseExposition(DCGM_OLD), ...parseExposition(DCGM_NEW)];
    const gpus = gpuMemoryFromSamples(samples);
    // A GPU is its node and index, as charts key it (gpu-labels.ts gpuOf); the UUID is not an identity.
    expect(gpus.map((g) => `${g.node}/${g.gpu}`)).toEqual(['gpu-node-1/0', 'gpu-node-1/1', 'gpu-node-2/0']);
    const byUuid = new Map(
      ['GPU-aaaa', 'GPU-bbbb', 'GPU-cccc'].map((uuid) => {
        const labels = samples.find((s) => s.labels.UUID === uuid)?.labels ?? {};
        return [uuid, gpus.find((g) => g.node === hostnameOf(labels) && g.gpu === labels.gpu)];
      }),
    );
    const field = (name: (typeof FB_METRICS)[number], uuid: string): number =>
      samples.find((s) => s.name === name && s.labels.UUID === uuid)?.value ?? Number.NaN;
    for (const uuid of ['GPU-aaaa', 'GPU-bbbb', 'GPU-cccc']) {
      const total = field('DCGM_FI_DEV_FB_USED', uuid) + field('DCGM_FI_DEV_FB_FREE', uuid) + field('DCGM_FI_DEV_FB_RESERVED', uuid);
      expect(byUuid.get(uuid)?.share).toBeCloseTo(field('DCGM_FI_DEV_FB_USED', uuid) / total);
    }
    expect(byUuid.get('GPU-cccc')).toMatchObject({ node: 'gpu-node-2', gpu: '0', pod: 'jupyter-ana', namespace: 'jhub' });
    const node1 = nodeMemory(gpus).find((n) => n.node === 'gpu-node-1');
    const a = byUuid.get('GPU-aaaa');
    const b = byUuid.get('GPU-bbbb');
    expect(node1?.share).toBeCloseTo(((a?.usedMiB ?? 0) + (b?.usedMiB ?? 0)) / ((a?.totalMiB ?? 0) + (b?.totalMiB ?? 0)));
    expect(node1?.maxGpuShare).toBeCloseTo(Math.max(a?.share ?? 0, b?.share ?? 0));
    expect(node1?.gpus).toBe(2);
  });

  it('counts a GPU shared by two pods once, under its index', () => {
    const gpu = { gpu: '3', UUID: 'GPU-dddd', Hostname: 'gpu-node-3', modelName: 'NVIDIA H100' };
    const fields = { DCGM_FI_DEV_FB_USED: 30_000, DCGM_FI_DEV_FB_FREE: 50_000, DCGM_FI_DEV_FB_RESERVED: 0 };
    // Listed second-pod-first: which pod is named must not depend on the order the series arrive in.
    const samples = ['ocr-2', 'ocr-1'].flatMap((pod) =>
      Object.entries(fields).map(([name, value]) => ({ name, labels: { ...gpu, pod, namespace: 'ml' }, value })),
    );
    expect(gpuMemoryFromSamples(samples)).toEqual([
      {
        node: 'gpu-node-3',
        gpu: '3',
        model: 'NVIDIA H100',
        pod: 'ocr-1',
        namespace: 'ml',
        pods: [
          { namespace: 'ml', pod: 'ocr-1' },
          { namespace: 'ml', pod: 'ocr-2' },
        ],
        usedMiB: 30_000,
        totalMiB: 80_000,
        share: 0.375,
      },
    ]);
    // Without an index (an exporter that sends only the UUID) the UUID identifies the GPU.
    const { gpu: _index, ...uuidOnly } = gpu;
    const [byUuid] = gpuMemoryFromSamples(Object.entries(fields).map(([name, value]) => ({ name, labels: uuidOnly, value })));
    expect(byUuid?.gpu).toBe('GPU-dddd');
  });
});

describe('scraping', () => {
  it('scrapes /metrics, filters families and counts non-finite values', async () => {
    up.routes.set('GET /metrics', text(DCGM_OLD));
    const all = await scraper.scrape();
    expect(all.nonFinite).toBe(all.samples.filter((s) => Number.isNaN(s.value)).length);
    expect(all.nonFinite).toBeGreaterThan(0);
    const some = await scraper.scrape({ names: ['DCGM_FI_DEV_FB_USED'] });
    expect(new Set(some.samples.map((s) => s.name))).toEqual(new Set(['DCGM_FI_DEV_FB_USED']));
    expect(some.samples).toHaveLength(2);
    expect(String(up.requests.at(-1)?.headers.accept)).toContain('text/plain');
    expect(await scraper.scrape({ names: ['not_on_the_page'] })).toEqual({ samples: [], nonFinite: 0 });
  });

  it('checks gauge and counter pages by hand to exactly what the schema builds, and leaves the rest to it', () => {
    const withTimestamps = 'up{job="x"} 1 1700000000000\nhttp_requests_total{code="200"} +Inf\nno_labels -Inf\n';
    for (const page of [`${DCGM_NEW}\n`, DCGM_OLD, withTimestamps]) {
      const raw: unknown = parsePrometheusTextFormat(page);
      const byHand = guardFamilies(raw);
      expect(byHand).toBeDefined();
      expect(byHand).toEqual(expositionSchema.parse(raw));
    }
    // Histograms are read by the schema; the lax parser's misreadings are refused by both.
    const histogram = '# TYPE d histogram\nd_bucket{le="1"} 2\nd_bucket{le="+Inf"} 3\nd_sum 4\nd_count 3\n';
    expect(guardFamilies(parsePrometheusTextFormat(histogram))).toBeUndefined();
    expect(parseExposition(histogram).map((s) => s.name)).toEqual(['d_bucket', 'd_bucket', 'd_sum', 'd_count']);
    for (const bad of ['404 page not found\n', 'gpu_used{gpu="0"} twelve\n', 'gpu_used 1 soon\n']) {
      const raw: unknown = parsePrometheusTextFormat(bad);
      expect(guardFamilies(raw)).toBeUndefined();
      expect(expositionSchema.safeParse(raw).success).toBe(false);
    }
    expect(guardFamilies([{ name: 'x', type: 'GAUGE', metrics: [{ value: '1', labels: { a: 1 } }] }])).toBeUndefined();
  });

  it('keeps only the wanted families of a page, with their HELP and TYPE lines', () => {
    const page = [
      '# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).',
      '# TYPE DCGM_FI_DEV_FB_USED gauge',
      'DCGM_FI_DEV_FB_USED{gpu="0"} 10',
      '# TYPE DCGM_FI_DEV_GPU_TEMP gauge',
      'DCGM_FI_DEV_GPU_TEMP{gpu="0"} 60',
      'asynq_tasks_enqueued_total 3',
      'DCGM_FI_DEV_FB_USED_EXTRA 1',
    ].join('\n');
    const wanted = new Set(['DCGM_FI_DEV_FB_USED', 'asynq_tasks_enqueued_total']);
    expect(keepFamilies(page, wanted).split('\n')).toEqual([
      '# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).',
      '# TYPE DCGM_FI_DEV_FB_USED gauge',
      'DCGM_FI_DEV_FB_USED{gpu="0"} 10',
      'asynq_tasks_enqueued_total 3',
      '',
    ]);
    expect(keepFamilies('<html>502 Bad Gateway</html>', wanted)).toBe('');
  });

  it('still rejects a page that is not metrics when it holds none of the wanted families', async () => {
    up.routes.set('GET /metrics', text('<html><body>502 Bad Gateway</body></html>'));
    expect((await failure(scraper.scrape({ names: ['DCGM_FI_DEV_FB_USED'] }))).kind).toBe('malformed');
  });

  it('reports 500, a non-metrics page, timeout, refusal, size cap and cancellation', async () => {
    up.routes.set('GET /metrics', (_r, res) => goError(res, 500, 'failed to collect metrics: DCGM not initialized'));
    expect((await failure(scraper.scrape())).message).toContain('DCGM not initialized');
    up.routes.set('GET /metrics', text('{"not":"metrics"}'));
    expect((await failure(scraper.scrape())).kind).toBe('malformed');
    up.routes.set('GET /metrics', neverAnswer);
    expect((await failure(scraper.scrape())).kind).toBe('timeout');
    const closed = ExporterScrapeClient.connect(connection(await closedPortUrl()));
    expect((await failure(closed.scrape())).kind).toBe('refused');
    closed.close();
    up.routes.set(
      'GET /metrics',
      streamHuge(50 * 1024 * 1024, () => undefined, 'text/plain'),
    );
    expect((await failure(scraper.scrape())).kind).toBe('too-large');
    up.routes.set('GET /metrics', neverAnswer);
    const controller = new AbortController();
    const pending = scraper.scrape({ signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).kind).toBe('aborted');
  });
});
