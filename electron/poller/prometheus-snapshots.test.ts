import { describe, expect, it } from 'vitest';
import { gpuSnapshot, queueSnapshot, queueSnapshotSamples } from './prometheus-snapshots';

const fb = (name: string, labels: Record<string, string>, value: number) => ({
  labels: { __name__: `DCGM_FI_DEV_FB_${name}`, ...labels },
  value,
});

describe('gpuSnapshot (Prometheus instant answer → GPU panel)', () => {
  it('reads share, MiB, model, node and pod across Hostname / hostname and exported_pod / pod', () => {
    // Old exporter, scraped with honor_labels=false: pod/namespace name the exporter, exported_* the workload.
    const old = {
      gpu: '0',
      UUID: 'GPU-a',
      modelName: 'NVIDIA A100',
      Hostname: 'n1',
      instance: '10.0.0.1:9400',
      exported_pod: 'ocr-0',
      exported_namespace: 'ml',
      pod: 'dcgm-exporter-x',
      namespace: 'gpu-operator',
    };
    // New exporter (hostname), pod labels kept (honor_labels=true).
    const neu = { gpu: '1', UUID: 'GPU-b', modelName: 'NVIDIA H100', hostname: 'n2', pod: 'jupyter-ana', namespace: 'hub' };
    const gpus = gpuSnapshot([
      fb('USED', old, 30_000),
      fb('FREE', old, 9_000),
      fb('RESERVED', old, 1_000),
      fb('USED', neu, 0),
      fb('FREE', neu, 80_000),
    ]);
    expect(gpus).toEqual([
      { node: 'n1', gpu: '0', model: 'NVIDIA A100', share: 0.75, usedMiB: 30_000, totalMiB: 40_000, namespace: 'ml', pod: 'ocr-0' },
      { node: 'n2', gpu: '1', model: 'NVIDIA H100', share: 0, usedMiB: 0, totalMiB: 80_000, namespace: 'hub', pod: 'jupyter-ana' },
    ]);
  });

  it('leaves out a GPU missing its free field, and gives a GPU with no memory a null share', () => {
    const a = { gpu: '0', Hostname: 'n1' };
    const b = { gpu: '1', Hostname: 'n1' };
    const gpus = gpuSnapshot([fb('USED', a, 10), fb('USED', b, 0), fb('FREE', b, 0)]);
    expect(gpus).toEqual([{ node: 'n1', gpu: '1', model: '', share: null, usedMiB: 0, totalMiB: 0, namespace: null, pod: null }]);
  });
});

describe('queueSnapshot (asynq metrics → queue panel)', () => {
  const enq = (queue: string, state: string, value: number, instance = 'a') => ({
    labels: { __name__: 'asynq_tasks_enqueued_total', queue, state, instance },
    value,
  });
  it('sums task counts per queue and state as the depth query does, takes the oldest latency and any pause', () => {
    const queues = queueSnapshot([
      enq('ocr', 'pending', 120),
      enq('ocr', 'pending', 3, 'b'),
      enq('ocr', 'active', 4),
      enq('ocr', 'completed', 999),
      enq('echo', 'retry', 2),
      { labels: { __name__: 'asynq_queue_latency_seconds', queue: 'ocr', instance: 'a' }, value: 12.5 },
      { labels: { __name__: 'asynq_queue_latency_seconds', queue: 'ocr', instance: 'b' }, value: 3 },
      { labels: { __name__: 'asynq_queue_paused_total', queue: 'echo' }, value: 1 },
      { labels: { __name__: 'asynq_queue_paused_total', queue: 'ocr' }, value: 0 },
      { labels: { __name__: 'asynq_tasks_enqueued_total', state: 'pending' }, value: 5 },
      enq('ocr', 'scheduled', Number.NaN),
    ]);
    expect(queues).toEqual([
      {
        queue: 'echo',
        pending: 0,
        active: 0,
        scheduled: 0,
        retry: 2,
        archived: 0,
        latencyMs: 0,
        processedToday: null,
        failedToday: null,
        paused: true,
      },
      {
        queue: 'ocr',
        pending: 123,
        active: 4,
        scheduled: 0,
        retry: 0,
        archived: 0,
        latencyMs: 12_500,
        processedToday: null,
        failedToday: null,
        paused: false,
      },
    ]);
    expect(queueSnapshotSamples(queues, 5)).toContainEqual({ metric: 'queue.latency_s', labels: { queue: 'ocr' }, tMs: 5, value: 12.5 });
    expect(queueSnapshotSamples(queues, 5)).toContainEqual({ metric: 'queue.paused', labels: { queue: 'echo' }, tMs: 5, value: 1 });
  });
});
