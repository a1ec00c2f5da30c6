import type { SeriesData, SeriesPoint } from '../../shared/domain/telemetry';
import { combine, dedupeByLabels, type TimeWindow } from '../../shared/chart/chart-data';
import { FULL_SHARE, WARN_SHARE } from './gpu-grid';

export type StorageTone = 'ok' | 'warn' | 'full' | 'hung' | 'unknown';

/** One mount as the storage panel shows it: the same export seen from several nodes is one row. */
export interface MountRow {
  mountpoint: string;
  fstype: string;
  nodes: string[];
  /** The fullest node's share at its newest sample; null when no size was ever read. */
  used: number | null;
  /** When `used` was read: a hung mount stops reporting sizes, so this falls behind. */
  usedAt: number | null;
  /** The fullest node's share over the window. */
  trend: SeriesPoint[];
  /** Nodes whose newest stat of this mount failed (a hung NFS mount), and since when it has failed without a break. */
  hung: string[];
  hungSince: number | null;
  tone: StorageTone;
}

const NETWORK_FS = /^(nfs|nfs4|cifs|smb|glusterfs|ceph|fuse\..*)$/;

function lastFinite(points: readonly SeriesPoint[]): SeriesPoint | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p && p[1] !== null && Number.isFinite(p[1])) return p;
  }
  return null;
}

/** Start of the run of 1s the series ends in; null when its newest value is not 1. */
function failingSince(points: readonly SeriesPoint[]): number | null {
  let since: number | null = null;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (!p || p[1] === null) continue;
    if (p[1] < 1) break;
    since = p[0];
  }
  return since;
}

/**
 * Mounts from `fs.used_share` and `fs.device_error`, grouped by mountpoint and type across nodes.
 * Hung first, then fullest first; network filesystems (where "the platform" fills up) before local
 * disks of the same fullness.
 */
export function storageRows(used: readonly SeriesData[], errors: readonly SeriesData[], win: TimeWindow): MountRow[] {
  const rows = new Map<string, MountRow & { series: SeriesPoint[][] }>();
  const row = (mountpoint: string, fstype: string): MountRow & { series: SeriesPoint[][] } => {
    const key = `${mountpoint}\u0000${fstype}`;
    let r = rows.get(key);
    if (!r) {
      r = { mountpoint, fstype, nodes: [], used: null, usedAt: null, trend: [], hung: [], hungSince: null, tone: 'unknown', series: [] };
      rows.set(key, r);
    }
    return r;
  };
  const typeOf = new Map<string, string>();
  for (const s of dedupeByLabels(used)) {
    const mount = s.labels.mountpoint ?? '?';
    const fstype = s.labels.fstype ?? '';
    typeOf.set(`${s.labels.node ?? ''}\u0000${mount}`, fstype);
    const r = row(mount, fstype);
    const node = s.labels.node ?? '?';
    if (!r.nodes.includes(node)) r.nodes.push(node);
    r.series.push(s.points);
    const last = lastFinite(s.points);
    if (last && last[1] !== null && (r.used === null || last[1] > r.used)) {
      r.used = last[1];
      r.usedAt = last[0];
    }
  }
  for (const s of dedupeByLabels(errors)) {
    const node = s.labels.node ?? '?';
    const mount = s.labels.mountpoint ?? '?';
    const since = failingSince(s.points);
    // A mount that never reported a size (hung since before the window) still gets a row.
    const r = row(mount, typeOf.get(`${node}\u0000${mount}`) ?? rowsTypeFor(rows, mount));
    if (!r.nodes.includes(node)) r.nodes.push(node);
    if (since !== null) {
      r.hung.push(node);
      r.hungSince = r.hungSince === null ? since : Math.min(r.hungSince, since);
    }
  }
  const out: MountRow[] = [];
  for (const { series, ...r } of rows.values()) {
    r.nodes.sort();
    r.hung.sort();
    r.trend = combine(series, 'max', win, 120);
    r.tone =
      r.hung.length > 0 ? 'hung' : r.used === null ? 'unknown' : r.used >= FULL_SHARE ? 'full' : r.used >= WARN_SHARE ? 'warn' : 'ok';
    out.push(r);
  }
  const rank = (r: MountRow): number => (r.tone === 'hung' ? 0 : 1);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (b.used ?? -1) - (a.used ?? -1) ||
      Number(NETWORK_FS.test(b.fstype)) - Number(NETWORK_FS.test(a.fstype)) ||
      a.mountpoint.localeCompare(b.mountpoint),
  );
}

function rowsTypeFor(rows: Map<string, MountRow>, mount: string): string {
  for (const r of rows.values()) if (r.mountpoint === mount) return r.fstype;
  return '';
}
