import { z } from 'zod';
import { EXPORT_FORMATS, type FileChunk, type ReportJob, type ReportOutline } from '../domain/reports';
import { emptyInput, out } from './define';
import { incidentId } from './schemas';

/** Base64 characters per upload call: 150 KiB of file, well inside MAX_INPUT_BYTES with the JSON around it. */
export const UPLOAD_CHUNK_CHARS = 200_000;
/** Bytes per `report:read-file` answer. */
export const DOWNLOAD_CHUNK_BYTES = 1024 * 1024;
/** The largest bundle accepted; an incident with days of full-resolution samples stays well below. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

const jobId = z.uuid({ message: 'not a job id' });
const base64 = z
  .string()
  .max(UPLOAD_CHUNK_CHARS)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/**
 * Reports and bundles. Exports and imports run as jobs in main: progress is pushed as
 * `report:job-changed`, a finished export's file is fetched in chunks (the console saves it), and a
 * bundle to import is sent in chunks first. Files never cross as paths: the renderer names nothing on disk.
 */
export const reportChannels = {
  'report:outline': { input: z.strictObject({ id: incidentId }), output: out<ReportOutline>() },
  'report:start-export': {
    input: z.strictObject({ id: incidentId, format: z.enum(EXPORT_FORMATS) }),
    output: out<ReportJob>(),
  },
  /** Stops a running job; its partial file or rows are never kept. Cancelling a finished job only says how it ended. */
  'report:cancel-job': { input: z.strictObject({ jobId }), output: out<ReportJob>() },
  'report:list-jobs': { input: emptyInput, output: out<ReportJob[]>() },
  'report:read-file': {
    input: z.strictObject({
      jobId,
      offset: z
        .number()
        .int()
        .min(0)
        .max(MAX_BUNDLE_BYTES * 4),
    }),
    output: out<FileChunk>(),
  },
  /** The console saved the file (or gave up): main deletes its copy. */
  'report:discard-file': { input: z.strictObject({ jobId }), output: out<{ jobId: string }>() },
  /** Appends a chunk of a bundle file; the first call (offset 0, no uploadId) starts an upload. */
  'bundle:upload-chunk': {
    input: z.strictObject({
      uploadId: jobId.nullable(),
      fileName: z.string().trim().min(1).max(255),
      totalBytes: z.number().int().min(1).max(MAX_BUNDLE_BYTES),
      offset: z.number().int().min(0).max(MAX_BUNDLE_BYTES),
      base64,
    }),
    output: out<{ uploadId: string; received: number }>(),
  },
  'bundle:start-import': { input: z.strictObject({ uploadId: jobId }), output: out<ReportJob>() },
  'bundle:cancel-upload': { input: z.strictObject({ uploadId: jobId }), output: out<{ uploadId: string }>() },
} as const;
