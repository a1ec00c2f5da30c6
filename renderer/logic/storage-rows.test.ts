import { describe, expect, it } from 'vitest';
import type { SeriesData, SeriesPoint } from '../../shared/domain/telemetry';
import { storageRows } from './storage-rows';

let id = 0;
const s = (labels: Record<string, string>, points: SeriesPoint[]): SeriesData => ({ id: ++id, sourceId: 1, metric: 'm', labels, points });
const win = { fromMs: 0, toMs: 600_000 };

describe('storage rows', () => {
  it('groups one NFS export seen from every node into one row, fullest node first', () => {
    const nfs = (node: string, v: number) =>
      s({ node, mountpoint: '/mnt/nfs/artifacts', fstype: 'nfs4' }, [
        [60_000, v - 0.1],
        [120_000, v],
      ]);
    const rows = storageRows(
      [nfs('a', 0.91), nfs('b', 0.91), s({ node: 'a', mountpoint: '/', fstype: 'ext4' }, [[120_000, 0.45]])],
      [],
      win,
    );
    expect(rows.map((r) => [r.mountpoint, r.nodes, r.used, r.tone])).toEqual([
      ['/mnt/nfs/artifacts', ['a', 'b'], 0.91, 'full'],
      ['/', ['a'], 0.45, 'ok'],
    ]);
  });

  it('puts a hung mount first, with since when stat has failed and how old its last size is', () => {
    const used = s({ node: 'a', mountpoint: '/mnt/nfs/artifacts', fstype: 'nfs4' }, [
      [60_000, 0.7],
      [120_000, 0.72],
    ]);
    const err = s({ node: 'a', mountpoint: '/mnt/nfs/artifacts' }, [
      [60_000, 0],
      [120_000, 0],
      [180_000, 1],
      [240_000, 1],
    ]);
    const disk = s({ node: 'a', mountpoint: '/data', fstype: 'xfs' }, [[240_000, 0.97]]);
    const [first, second] = storageRows([used, disk], [err], win);
    expect(first).toMatchObject({
      mountpoint: '/mnt/nfs/artifacts',
      tone: 'hung',
      hung: ['a'],
      hungSince: 180_000,
      used: 0.72,
      usedAt: 120_000,
    });
    expect(second).toMatchObject({ mountpoint: '/data', tone: 'full' });
  });

  it('shows a mount that only ever failed, and a recovered one as not hung', () => {
    const hungOnly = s({ node: 'b', mountpoint: '/mnt/nfs/x' }, [
      [0, 1],
      [60_000, 1],
    ]);
    const recovered = s({ node: 'b', mountpoint: '/mnt/nfs/y' }, [
      [0, 1],
      [60_000, 0],
    ]);
    const rows = storageRows([], [hungOnly, recovered], win);
    expect(rows.map((r) => [r.mountpoint, r.tone, r.hungSince])).toEqual([
      ['/mnt/nfs/x', 'hung', 0],
      ['/mnt/nfs/y', 'unknown', null],
    ]);
  });
});
