import { describe, expect, it } from 'vitest';
import { METRICS } from '../../domain/telemetry';
import { frame, gen, NOW } from '../frame-fixtures';
import { DEFAULT_DETECTION_SETTINGS } from '../settings';
import { nodeFailureRule } from './node-failure';

const settings = DEFAULT_DETECTION_SETTINGS.rules['gpu-node-failure'];
const STALE = 90_000;

function fleet(silentNode?: string, silentSec = 0) {
  const out = [];
  for (const node of ['gpu-node-01', 'gpu-node-02', 'gpu-node-03'])
    for (const gpu of ['0', '1']) out.push(gen({ node, gpu }, () => 0.6, { toSecAgo: node === silentNode ? silentSec : 0 }));
  return out;
}

describe('gpu-node-failure rule', () => {
  it('fires on a device XID, naming node, GPU and code', () => {
    const xid = [gen({ node: 'gpu-node-02', gpu: '0' }, (ago) => (ago <= 40 ? 79 : 0)), gen({ node: 'gpu-node-01', gpu: '0' }, () => 0)];
    const out = nodeFailureRule(frame({ [METRICS.gpuMemoryShare]: fleet(), [METRICS.gpuXid]: xid }), settings, STALE);
    expect(out.status.state).toBe('firing');
    expect(out.findings[0]?.affected.gpus).toEqual(['gpu-node-02/GPU 0']);
    expect(out.findings[0]?.evidence[0]?.text).toBe('gpu-node-02 reports XID 79 on GPU 0');
    expect(out.findings[0]?.since).toBe(NOW - 40_000);
  });

  it('near miss: an application XID (13, graphics exception) is ignored by default', () => {
    const xid = [gen({ node: 'gpu-node-02', gpu: '0' }, () => 13)];
    const out = nodeFailureRule(frame({ [METRICS.gpuMemoryShare]: fleet(), [METRICS.gpuXid]: xid }), settings, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('fires on a node whose GPUs all stopped reporting while the others still report', () => {
    const out = nodeFailureRule(frame({ [METRICS.gpuMemoryShare]: fleet('gpu-node-02', 120) }), settings, STALE);
    expect(out.status.state).toBe('firing');
    expect(out.findings[0]?.affected.nodes).toEqual(['gpu-node-02']);
    expect(out.findings[0]?.evidence[0]?.text).toBe(
      'gpu-node-02 stopped reporting its 2 GPUs 2m 00s ago while the other nodes still report',
    );
  });

  it('near miss: a node silent for less than silentSec (one missed poll)', () => {
    const out = nodeFailureRule(frame({ [METRICS.gpuMemoryShare]: fleet('gpu-node-02', 20) }), settings, STALE);
    expect(out.status.state).toBe('clear');
    expect(out.status.detail).toBe('3 nodes reporting, no device XIDs.');
  });

  it('fires on NotReady', () => {
    const ready = [gen({ node: 'gpu-node-03' }, (ago) => (ago <= 90 ? 0 : 1)), gen({ node: 'gpu-node-01' }, () => 1)];
    const out = nodeFailureRule(frame({ [METRICS.gpuMemoryShare]: fleet(), [METRICS.nodeReady]: ready }), settings, STALE);
    expect(out.findings[0]?.evidence[0]?.text).toBe('gpu-node-03 is NotReady');
    expect(out.findings[0]?.since).toBe(NOW - 90_000);
  });

  it('near miss: every node silent at once is the source going away — "no data", not three failed nodes', () => {
    const all = fleet().map((s) => ({ ...s, t: s.t.slice(0, -40), v: s.v.slice(0, -40) }));
    const out = nodeFailureRule(frame({ [METRICS.gpuMemoryShare]: all }), settings, STALE);
    expect(out.status.state).toBe('no-data');
  });
});
