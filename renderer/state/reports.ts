import { useMemo } from 'react';
import { create } from 'zustand';
import { UPLOAD_CHUNK_CHARS } from '../../shared/contract/reports';
import type { ExportFormat, ReportJob, ReportOutline } from '../../shared/domain/reports';
import { call, errorMessage, onEvent } from '../api/client';
import { base64ToBytes, bytesToBase64, formatBytes } from '../logic/base64';
import { selectIncident } from './detail';
import { loadIncidents } from './incidents';

/** What the console is doing with a finished export's file. */
export type Delivery = { state: 'saving' } | { state: 'saved'; fileName: string; bytes: number } | { state: 'failed'; message: string };

interface ReportsState {
  jobs: Record<string, ReportJob>;
  /** Exports started here: only those are saved by this console when they finish. */
  mine: Record<string, true>;
  deliveries: Record<string, Delivery>;
  /** The import the sidebar follows: a local upload first, then main's job. */
  importJobId: string | null;
  outlines: Record<number, { outline: ReportOutline | null; error: string | null }>;
}

const useReportsStore = create<ReportsState>()(() => ({ jobs: {}, mine: {}, deliveries: {}, importJobId: null, outlines: {} }));

/** This incident's exports, newest first. */
export function useExportJobs(incidentId: number): ReportJob[] {
  const jobs = useReportsStore((s) => s.jobs);
  return useMemo(
    () =>
      Object.values(jobs)
        .filter((j) => j.kind === 'export' && j.incidentId === incidentId)
        .sort((a, b) => b.startedAt - a.startedAt),
    [jobs, incidentId],
  );
}
export const useDelivery = (jobId: string): Delivery | undefined => useReportsStore((s) => s.deliveries[jobId]);
export const useImportJob = (): ReportJob | null => useReportsStore((s) => (s.importJobId ? (s.jobs[s.importJobId] ?? null) : null));
export const useOutline = (incidentId: number): { outline: ReportOutline | null; error: string | null } | undefined =>
  useReportsStore((s) => s.outlines[incidentId]);

function putJob(job: ReportJob): void {
  const before = useReportsStore.getState().jobs[job.id];
  // Events can overtake a call's answer: never go back to an earlier step.
  if (before && before.state !== 'running' && job.state === 'running') return;
  useReportsStore.setState((s) => ({ jobs: { ...s.jobs, [job.id]: job } }));
  if (job.state === 'done' && before?.state !== 'done') void finished(job);
}

async function finished(job: ReportJob): Promise<void> {
  if (job.kind === 'import' && job.imported) {
    await loadIncidents();
    if (job.imported.status === 'imported' || job.imported.status === 'already-present') selectIncident(job.imported.incidentId);
    return;
  }
  if (job.kind === 'export' && useReportsStore.getState().mine[job.id]) await save(job);
}

function setDelivery(jobId: string, d: Delivery): void {
  useReportsStore.setState((s) => ({ deliveries: { ...s.deliveries, [jobId]: d } }));
}

const MIME: Readonly<Record<ExportFormat, string>> = {
  pdf: 'application/pdf',
  markdown: 'text/markdown;charset=utf-8',
  bundle: 'application/json',
};

/**
 * Fetches a finished export in chunks and hands it to the browser as a download (Electron shows
 * its save dialog for it); main's copy is then deleted.
 */
async function save(job: ReportJob): Promise<void> {
  setDelivery(job.id, { state: 'saving' });
  try {
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let offset = 0;
    for (;;) {
      const chunk = await call('report:read-file', { jobId: job.id, offset });
      parts.push(base64ToBytes(chunk.base64));
      offset += chunk.bytes;
      if (chunk.bytes === 0 || offset >= chunk.total) break;
    }
    const fileName = job.fileName ?? 'report';
    const url = URL.createObjectURL(new Blob(parts, { type: job.format ? MIME[job.format] : 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setDelivery(job.id, { state: 'saved', fileName, bytes: offset });
    await call('report:discard-file', { jobId: job.id });
  } catch (err) {
    setDelivery(job.id, { state: 'failed', message: `Could not save the file: ${errorMessage(err)}` });
  }
}

let listening = false;

/** Follows pushed job changes; re-reads the job list (a reconnect may have missed events). */
export function followReportJobs(): void {
  if (!listening) {
    listening = true;
    onEvent('report:job-changed', (job) => {
      if (typeof job === 'object' && job !== null && typeof job.id === 'string') putJob(job);
    });
  }
  void call('report:list-jobs', {})
    .then((jobs) => jobs.forEach(putJob))
    .catch(() => {});
}

export async function loadOutline(incidentId: number): Promise<void> {
  try {
    const outline = await call('report:outline', { id: incidentId });
    useReportsStore.setState((s) => ({ outlines: { ...s.outlines, [incidentId]: { outline, error: null } } }));
  } catch (err) {
    useReportsStore.setState((s) => ({ outlines: { ...s.outlines, [incidentId]: { outline: null, error: errorMessage(err) } } }));
  }
}

export async function startExport(incidentId: number, format: ExportFormat): Promise<string | null> {
  try {
    const job = await call('report:start-export', { id: incidentId, format });
    useReportsStore.setState((s) => ({ mine: { ...s.mine, [job.id]: true } }));
    // A short export can finish, and its pushed "done" arrive, before this answer: it was not ours yet then.
    const seen = useReportsStore.getState().jobs[job.id];
    if (seen?.state === 'done') await finished(seen);
    else putJob(job);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

export async function cancelJob(jobId: string): Promise<void> {
  const local = uploads.get(jobId);
  if (local) {
    local.cancelled = true;
    return;
  }
  try {
    putJob(await call('report:cancel-job', { jobId }));
  } catch {
    // Finished meanwhile: its last event says how it ended.
  }
}

/** Uploads in progress, by their local job id, so Cancel can stop between chunks. */
const uploads = new Map<string, { cancelled: boolean }>();
let uploadSeq = 0;

function localJob(id: string, change: Partial<ReportJob>): void {
  const cur = useReportsStore.getState().jobs[id];
  const base: ReportJob = cur ?? {
    id,
    kind: 'import',
    format: null,
    incidentId: null,
    ref: null,
    state: 'running',
    phase: '',
    done: 0,
    total: 1,
    startedAt: Date.now(),
    endedAt: null,
    fileName: null,
    bytes: null,
    message: null,
    imported: null,
  };
  useReportsStore.setState((s) => ({ jobs: { ...s.jobs, [id]: { ...base, ...change } } }));
}

/**
 * Sends a bundle to main in chunks (showing how much is sent), then starts the import there; from
 * then on the sidebar follows main's job. Cancel stops the upload between chunks, and main deletes
 * what it received.
 */
export async function importBundle(file: File): Promise<void> {
  const id = `upload-${++uploadSeq}`;
  const state = { cancelled: false };
  uploads.set(id, state);
  useReportsStore.setState({ importJobId: id });
  const total = file.size;
  localJob(id, { phase: `Sending ${file.name} (${formatBytes(total)})`, done: 0, total: Math.max(1, total), fileName: file.name });
  let uploadId: string | null = null;
  try {
    if (total === 0) throw new Error(`${file.name} is empty.`);
    const chunkBytes = (UPLOAD_CHUNK_CHARS / 4) * 3;
    let offset = 0;
    while (offset < total) {
      if (state.cancelled) {
        if (uploadId) await call('bundle:cancel-upload', { uploadId });
        localJob(id, { state: 'cancelled', phase: 'Cancelled; nothing was imported', endedAt: Date.now() });
        return;
      }
      const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      const r: { uploadId: string; received: number } = await call('bundle:upload-chunk', {
        uploadId,
        fileName: file.name,
        totalBytes: total,
        offset,
        base64: bytesToBase64(bytes),
      });
      uploadId = r.uploadId;
      offset = r.received;
      localJob(id, { phase: `Sending ${file.name}: ${formatBytes(offset)} of ${formatBytes(total)}`, done: offset });
    }
    if (!uploadId) throw new Error('The upload did not start.');
    const job = await call('bundle:start-import', { uploadId });
    useReportsStore.setState((s) => {
      const jobs = { ...s.jobs };
      delete jobs[id];
      return { jobs, importJobId: job.id };
    });
    putJob(job);
  } catch (err) {
    localJob(id, { state: 'failed', phase: 'Failed', message: errorMessage(err), endedAt: Date.now() });
  } finally {
    uploads.delete(id);
  }
}

export function dismissImport(): void {
  useReportsStore.setState({ importJobId: null });
}
