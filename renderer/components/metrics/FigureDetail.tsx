import type { MetricFigure } from '../../../shared/domain/incident-metrics';
import { formatDuration } from '../../logic/format';
import { closeFigure } from '../../state/metrics';
import { selectIncident } from '../../state/detail';
import { Name } from '../text/UntrustedText';

/** The incidents a figure was computed from, each with its value, and the ones left out with why. */
export function FigureDetail({ group, figure }: { group: string; figure: MetricFigure }) {
  return (
    <aside className="figure-detail" aria-label={`${figure.short} for ${group}`} data-testid="figure-detail">
      <header>
        <h2>
          {figure.short} · {group}
        </h2>
        <button type="button" className="btn" onClick={closeFigure} aria-label="Close">
          Close
        </button>
      </header>
      <p className="formula">
        Per incident: <code>{figure.formula}</code>
      </p>
      <p className="muted">
        {figure.n === 0
          ? 'No incident has the times this needs.'
          : `Median ${formatDuration(figure.medianMs ?? 0)}, p90 ${formatDuration(figure.p90Ms ?? 0)}, mean ${formatDuration(figure.meanMs ?? 0)} over n = ${figure.n}.`}
      </p>
      <h3>Computed from ({figure.samples.length})</h3>
      <table className="figure-samples" data-testid="figure-samples">
        <tbody>
          {[...figure.samples]
            .sort((a, b) => b.valueMs - a.valueMs)
            .map((s) => (
              <tr key={`${s.incidentId}-${s.basis}`}>
                <td>
                  <button type="button" className="link" onClick={() => selectIncident(s.incidentId)}>
                    {s.ref}
                  </button>
                </td>
                <td className="figure-title">
                  <Name text={s.title} />
                </td>
                <td className="num">{formatDuration(s.valueMs)}</td>
                <td className="muted">{s.basis}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h3>Excluded ({figure.excluded.length})</h3>
      {figure.excluded.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="figure-excluded" data-testid="figure-excluded">
          <tbody>
            {figure.excluded.map((e) => (
              <tr key={e.incidentId}>
                <td>
                  <button type="button" className="link" onClick={() => selectIncident(e.incidentId)}>
                    {e.ref}
                  </button>
                </td>
                <td className="figure-title">
                  <Name text={e.title} />
                </td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
