import { useEffect, useRef } from 'react';
import { cancelJob, dismissImport, followReportJobs, importBundle, useImportJob } from '../../state/reports';
import { JobProgress } from './JobProgress';
import '../../styles/reports.css';

/**
 * Above the incident list: import an incident bundle (a .pitwall.json file from another Pitwall or
 * an earlier export). The whole file is checked before anything is written; the outcome (imported,
 * renumbered, already here, or why it was refused) stays until dismissed.
 */
export function ImportBundle() {
  const input = useRef<HTMLInputElement>(null);
  const job = useImportJob();
  useEffect(followReportJobs, []);
  const running = job?.state === 'running';

  return (
    <div className="import-bundle">
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-bundle-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importBundle(file);
        }}
      />
      <button
        type="button"
        className="btn btn-small"
        disabled={running}
        onClick={() => input.current?.click()}
        data-testid="import-bundle"
        title="Import an incident bundle (.pitwall.json) exported by Pitwall"
      >
        Import bundle…
      </button>
      {job && (
        <div className="import-outcome" data-testid="import-outcome">
          <JobProgress job={job} label={`Import of ${job.fileName ?? 'a bundle'}`} onCancel={() => void cancelJob(job.id)} />
          {!running && (
            <button type="button" className="btn btn-small btn-quiet" onClick={dismissImport} data-testid="import-dismiss">
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
