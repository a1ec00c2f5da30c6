import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GpuStat, SeriesData } from '../../../shared/domain/telemetry';
import { CorrelationText } from './chart/CorrelationText';
import { GpuHeatmap } from './GpuHeatmap';

const NOW = 1_763_820_000_000;
const win = { fromMs: NOW - 3_600_000, toMs: NOW };

const gpu = (node: string, id: string, share: number | null, pod: string | null): GpuStat => ({
  node,
  gpu: id,
  model: 'NVIDIA H100 80GB HBM3',
  share,
  usedMiB: Math.round((share ?? 0) * 81_559),
  totalMiB: 81_559,
  namespace: pod ? 'ml-workers' : null,
  pod,
});

describe('GpuHeatmap', () => {
  // The age is read from the clock (DataAge ticks on its own).
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const gpus = [
    gpu('gpu-node-01', '1', 0.97, '<b>ocr-worker-0</b>'),
    gpu('gpu-node-01', '0', 0.42, null),
    gpu('gpu-node-02', '0', null, null),
  ];
  const trend: SeriesData = {
    id: 1,
    sourceId: 1,
    metric: 'gpu.memory.share',
    labels: { node: 'gpu-node-01', gpu: '1', model: 'H100' },
    points: [
      [NOW - 60_000, 0.5],
      [NOW, 0.97],
    ],
  };

  it('shows each GPU by node with its share, tone and workload (as text), and a trend where stored', () => {
    const html = renderToStaticMarkup(
      <GpuHeatmap gpus={{ sourceId: 1, at: NOW - 5_000, data: gpus }} error={null} trends={[trend]} win={win} />,
    );
    expect(html.indexOf('data-gpu="0"')).toBeLessThan(html.indexOf('data-gpu="1"'));
    expect(html).toContain('data-node="gpu-node-01" data-gpu="1" data-share="0.970"');
    expect(html).toMatch(/gpu-cell tone-full[^>]*data-gpu="1"/);
    expect(html).toMatch(/gpu-cell tone-unknown[^>]*data-node="gpu-node-02"[^>]*data-share=""/);
    expect(html).toContain('1 of 2 near full');
    expect(html).toContain('&lt;b&gt;ocr-worker-0&lt;/b&gt;');
    expect(html.match(/class="gpu-spark"/g)).toHaveLength(1);
    expect(html).toContain('data-stale="false"');
  });

  it('keeps a node that stopped reporting on the panel, each GPU marked missing with when it was last seen', () => {
    const gone: SeriesData = {
      id: 2,
      sourceId: 1,
      metric: 'gpu.memory.share',
      labels: { node: 'gpu-node-02', gpu: '0', model: 'A100' },
      points: [[NOW - 125_000, 0.61]],
    };
    const html = renderToStaticMarkup(
      <GpuHeatmap
        gpus={{ sourceId: 1, at: NOW - 5_000, data: [gpus[0] as GpuStat] }}
        error={null}
        trends={[]}
        win={win}
        lastSeen={[gone]}
      />,
    );
    expect(html).toContain('data-missing="true"');
    expect(html).toContain(`data-last-seen="${NOW - 125_000}"`);
    expect(html).toContain('1 not reporting');
    expect(html).toMatch(/not reporting since \d\d:\d\d:\d\dZ/);
    expect(html).toContain('last seen');
    expect(html).toContain('2m 05s ago');
  });

  it('says when the snapshot is old, and when there is none', () => {
    const stale = renderToStaticMarkup(
      <GpuHeatmap gpus={{ sourceId: 1, at: NOW - 10 * 60_000, data: gpus }} error={null} trends={[]} win={win} />,
    );
    expect(stale).toContain('data-stale="true"');
    expect(stale).toContain('stale · 10m 00s old');
    const none = renderToStaticMarkup(<GpuHeatmap gpus={null} error="Could not read live data: refused" trends={[]} win={win} />);
    expect(none).toContain('No GPU snapshot yet');
    const missing = "No GPU memory series (DCGM_FI_DEV_FB_USED with DCGM_FI_DEV_FB_FREE) in the last 5 minutes from Prometheus 'prod'.";
    const empty = renderToStaticMarkup(
      <GpuHeatmap
        gpus={{ sourceId: 4, at: NOW - 5_000, data: [] }}
        panel={{ candidates: [{ sourceId: 4, name: 'prod', kind: 'prometheus', at: NOW - 5_000, rows: 0 }], missing }}
        error={null}
        trends={[]}
        win={win}
      />,
    );
    expect(empty).toContain(
      'No GPU memory series (DCGM_FI_DEV_FB_USED with DCGM_FI_DEV_FB_FREE) in the last 5 minutes from Prometheus &#x27;prod&#x27;.',
    );
    expect(empty).toContain('from Prometheus &#x27;prod&#x27;');
    expect(none).toContain('Could not read live data: refused');
  });
});

describe('CorrelationText', () => {
  const line = (key: string, axis: 'gpu' | 'queue', values: number[]) => ({
    key,
    label: key,
    axis,
    color: '',
    dashed: false,
    points: values.map((v, i): [number, number] => [win.fromMs + i * 15_000, v]),
  });

  it('says nothing when the data is too thin to correlate', () => {
    const html = renderToStaticMarkup(
      <CorrelationText lines={[line('g', 'gpu', [0.1, 0.2, 0.3]), line('q', 'queue', [1, 2, 3])]} win={win} queueName="queue depth" />,
    );
    expect(html).not.toContain('correlation-text');
    expect(html).toMatch(
      /<span hidden="" data-testid="correlation-withheld" data-reason="fewer than 20 overlapping, varying points"><\/span>/,
    );
  });

  it('states the lag and r over the window when it can', () => {
    const mem = Array.from({ length: 240 }, (_, i) => 0.3 + 0.5 * Math.abs(Math.sin(i / 17)) + (i % 7) / 100);
    const queue = mem.map((_, i) => Math.round(1000 * (mem[i - 4] ?? mem[0] ?? 0)));
    const html = renderToStaticMarkup(
      <CorrelationText lines={[line('g', 'gpu', mem), line('q', 'queue', queue)]} win={win} queueName="queue depth (pending)" />,
    );
    expect(html).toContain('data-testid="correlation-text"');
    expect(html).toContain('Queue depth (pending) follows GPU memory (g) by about 1 minute, r = ');
  });
});
