import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DOWNLOAD_CHUNK_BYTES } from '../../../shared/contract/reports';
import { AppFailure } from '../../../shared/contract/result';
import { FORMAT_LABEL, type ExportFormat, type FileChunk, type ReportJob } from '../../../shared/domain/reports';
import { isAbortError } from '../../platform/pdf-printer';
import type { Progress, ReportService } from './report-service';

export interface ReportJobsDeps {
  service: ReportService;
  /** Where finished exports and uploads wait (dataDir/transfers); emptied at start and close. */
  dir: string;
  emit: (job: ReportJob) => void;
  incidentRef: (id: number) => string;
  now: () => number;
  newId: () => string;
  log: (message: string, err?: unknown) => void;
}

interface Upload {
  path: string;
  fileName: string;
  total: number;
  received: number;
  touchedAt: number;
}

/** Finished jobs (and their files) are forgotten after this; uploads idle this long are dropped. */
const KEEP_MS = 60 * 60_000;
const UPLOAD_IDLE_MS = 10 * 60_000;
const MAX_RUNNING = 4;

/**
 * Exports and imports started from the console. Each is a job with an id: its progress is pushed
 * (`report:job-changed`) on every step, it can be cancelled, and a finished export's file waits
 * in the transfers folder until the console has fetched it. Uploads of bundles land there too.
 */
export class ReportJobs {
  private readonly jobs = new Map<string, { job: ReportJob; abort: AbortController; file: string | null }>();
  private readonly uploads = new Map<string, Upload>();
  /** Uploaded files an import job is reading. */
  private readonly importing = new Set<string>();

  constructor(private readonly deps: ReportJobsDeps) {
    // Leftovers of a run that crashed are partial by definition.
    rmSync(deps.dir, { recursive: true, force: true });
    mkdirSync(deps.dir, { recursive: true, mode: 0o700 });
  }

  list(): ReportJob[] {
    this.sweep();
    return [...this.jobs.values()].map((j) => j.job).sort((a, b) => a.startedAt - b.startedAt);
  }

  startExport(incidentId: number, format: ExportFormat): ReportJob {
    const ref = this.deps.incidentRef(incidentId);
    const id = this.deps.newId();
    const file = join(this.deps.dir, `${id}.out`);
    const entry = this.begin(id, { kind: 'export', format, incidentId, ref, phase: `Preparing the ${FORMAT_LABEL[format]}` }, file);
    void this.run(id, async (signal, onProgress) => {
      const { bytes } = await this.deps.service.exportTo(incidentId, format, file, { signal, onProgress });
      return { fileName: this.deps.service.fileName(ref, format), bytes, phase: `${FORMAT_LABEL[format]} ready` };
    });
    return entry;
  }

  /** Appends a chunk of a bundle being uploaded; chunks must come in order. */
  upload(input: { uploadId: string | null; fileName: string; totalBytes: number; offset: number; base64: string }): {
    uploadId: string;
    received: number;
  } {
    this.sweep();
    let id = input.uploadId;
    let up = id === null ? undefined : this.uploads.get(id);
    if (id === null) {
      if (input.offset !== 0) throw new AppFailure('bad-input', 'A new upload starts at offset 0.');
      if (this.uploads.size >= MAX_RUNNING) throw new AppFailure('conflict', 'Too many uploads at once; wait for one to finish.');
      id = this.deps.newId();
      up = {
        path: join(this.deps.dir, `${id}.upload`),
        fileName: input.fileName,
        total: input.totalBytes,
        received: 0,
        touchedAt: this.deps.now(),
      };
      this.uploads.set(id, up);
    }
    if (!up) throw new AppFailure('not-found', 'That upload is no longer here (it was cancelled, finished or idle too long). Start again.');
    if (input.offset !== up.received)
      throw new AppFailure('bad-input', `Expected the chunk at byte ${up.received}, got one at ${input.offset}.`);
    const bytes = Buffer.from(input.base64, 'base64');
    if (up.received + bytes.length > up.total) throw new AppFailure('bad-input', 'The upload is larger than announced.');
    const fd = openSync(up.path, 'a', 0o600);
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    up.received += bytes.length;
    up.touchedAt = this.deps.now();
    return { uploadId: id, received: up.received };
  }

  cancelUpload(uploadId: string): { uploadId: string } {
    const up = this.uploads.get(uploadId);
    if (up) rmSync(up.path, { force: true });
    this.uploads.delete(uploadId);
    return { uploadId };
  }

  startImport(uploadId: string): ReportJob {
    const up = this.uploads.get(uploadId);
    if (!up) throw new AppFailure('not-found', 'That upload is no longer here; choose the file again.');
    if (up.received !== up.total) throw new AppFailure('bad-input', `The upload is incomplete (${up.received} of ${up.total} bytes).`);
    const id = this.deps.newId();
    const entry = this.begin(
      id,
      { kind: 'import', format: null, incidentId: null, ref: null, phase: `Reading ${up.fileName}`, fileName: up.fileName },
      null,
    );
    this.uploads.delete(uploadId);
    this.importing.add(up.path);
    void this.run(id, async (signal, onProgress) => {
      try {
        const outcome = await this.deps.service.importBytes(readFileSync(up.path), up.fileName, { signal, onProgress });
        return { imported: outcome, incidentId: outcome.incidentId, ref: outcome.ref, message: outcome.message, phase: 'Import finished' };
      } finally {
        this.importing.delete(up.path);
        rmSync(up.path, { force: true });
      }
    });
    return entry;
  }

  cancel(jobId: string): ReportJob {
    const entry = this.require(jobId);
    if (entry.job.state === 'running') entry.abort.abort();
    return entry.job;
  }

  readFile(jobId: string, offset: number): FileChunk {
    const entry = this.require(jobId);
    if (entry.job.state !== 'done' || entry.file === null)
      throw new AppFailure('not-found', 'This export has no file to fetch (it did not finish).');
    let total: number;
    try {
      total = statSync(entry.file).size;
    } catch (err) {
      throw new AppFailure('not-found', 'The exported file is gone (fetched already, or kept too long). Export again.', { cause: err });
    }
    const length = Math.max(0, Math.min(DOWNLOAD_CHUNK_BYTES, total - offset));
    const buf = Buffer.alloc(length);
    const fd = openSync(entry.file, 'r');
    try {
      readSync(fd, buf, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    return { base64: buf.toString('base64'), offset, bytes: length, total };
  }

  discard(jobId: string): { jobId: string } {
    const entry = this.jobs.get(jobId);
    if (entry?.file) rmSync(entry.file, { force: true });
    return { jobId };
  }

  /** Cancels what runs and removes every waiting file (the app is closing). */
  close(): void {
    for (const entry of this.jobs.values()) entry.abort.abort();
    rmSync(this.deps.dir, { recursive: true, force: true });
  }

  private begin(
    id: string,
    what: Pick<ReportJob, 'kind' | 'format' | 'incidentId' | 'ref' | 'phase'> & { fileName?: string },
    file: string | null,
  ): ReportJob {
    this.sweep();
    const running = [...this.jobs.values()].filter((j) => j.job.state === 'running').length;
    if (running >= MAX_RUNNING) throw new AppFailure('conflict', `${running} exports or imports are running; wait for one to finish.`);
    const job: ReportJob = {
      id,
      ...what,
      state: 'running',
      done: 0,
      total: 1,
      startedAt: this.deps.now(),
      endedAt: null,
      fileName: what.fileName ?? null,
      bytes: null,
      message: null,
      imported: null,
    };
    this.jobs.set(id, { job, abort: new AbortController(), file });
    this.deps.emit(job);
    return job;
  }

  private update(id: string, change: Partial<ReportJob>): void {
    const entry = this.jobs.get(id);
    if (!entry) return;
    entry.job = { ...entry.job, ...change };
    this.deps.emit(entry.job);
  }

  private async run(
    id: string,
    work: (signal: AbortSignal, onProgress: (p: Progress) => void) => Promise<Partial<ReportJob>>,
  ): Promise<void> {
    const entry = this.jobs.get(id);
    if (!entry) return;
    const { signal } = entry.abort;
    // The bar never goes back: a step's total only grows, its done only advances.
    const onProgress = (p: Progress): void => {
      const cur = this.jobs.get(id)?.job;
      if (!cur || cur.state !== 'running') return;
      const total = Math.max(cur.total, p.total);
      const done = Math.min(total, Math.max(cur.done, p.done));
      this.update(id, { phase: p.phase, done, total });
    };
    try {
      const result = await work(signal, onProgress);
      if (signal.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
      const cur = this.jobs.get(id)?.job;
      this.update(id, { ...result, state: 'done', done: cur?.total ?? 1, endedAt: this.deps.now() });
    } catch (err) {
      if (entry.file) rmSync(entry.file, { force: true });
      if (signal.aborted || isAbortError(err)) {
        this.update(id, { state: 'cancelled', phase: 'Cancelled; nothing was kept', endedAt: this.deps.now() });
        return;
      }
      if (!(err instanceof AppFailure)) this.deps.log(`report job ${id} failed`, err);
      const message = err instanceof Error ? err.message : String(err);
      const phase = entry.job.kind === 'import' ? 'Stopped; nothing was written' : 'Stopped; no file was kept';
      this.update(id, { state: 'failed', phase, message, endedAt: this.deps.now() });
    }
  }

  private require(jobId: string): { job: ReportJob; abort: AbortController; file: string | null } {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new AppFailure('not-found', 'No such export or import (it may have finished over an hour ago).');
    return entry;
  }

  /** Forgets old finished jobs and idle uploads, deleting their files. */
  private sweep(): void {
    const now = this.deps.now();
    for (const [id, entry] of this.jobs) {
      if (entry.job.endedAt !== null && now - entry.job.endedAt > KEEP_MS) {
        if (entry.file) rmSync(entry.file, { force: true });
        this.jobs.delete(id);
      }
    }
    for (const [id, up] of this.uploads) {
      if (now - up.touchedAt > UPLOAD_IDLE_MS) this.cancelUpload(id);
    }
    // Files nobody knows about any more (a discarded upload that raced a sweep).
    const known = new Set([
      ...[...this.jobs.values()].map((j) => j.file),
      ...[...this.uploads.values()].map((u) => u.path),
      ...this.importing,
    ]);
    for (const name of safeList(this.deps.dir)) {
      const path = join(this.deps.dir, name);
      if (!known.has(path) && !name.includes('.part-')) rmSync(path, { force: true });
    }
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
