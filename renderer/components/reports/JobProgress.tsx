import type { ReportJob } from '../../../shared/domain/reports';

const STATE_TEXT: Readonly<Record<ReportJob['state'], string>> = {
  running: '',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** One export or import: what it is doing now, how far it is, and a way to stop it. */
export function JobProgress({ job, label, onCancel }: { job: ReportJob; label: string; onCancel: () => void }) {
  const pct = job.state === 'done' ? 100 : Math.round((100 * job.done) / Math.max(1, job.total));
  return (
    <div className={`job job-${job.state}`} data-testid="report-job" data-state={job.state} data-kind={job.kind}>
      <div className="job-head">
        <span className="job-label">{label}</span>
        {job.state !== 'running' && <span className="job-state">{STATE_TEXT[job.state]}</span>}
        {job.state === 'running' && (
          <button type="button" className="btn btn-small btn-quiet" onClick={onCancel} data-testid="report-job-cancel">
            Cancel
          </button>
        )}
      </div>
      <div
        className="job-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={job.phase}
      >
        <div className="job-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="job-phase" data-testid="report-job-phase">
        {job.phase}
      </p>
      {job.message && (
        <p className={job.state === 'failed' ? 'inline-error' : 'job-message'} data-testid="report-job-message">
          {job.message}
        </p>
      )}
    </div>
  );
}
