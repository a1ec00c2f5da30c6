import type { GpuStat, PanelSources, SeriesData, Snapshot } from '../../../shared/domain/telemetry';
import type { TimeWindow } from '../../../shared/chart/chart-data';
import { formatUtc } from '../../logic/format';
import { nodeRows, shareTone, trendFor } from '../../logic/gpu-grid';
import { panelSourceText } from '../../logic/panel-source';
import { sparkPath, sparkSpan } from '../../logic/spark-path';
import { useSlowestInterval } from '../../state/sources';
import { DataAge } from '../DataAge';
import { Name } from '../text/UntrustedText';

const SPARK_W = 64;
const SPARK_H = 16;

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
      <span className="gpu-id">GPU {g.gpu}</span>
      <span className="gpu-share">{pct}</span>
      <span className="gpu-pod">
        {g.pod ? <Name text={g.pod} /> : '—'}
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

interface Props {
  gpus: Snapshot<GpuStat[]> | null;
  /** Which sources can fill the panel and what is missing (absent from an older core). */
  panel?: PanelSources | null;
  error: string | null;
  trends: readonly SeriesData[];
  win: TimeWindow;
}

/** Every GPU at a glance, by node: how full, who holds it, and its trend over the visible window. */
export function GpuHeatmap({ gpus, panel, error, trends, win }: Props) {
  const rows = gpus ? nodeRows(gpus.data) : [];
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
            <DataAge at={gpus.at} intervalMs={intervalMs} testId="gpu-age" title={`Snapshot taken ${formatUtc(gpus.at)}`} />
          </span>
        )}
      </div>
      {error && <p className="inline-error">{error}</p>}
      {rows.length === 0 ? (
        <p className="muted panel-missing" data-testid="gpu-missing">
          {panel?.missing ?? (gpus ? 'The last poll reported no GPUs.' : 'No GPU snapshot yet.')}
        </p>
      ) : (
        rows.map((r) => (
          <div key={r.node} className="gpu-node">
            <div className="gpu-node-head">
              <span className="gpu-node-name">
                <Name text={r.node} />
              </span>
              <span className={r.full > 0 ? 'stale' : 'muted'}>
                {r.full > 0 ? `${r.full} of ${r.gpus.length} near full` : `${r.gpus.length} GPUs`}
              </span>
            </div>
            <ul className="gpu-cells">
              {r.gpus.map((g) => (
                <GpuCell key={`${g.node}/${g.gpu}`} g={g} trend={trendFor(trends, g.node, g.gpu)} win={win} />
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
