import { useEffect, useState } from 'react';
import { EXPORT_FORMATS, FORMAT_LABEL, type ExportFormat, type ReportJob } from '../../../shared/domain/reports';
import { formatBytes } from '../../logic/base64';
import { formatUtc } from '../../logic/format';
import { cancelJob, followReportJobs, loadOutline, startExport, useDelivery, useExportJobs, useOutline } from '../../state/reports';
import type { IncidentTabProps } from '../incident/incident-tabs';
import { JobProgress } from './JobProgress';
import '../../styles/reports.css';

const FORMAT_HELP: Readonly<Record<ExportFormat, string>> = {
  pdf: 'For stakeholders: A4, charts as vectors, page N of M.',
  markdown: 'The same report as text, for a wiki or a ticket.',
  bundle: 'The whole incident with its samples, for another Pitwall (import it there).',
};

function Delivered({ job }: { job: ReportJob }) {
  const d = useDelivery(job.id);
  if (job.state !== 'done' || !d) return null;
  if (d.state === 'saving') return <p className="job-message">Saving the file…</p>;
  if (d.state === 'failed') return <p className="inline-error">{d.message}</p>;
  return (
    <p className="job-message" data-testid="report-saved">
      Saved {d.fileName} ({formatBytes(d.bytes)}).
    </p>
  );
}

/**
 * The incident's report: what it will hold, and exports to PDF, Markdown and a JSON bundle, each
 * a job with its progress and a Cancel. Made from what Pitwall stored, so it works with every
 * source down, at any point of the incident.
 */
export function ReportTab({ incident, timeline }: IncidentTabProps) {
  const outline = useOutline(incident.id);
  const jobs = useExportJobs(incident.id);
  const [error, setError] = useState<string | null>(null);
  useEffect(followReportJobs, []);
  useEffect(() => {
    void loadOutline(incident.id);
  }, [incident.id, incident.updatedAt, timeline.length]);

  const o = outline?.outline;
  return (
    <section className="panel report-tab" aria-label="Report and export" data-testid="report-tab">
      <div className="report-columns">
        <div>
          <h2>Export</h2>
          <div className="report-actions">
            {EXPORT_FORMATS.map((f) => (
              <div key={f} className="report-action">
                <button
                  type="button"
                  className={`btn${f === 'pdf' ? ' btn-primary' : ''}`}
                  onClick={() => {
                    setError(null);
                    void startExport(incident.id, f).then(setError);
                  }}
                  data-testid={`export-${f}`}
                >
                  {FORMAT_LABEL[f]}
                </button>
                <span className="muted">{FORMAT_HELP[f]}</span>
              </div>
            ))}
          </div>
          {error && <p className="inline-error">{error}</p>}
          <div className="report-jobs" data-testid="report-jobs">
            {jobs.map((j) => (
              <div key={j.id}>
                <JobProgress
                  job={j}
                  label={`${j.format ? FORMAT_LABEL[j.format] : 'Export'} · ${formatUtc(j.startedAt)}`}
                  onCancel={() => void cancelJob(j.id)}
                />
                <Delivered job={j} />
              </div>
            ))}
          </div>
        </div>
        <div>
          <h2>What the report holds</h2>
          {outline?.error && <p className="inline-error">{outline.error}</p>}
          {o && (
            <>
              <ol className="report-outline" data-testid="report-outline">
                {o.sections.map((s) => (
                  <li key={s.id} data-section={s.id}>
                    <span>{s.title}</span>
                    {s.entries !== null && <span className="muted">{s.note}</span>}
                  </li>
                ))}
              </ol>
              <p className="muted">
                Samples {formatUtc(o.window.fromMs)} – {formatUtc(o.window.toMs)}: {o.points.toLocaleString('en-US')} points in {o.series}{' '}
                series for the charts. Times in the report are UTC.
              </p>
              {o.imported && (
                <p className="report-imported" data-testid="report-imported">
                  Imported {formatUtc(o.imported.importedAt)} by {o.imported.importedBy} from {o.imported.fileName} (exported{' '}
                  {formatUtc(o.imported.exportedAt)} by {o.imported.exportedBy}, {o.imported.exportedFrom})
                  {o.imported.renumberedFrom ? `; it was ${o.imported.renumberedFrom} there` : ''}.
                </p>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
