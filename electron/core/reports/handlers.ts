import type { reportChannels } from '../../../shared/contract/reports';
import type { HandlersFor } from '../handlers';
import type { ReportsDomain } from './reports-domain';

/** The report and bundle channels: outlines, export and import jobs, file transfer in chunks. */
export function reportsHandlers({ service, jobs }: ReportsDomain): HandlersFor<typeof reportChannels> {
  return {
    'report:outline': ({ id }) => service.outline(id),
    'report:start-export': ({ id, format }) => jobs.startExport(id, format),
    'report:cancel-job': ({ jobId }) => jobs.cancel(jobId),
    'report:list-jobs': () => jobs.list(),
    'report:read-file': ({ jobId, offset }) => jobs.readFile(jobId, offset),
    'report:discard-file': ({ jobId }) => jobs.discard(jobId),
    'bundle:upload-chunk': (input) => jobs.upload(input),
    'bundle:start-import': ({ uploadId }) => jobs.startImport(uploadId),
    'bundle:cancel-upload': ({ uploadId }) => jobs.cancelUpload(uploadId),
  };
}
