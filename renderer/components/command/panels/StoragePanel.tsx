import { useMemo } from 'react';
import { useNow } from '../../../hooks/useNow';
import type { TimeWindow } from '../../../../shared/chart/chart-data';
import { formatAgo, formatClock } from '../../../logic/format';
import { storageRows, type MountRow } from '../../../logic/storage-rows';
import { Name } from '../../text/UntrustedText';
import { Sparkline } from '../queue/Sparkline';
import type { PanelFetch } from './usePanelSeries';
import '../../../styles/side-panels.css';

const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);

function MountLine({ row, now, win }: { row: MountRow; now: number; win: TimeWindow }) {
  const where = row.nodes.length === 1 ? row.nodes[0] : `${row.nodes.length} nodes`;
  const title = `${row.mountpoint} (${row.fstype || 'unknown type'}) on ${row.nodes.join(', ')}`;
  return (
    <li className={`mount-row tone-${row.tone}`} data-testid="storage-row" data-mount={row.mountpoint} data-tone={row.tone} title={title}>
      <span className="mount-name">
        <Name text={row.mountpoint} />
      </span>
      <span className="mount-where muted">
        <Name text={row.fstype} /> · <Name text={where ?? ''} />
      </span>
      {row.tone === 'hung' ? (
        <span className="mount-state" data-testid="storage-hung">
          HUNG since {formatClock(row.hungSince ?? now)}
          {row.hung.length < row.nodes.length && (
            <>
              {' on '}
              <Name text={row.hung.join(', ')} />
            </>
          )}
          {row.used !== null && row.usedAt !== null && (
            <span className="muted">
              {' '}
              · last size {pct(row.used)} {formatAgo(row.usedAt, now)}
            </span>
          )}
        </span>
      ) : (
        <>
          <Sparkline points={row.trend} win={win} />
          <span className="mount-used" data-testid="storage-used">
            {pct(row.used)}
          </span>
        </>
      )}
    </li>
  );
}

/**
 * Filesystems from the stored node_exporter series: how full (the fullest node of a shared export),
 * the trend over the window, and a hung mount named as such with since when, since a hung NFS
 * mount stops reporting sizes rather than reading zero.
 */
export function StoragePanel({ fetch, storageFullPerMin }: { fetch: PanelFetch; storageFullPerMin: number | null }) {
  const now = useNow(5_000);
  const data = fetch.data;
  const rows = useMemo(() => (data ? storageRows(data.fsUsed, data.fsError, data.win) : []), [data]);
  const worst = rows[0]?.tone ?? 'unknown';
  return (
    <section className={`panel side-panel storage-panel tone-${worst}`} aria-labelledby="storage-h" data-testid="storage-panel">
      <div className="side-head">
        <h2 id="storage-h">Storage</h2>
        {storageFullPerMin !== null && storageFullPerMin > 0 && (
          <span className="side-alert" data-testid="storage-full-rate" title="Writes refused with HTTP 507 (storage full), e.g. MinIO">
            {Math.round(storageFullPerMin).toLocaleString('en-US')}/min writes refused (507)
          </span>
        )}
      </div>
      {fetch.error && <p className="inline-error side-note">{fetch.error}</p>}
      {rows.length === 0 ? (
        <p className="muted side-note">{data ? 'No filesystem series in this window (node_exporter).' : 'Reading…'}</p>
      ) : (
        <ul className="mount-list">
          {rows.slice(0, 4).map((r) => (
            <MountLine key={`${r.mountpoint}|${r.fstype}`} row={r} now={now} win={data?.win ?? { fromMs: 0, toMs: 0 }} />
          ))}
        </ul>
      )}
      {rows.length > 4 && <p className="muted side-note">and {rows.length - 4} more mounts, less full</p>}
    </section>
  );
}
