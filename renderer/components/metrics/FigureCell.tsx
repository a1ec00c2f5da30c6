import type { MetricFigure } from '../../../shared/domain/incident-metrics';
import { formatDuration } from '../../logic/format';
import { openFigure } from '../../state/metrics';

/**
 * A figure as a button: median (big), p90 and n beside it; a click lists the incidents it came from.
 * With no incident to compute from it says so: never NaN, never a zero.
 */
export function FigureCell({
  groupKey,
  group,
  figure,
  big = false,
}: {
  groupKey: string;
  group: string;
  figure: MetricFigure;
  big?: boolean;
}) {
  const excluded = figure.excluded.length;
  return (
    <button
      type="button"
      className={`figure${big ? ' figure-big' : ''}${figure.n === 0 ? ' figure-none' : ''}`}
      onClick={() => openFigure(group, figure)}
      data-testid={`figure-${groupKey}-${figure.metric}`}
      data-n={figure.n}
      title={`${figure.short}: ${figure.formula}. Click for the incidents.`}
    >
      {big && <span className="figure-name">{figure.short}</span>}
      {figure.n === 0 ? (
        <span className="figure-median">no data</span>
      ) : (
        <>
          <span className="figure-median">{formatDuration(figure.medianMs ?? 0)}</span>
          <span className="figure-sub">
            p90 {formatDuration(figure.p90Ms ?? 0)} · n={figure.n}
          </span>
        </>
      )}
      {excluded > 0 && <span className="figure-excluded-count">{excluded} excluded</span>}
      {big && <span className="figure-formula">{figure.formula}</span>}
    </button>
  );
}
