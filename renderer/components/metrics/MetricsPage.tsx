import { useEffect } from 'react';
import { METRIC_WINDOWS, type MetricGroup } from '../../../shared/domain/incident-metrics';
import { loadMetrics, setMetricsWindow, useMetricsError, useMetricsReport, useMetricsWindow, useOpenFigure } from '../../state/metrics';
import { CountsChart } from './CountsChart';
import { FigureCell } from './FigureCell';
import { FigureDetail } from './FigureDetail';
import '../../styles/metrics.css';

/**
 * `#/metrics`: MTTD, MTTA, MTTR and MTBF over 30, 90 or 365 days, overall, by severity and by
 * incident type, with incident counts over time. Medians and p90 with n (durations are skewed); each
 * figure prints its formula and opens the incidents it came from and the ones excluded.
 */
export function MetricsPage() {
  const windowDays = useMetricsWindow();
  const report = useMetricsReport();
  const error = useMetricsError();
  const open = useOpenFigure();

  useEffect(() => {
    void loadMetrics();
  }, []);

  return (
    <section className="page metrics-page" aria-labelledby="metrics-heading" data-testid="metrics-page">
      <header className="page-head">
        <h1 id="metrics-heading">Incident metrics</h1>
        <div className="segmented" role="group" aria-label="Window">
          {METRIC_WINDOWS.map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={windowDays === d}
              onClick={() => setMetricsWindow(d)}
              data-testid={`metrics-window-${d}`}
            >
              {d} days
            </button>
          ))}
        </div>
      </header>
      {error && <p className="inline-error">{error}</p>}
      {report && report.incidents === 0 && (
        <p className="empty" data-testid="metrics-empty">
          No incident was declared in the last {report.windowDays} days, so there is nothing to measure. Pick a longer window.
        </p>
      )}
      {report && report.incidents > 0 && (
        <div className={`metrics-body${open ? ' with-detail' : ''}`}>
          <div className="metrics-main">
            <p className="muted" data-testid="metrics-summary">
              {report.incidents} incident{report.incidents === 1 ? '' : 's'}. {report.method}
            </p>
            <div className="figure-row" data-testid="metrics-overall">
              {report.overall.figures.map((f) => (
                <FigureCell key={f.metric} groupKey="all" group="All incidents" figure={f} big />
              ))}
            </div>
            <GroupTable title="By severity" groups={report.bySeverity} testId="metrics-by-severity" />
            <h2>By incident type</h2>
            <p className="muted">{report.typeNote}</p>
            {report.byType.length > 0 && <GroupTable title="" groups={report.byType} testId="metrics-by-type" />}
            <h2>Incidents per {report.bucket}</h2>
            <CountsChart counts={report.counts} bucket={report.bucket} />
          </div>
          {open && <FigureDetail group={open.group} figure={open.figure} />}
        </div>
      )}
    </section>
  );
}

function GroupTable({ title, groups, testId }: { title: string; groups: readonly MetricGroup[]; testId: string }) {
  const first = groups[0];
  if (!first) return null;
  return (
    <>
      {title && <h2>{title}</h2>}
      <div className="table-scroll">
        <table className="metrics-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="num">
                Incidents
              </th>
              {first.figures.map((f) => (
                <th key={f.metric} scope="col" title={f.formula}>
                  {f.short}
                  <span className="th-formula">{f.formula}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                <td className="num">{g.incidents}</td>
                {g.figures.map((f) => (
                  <td key={f.metric}>
                    <FigureCell groupKey={g.key} group={g.label} figure={f} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
