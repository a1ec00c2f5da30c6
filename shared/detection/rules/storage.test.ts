import { describe, expect, it } from 'vitest';
import { METRICS } from '../../domain/telemetry';
import { frame, gen, NOW, ramp } from '../frame-fixtures';
import { DEFAULT_DETECTION_SETTINGS } from '../settings';
import { storageRule } from './storage';

const settings = DEFAULT_DETECTION_SETTINGS.rules['storage-saturation'];
const STALE = 90_000;
const nfs = (node: string) => ({ node, mountpoint: '/mnt/artifacts', fstype: 'nfs4' });
const root = { node: 'gpu-node-01', mountpoint: '/', fstype: 'ext4' };

describe('storage-saturation rule', () => {
  it('fires on a filesystem at or above the threshold for forSec, one line per mount across nodes', () => {
    const series = ['gpu-node-01', 'gpu-node-02'].map((n) => gen(nfs(n), (ago) => (ago <= 120 ? 0.93 : 0.85)));
    const out = storageRule(frame({ [METRICS.fsUsedShare]: [...series, gen(root, () => 0.4)] }), settings, STALE);
    expect(out.status.state).toBe('firing');
    const f = out.findings[0];
    expect(f?.affected.mounts).toEqual(['/mnt/artifacts']);
    expect(f?.affected.nodes).toEqual(['gpu-node-01', 'gpu-node-02']);
    expect(f?.evidence).toHaveLength(1);
    expect(f?.evidence[0]?.text).toMatch(/^\/mnt\/artifacts \(nfs4\) on gpu-node-01, gpu-node-02 is 93 % full/);
  });

  it('fires on a volume filling fast enough to be full within projectFullMin', () => {
    // 0.80 → 0.86 over 10 minutes: 0.006 a minute, full in ~23 minutes.
    const out = storageRule(frame({ [METRICS.fsUsedShare]: [gen({ ...root, mountpoint: '/data' }, ramp(0.785, 0.86))] }), settings, STALE);
    expect(out.status.state).toBe('firing');
    expect(out.findings[0]?.evidence[0]?.text).toContain('filling: full in about');
  });

  it('near miss: filling, but slowly (full in hours)', () => {
    const out = storageRule(frame({ [METRICS.fsUsedShare]: [gen(root, ramp(0.84, 0.85))] }), settings, STALE);
    expect(out.status.state).toBe('clear');
  });

  it('near miss: above the threshold, but only for a moment', () => {
    const out = storageRule(frame({ [METRICS.fsUsedShare]: [gen(root, (ago) => (ago <= 20 ? 0.95 : 0.6))] }), settings, STALE);
    expect(out.status.state).toBe('clear');
    expect(out.status.detail).toBe('Fullest / at 95 %.');
  });

  it('fires on a hung mount (device_error), not reading its missing size as fine', () => {
    const used = [gen(root, () => 0.5), gen(nfs('gpu-node-01'), () => 0.9, { toSecAgo: 240 })];
    const errors = [gen({ node: 'gpu-node-01', mountpoint: '/mnt/artifacts' }, (ago) => (ago <= 240 ? 1 : 0))];
    const out = storageRule(frame({ [METRICS.fsUsedShare]: used, [METRICS.fsDeviceError]: errors }), settings, STALE);
    expect(out.status.state).toBe('firing');
    const texts = out.findings[0]?.evidence.map((e) => e.text) ?? [];
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('is not answering');
    expect(out.findings[0]?.since).toBe(NOW - 240_000);
  });

  it('fires on a mount whose series vanished while the same source still reports the others', () => {
    const used = [gen(root, () => 0.5), gen(nfs('gpu-node-03'), () => 0.7, { toSecAgo: 180 })];
    const out = storageRule(frame({ [METRICS.fsUsedShare]: used }), settings, STALE);
    expect(out.status.state).toBe('firing');
    expect(out.findings[0]?.evidence[0]?.text).toContain('stopped reporting 3m 00s ago while other filesystems still report');
  });

  it('near miss: every filesystem series stopped together — that is the source, so "no data", not a vanished mount', () => {
    const used = [gen(root, () => 0.5, { toSecAgo: 180 }), gen(nfs('gpu-node-03'), () => 0.7, { toSecAgo: 180 })];
    const out = storageRule(frame({ [METRICS.fsUsedShare]: used }), settings, STALE);
    expect(out.status.state).toBe('no-data');
    expect(out.findings).toEqual([]);
  });
});
