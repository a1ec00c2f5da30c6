import type { GpuStat, PanelSources, SeriesData, Snapshot } from '../../../shared/domain/telemetry';
import { useNow } from '../../hooks/useNow';
import type { TimeWindow } from '../../../shared/chart/chart-data';
import { formatAgo, formatClock, formatTime } from '../../logic/format';
import { missingGpus, nodeRows, podShortName, shareTone, trendFor, type MissingGpu } from '../../logic/gpu-grid';
import { panelSourceText } from '../../logic/panel-source';
import { sparkPath, sparkSpan } from '../../logic/spark-path';
import { useSlowestInterval } from '../../state/sources';
import { DataAge } from '../DataAge';
import { Name } from '../text/UntrustedText';
import '../../styles/gpu-heatmap.css';

const SPARK_W = 64;
const SPARK_H = 14;

function GpuCell({ g, trend, win }: { g: GpuStat; trend: SeriesData['points'] | null; win: TimeWindow }) {
  const tone = shareTone(g.share);
  const pct = g.share === null ? '—' : `${Math.round(g.share * 100)}%`;
  const who = g.sharedBy?.length
    ? `${g.sharedBy.length} workloads: ${g.sharedBy.join(', ')}`
    : g.pod
      ? `${g.namespace ? `${g.namespace}/` : ''}${g.pod}`
      : null;
  const title = [
    `${g.node} GPU ${g.gpu} (${g.model})`,
    `${g.usedMiB.toLocaleString('en-US')} of ${g.totalMiB.toLocaleString('en-US')} MiB`,
    who ? `held by ${who}` : 'no workload reported',
  ].join('\n');
  return (
    <li
      className={`gpu-cell tone-${tone}`}
      data-testid="gpu-cell"
      data-node={g.node}
      data-gpu={g.gpu}
      data-share={g.share === null ? '' : g.share.toFixed(3)}
      title={title}
    >
      <span className="gpu-top">
        <span className="gpu-id">GPU {g.gpu}</span>
        <span className="gpu-share">{pct}</span>
      </span>
      <span className="gpu-pod">
        {g.pod ? <Name text={podShortName(g.pod)} hyphenBreaks /> : '—'}
        {g.sharedBy && g.sharedBy.length > 1 ? ` +${g.sharedBy.length - 1}` : ''}
      </span>
      {trend && (
        <svg className="gpu-spark" viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} preserveAspectRatio="none" aria-hidden="true">
          <path d={sparkPath(trend, ...sparkSpan(trend, win.fromMs, win.toMs), SPARK_W, SPARK_H)} />
        </svg>
      )}
    </li>
  );
}

function MissingCell({ m, now }: { m: MissingGpu; now: number }) {
  const last = m.lastShare === null ? '' : ` at ${Math.round(m.lastShare * 100)}%`;
  return (
    <li
      className="gpu-cell tone-missing"
      data-testid="gpu-cell"
      data-node={m.node}
      data-gpu={m.gpu}
      data-share=""
      data-missing="true"
      data-last-seen={m.lastSeenAt}
      title={`${m.node} GPU ${m.gpu}${m.model ? ` (${m.model})` : ''} stopped reporting: last sample ${formatTime(m.lastSeenAt)}${last}`}
    >
      <span className="gpu-top">
        <span className="gpu-id">GPU {m.gpu}</span>
        <span className="gpu-share">—</span>
      </span>
      <span className="gpu-pod">last seen</span>
      <span className="gpu-last" data-testid="gpu-last-seen" title={formatAgo(m.lastSeenAt, now)}>
        {formatClock(m.lastSeenAt)}
      </span>
    </li>
  );
}

interface Props {
  gpus: Snapshot<GpuStat[]> | null;
  /** Which sources can fill the panel and what is missing (absent from an older core). */
  panel?: PanelSources | null;
  error: string | null;
  trends: readonly SeriesData[];
  win: TimeWindow;
  /** `gpu.memory.share` over the last hours, to tell a GPU that stopped reporting from one that never existed. */
  lastSeen?: readonly SeriesData[];
}

/** Every GPU at a glance, by node: how full, who holds it, its trend over the visible window, and which stopped reporting. */
export function GpuHeatmap({ gpus, panel, error, trends, win, lastSeen = [] }: Props) {
  const now = useNow(5_000);
  const missing = gpus ? missingGpus(gpus.data, lastSeen, gpus.at) : [];
  const rows = gpus ? nodeRows(gpus.data, missing) : [];
  const intervalMs = useSlowestInterval(gpus ? [gpus.sourceId] : []);
  const from = panelSourceText(panel, gpus?.sourceId ?? null);
  return (
    <section className="panel gpu-heatmap" data-testid="gpu-heatmap" aria-label="GPUs by node">
      <div className="chart-head">
        <h2>GPUs</h2>
        {gpus && (
          <span className="panel-source">
            {from.shown && (
              <span data-testid="gpu-source" title={from.others ?? undefined}>
                {from.shown}
              </span>
            )}
            {from.shown ? ' · ' : ''}
            <DataAge at={gpus.at} intervalMs={intervalMs} testId="gpu-age" title={`Snapshot taken ${formatTime(gpus.at)}`} />
          </span>
        )}
        {missing.length > 0 && (
          <span className="gpu-missing-count" data-testid="gpu-missing-count">
            {missing.length} not reporting
          </span>
        )}
      </div>
      {error && <p className="inline-error">{error}</p>}
      {rows.length === 0 ? (
        <p className="muted panel-missing" data-testid="gpu-missing">
          {panel?.missing ?? (gpus ? 'The last poll reported no GPUs.' : 'No GPU snapshot yet.')}
        </p>
      ) : (
        rows.map((r) => {
          const gone = r.gpus.length === 0 && r.missing.length > 0;
          const lastSeen = gone ? Math.max(...r.missing.map((m) => m.lastSeenAt)) : null;
          return (
            <div
              key={r.node}
              className={`gpu-node${gone ? ' node-missing' : ''}`}
              data-testid="gpu-node"
              data-node={r.node}
              data-missing={gone}
            >
              <div className="gpu-node-head">
                <span className="gpu-node-name">
                  <Name text={r.node} />
                </span>
                {lastSeen !== null ? (
                  <span
                    className="node-gone"
                    data-testid="gpu-node-missing"
                    title={`last sample ${formatTime(lastSeen)}, ${formatAgo(lastSeen, now)}`}
                  >
                    not reporting since {formatClock(lastSeen)}
                  </span>
                ) : (
                  <span className={r.full > 0 || r.missing.length > 0 ? 'stale' : 'muted'}>
                    {[
                      r.full > 0 ? `${r.full} of ${r.gpus.length} near full` : `${r.gpus.length} GPUs`,
                      r.missing.length > 0 ? `${r.missing.length} missing` : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                )}
              </div>
              <ul className="gpu-cells">
                {r.gpus.map((g) => (
                  <GpuCell key={`${g.node}/${g.gpu}`} g={g} trend={trendFor(trends, g.node, g.gpu)} win={win} />
                ))}
                {r.missing.map((m) => (
                  <MissingCell key={`${m.node}/${m.gpu}`} m={m} now={now} />
                ))}
              </ul>
            </div>
          );
        })
      )}
    </section>
  );
}
