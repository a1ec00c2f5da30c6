import { describe, expect, it } from 'vitest';
import { parseExposition } from './exporter-scrape';
import { ExpositionMemo } from './exposition-memo';

const PAGE = (used: number, free: string) => `# HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).
# TYPE DCGM_FI_DEV_FB_USED gauge
DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-aaaa",modelName="NVIDIA A100-SXM4-80GB",Hostname="gpu-node-1",container="ocr",namespace="echo",pod="ocr-7d9f"} ${used}
DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-aaaa",Hostname="gpu-node-1"}  ${free}
# A comment that is neither HELP nor TYPE
node_filesystem_avail_bytes{mountpoint="/mnt/a}b,c=\\"d\\"",path="C:\\\\DIR\\\\FILE.TXT",msg="line\\nbreak"} 1.458255915e9 1700000000000
kube_pod_container_status_restarts_total{pod="ocr-1"} +Inf
up 1
asynq_tasks_enqueued_total{queue="ocr",state="pending"}\t-Inf
`;

describe('the exposition memo', () => {
  it('reads a page exactly as the maintained parser does, the first time and from memory afterwards', () => {
    const memo = new ExpositionMemo();
    const first = PAGE(79000, 'NaN');
    expect(memo.read(first)).toEqual(parseExposition(first));
    // New values on the same series: names and labels from memory, values read from this page.
    const second = PAGE(80123, '12.5');
    const again = memo.read(second);
    expect(again).toEqual(parseExposition(second));
    expect(again?.[0]?.value).toBe(80123);
    expect(again?.[2]?.labels).toEqual({ mountpoint: '/mnt/a}b,c="d"', path: 'C:\\DIR\\FILE.TXT', msg: 'line\nbreak' });
    expect(again?.[2]?.timestampMs).toBe(1700000000000);
  });

  it('shares one frozen label object per series, so no consumer can change what later polls read', () => {
    const memo = new ExpositionMemo();
    const a = memo.read(PAGE(1, '2'));
    const b = memo.read(PAGE(3, '4'));
    expect(b?.[0]?.labels).toBe(a?.[0]?.labels);
    expect(Object.isFrozen(a?.[0]?.labels)).toBe(true);
  });

  it('leaves to the full parse what it does not read itself: histograms, bad values, odd lines, non-metrics', () => {
    const memo = new ExpositionMemo();
    const histogram = '# TYPE d histogram\nd_bucket{le="1"} 2\nd_bucket{le="+Inf"} 3\nd_sum 4\nd_count 3\n';
    expect(memo.read(histogram)).toBeNull();
    expect(memo.read('gpu_used{gpu="0"} twelve\n')).toBeNull();
    expect(memo.read('gpu_used{gpu="0"} 1 soon\n')).toBeNull();
    expect(memo.read('gpu_used{gpu="0" 12\n')).toBeNull();
    expect(memo.read('404 page not found\n')).toBeNull();
    expect(memo.read('<html><body>502 Bad Gateway</body></html>')).toBeNull();
    expect(memo.read('# HELP only comments\n')).toBeNull();
    // The full parse then gives the usual answer or the usual error in words.
    expect(() => parseExposition('gpu_used{gpu="0"} twelve\n')).toThrow(/not a number|valid Prometheus/);
  });
});
