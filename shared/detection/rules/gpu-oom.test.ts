import { describe, expect, it } from 'vitest';
import { METRICS } from '../../domain/telemetry';
import { frame, gen, NOW, OK_SOURCES } from '../frame-fixtures';
import { DEFAULT_DETECTION_SETTINGS } from '../settings';
import { gpuOomRule, workloadOf } from './gpu-oom';

const settings = DEFAULT_DETECTION_SETTINGS.rules['gpu-oom'];
const STALE = 90_000;
const pod = { namespace: 'ml-workers', pod: 'ocr-worker-7c9f5d8b4-x2kqz', container: 'worker' };

/** GPU 0 of gpu-node-01 near full for the last `hotSec`; the other GPUs comfortable. */
function gpus(hotSec: number, level = 0.96) {
  return [
    gen({ node: 'gpu-node-01', gpu: '0' }, (ago) => (ago <= hotSec ? level : 0.7)),
    gen({ node: 'gpu-node-01', gpu: '1' }, () => 0.6),
    gen({ node: 'gpu-node-02', gpu: '0' }, () => 0.65),
  ];
}

/** Restart counter stepping up `count` times, `agoSec` seconds ago. */
function restarts(count: number, agoSec: number, oom = true) {
  return {
    [METRICS.podRestarts]: [gen(pod, (ago) => (ago <= agoSec ? count : 0))],
    [METRICS.podLastOom]: oom ? [gen(pod, (ago) => (ago <= agoSec ? 1 : 0))] : [],
  };
}

describe('gpu-oom rule', () => {
  it('fires on a GPU near full for a while together with OOM kills, naming node, GPU and workload', () => {
    const out = gpuOomRule(frame({ [METRICS.gpuMemoryShare]: gpus(180), ...restarts(2, 60) }), settings, STALE);
    expect(out.status.state).toBe('firing');
    const f = out.findings[0];
    expect(f?.playbookId).toBe('gpu-oom');
    expect(f?.affected.nodes).toEqual(['gpu-node-01']);
    expect(f?.affected.gpus).toEqual(['gpu-node-01/GPU 0']);
    expect(f?.affected.services).toEqual(['ocr-worker']);
    expect(f?.evidence[0]?.text).toContain('GPU 0 on gpu-node-01');
    expect(f?.evidence[0]?.values[0]).toEqual({ label: 'peak GPU memory', value: 0.96, unit: 'share' });
    expect(f?.evidence[1]?.text).toContain('2 after OOMKilled');
    // The condition began when the GPU went near full, before the first kill.
    expect(f?.since).toBe(NOW - 180_000);
    expect(f?.title).toContain('2 OOM kills');
  });

  it('counts restarts that were not OOM kills as restarts', () => {
    const out = gpuOomRule(frame({ [METRICS.gpuMemoryShare]: gpus(180), ...restarts(1, 60, false) }), settings, STALE);
    expect(out.findings[0]?.evidence[1]?.text).toMatch(/^1 container restart in the last/);
    expect(out.findings[0]?.evidence[1]?.text).not.toContain('OOMKilled');
  });

  it('near miss: a GPU near full without restarts is a busy GPU, not an incident', () => {
    const out = gpuOomRule(frame({ [METRICS.gpuMemoryShare]: gpus(600) }), settings, STALE);
    expect(out.status.state).toBe('clear');
    expect(out.status.detail).toContain('1 GPU near full, but 0 restarts');
    expect(out.findings).toEqual([]);
  });

  it('near miss: restarts while every GPU stays below the threshold', () => {
    const out = gpuOomRule(frame({ [METRICS.gpuMemoryShare]: gpus(600, 0.89), ...restarts(3, 60) }), settings, STALE);
    expect(out.status.state).toBe('clear');
    expect(out.status.detail).toContain('Fullest GPU 89 %');
  });

  it('near miss: near full for less than hotSec', () => {
    const out = gpuOomRule(frame({ [METRICS.gpuMemoryShare]: gpus(8), ...restarts(1, 5) }), settings, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('near miss: the restarts happened before the window', () => {
    const out = gpuOomRule(frame({ [METRICS.gpuMemoryShare]: gpus(180), ...restarts(1, settings.windowSec + 60) }), settings, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('adds up a saw-tooth (memory refilling after each kill) as time near full', () => {
    const saw = gen({ node: 'gpu-node-01', gpu: '2' }, (ago) => (Math.floor(ago / 40) % 2 === 0 ? 0.93 : 0.75));
    const out = gpuOomRule(frame({ [METRICS.gpuMemoryShare]: [saw], ...restarts(1, 100) }), settings, STALE);
    expect(out.status.state).toBe('firing');
  });

  it('says "no data", naming the source, when the GPU samples stopped and the exporter is down', () => {
    const old = gen({ node: 'gpu-node-01', gpu: '0' }, () => 0.97, { toSecAgo: 300 });
    const sources = OK_SOURCES.map((s) => (s.id === 1 ? { ...s, state: 'down' as const, error: 'connection refused' } : s));
    const out = gpuOomRule(frame({ [METRICS.gpuMemoryShare]: [old], ...restarts(2, 60) }, { sources }), settings, STALE);
    expect(out.status.state).toBe('no-data');
    expect(out.status.detail).toContain('Lab GPU exporter is down: connection refused');
    expect(out.status.dataAt).toBe(NOW - 300_000);
    expect(out.findings).toEqual([]);
  });

  it('says "no data" when nothing ever stored GPU memory', () => {
    const out = gpuOomRule(frame({}), settings, STALE);
    expect(out.status.state).toBe('no-data');
    expect(out.status.detail).toContain('no source stores it');
  });
});

describe('workloadOf', () => {
  it('drops the ReplicaSet hash and pod suffix, keeps names that have none', () => {
    expect(workloadOf('ocr-worker-7c9f5d8b4-x2kqz')).toBe('ocr-worker');
    expect(workloadOf('jupyter-alice')).toBe('jupyter-alice');
    expect(workloadOf('minio-0')).toBe('minio-0');
  });
});
