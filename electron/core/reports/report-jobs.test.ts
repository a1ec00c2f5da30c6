import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput, Channel } from '../../../shared/contract/channels';
import { UPLOAD_CHUNK_CHARS } from '../../../shared/contract/reports';
import type { ReportJob } from '../../../shared/domain/reports';
import { abortError, type PdfPrinter } from '../../platform/pdf-printer';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';

const NOW = Date.UTC(2026, 2, 14, 12, 0, 0);

/** A printer that prints nothing until it is cancelled: the job's cancel must reach it. */
const stuckPrinter: PdfPrinter = {
  description: 'a printer that never finishes',
  print: (_html, opts) =>
    new Promise((_resolve, reject) => {
      opts?.signal?.addEventListener('abort', () => reject(abortError()), { once: true });
    }),
};

const opened: { core: PitwallCore; cleanup: () => void }[] = [];

function open(pdf: PdfPrinter = stuckPrinter): { core: PitwallCore; dir: string; jobs: ReportJob[] } {
  const t = tempDir();
  const core = createCore({ dataDir: t.dir, mode: 'browser', version: 'test', poll: false, now: () => NOW, platform: { pdf } });
  const jobs: ReportJob[] = [];
  core.subscribe((m) => {
    if (m.event === 'report:job-changed') jobs.push(m.payload as ReportJob);
  });
  opened.push({ core, cleanup: t.cleanup });
  return { core, dir: t.dir, jobs };
}

async function call<C extends Channel>(core: PitwallCore, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await core.dispatch(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as ChannelOutput<C>;
}

async function settled(core: PitwallCore, jobId: string): Promise<ReportJob> {
  for (;;) {
    const job = (await call(core, 'report:list-jobs', {})).find((j) => j.id === jobId);
    if (job && job.state !== 'running') return job;
    await new Promise((r) => setImmediate(r));
  }
}

async function declare(core: PitwallCore, title = 'Queue backlog on ocr'): Promise<number> {
  const inc = await call(core, 'incident:declare', { title, severity: 'SEV2', summary: 'pending grows, active flat' });
  await call(core, 'incident:add-note', { id: inc.id, text: 'Redis healthy; workers restarting one by one.' });
  return inc.id;
}

afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.core.close();
    o.cleanup();
  }
});

describe('export and import jobs', () => {
  it('an export pushes its steps (never going back), then its file is fetched in chunks and deleted', async () => {
    const { core, dir, jobs } = open();
    const id = await declare(core);
    const started = await call(core, 'report:start-export', { id, format: 'markdown' });
    const done = await settled(core, started.id);
    expect(done).toMatchObject({ state: 'done', fileName: expect.stringMatching(/^INC-\d{8}-001-report\.md$/) as string });
    const mine = jobs.filter((j) => j.id === started.id);
    expect(mine.length).toBeGreaterThanOrEqual(4);
    expect(new Set(mine.map((j) => j.phase)).size).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < mine.length; i++)
      expect(mine[i]!.done / mine[i]!.total).toBeGreaterThanOrEqual(mine[i - 1]!.done / mine[i - 1]!.total);
    const chunk = await call(core, 'report:read-file', { jobId: started.id, offset: 0 });
    const text = Buffer.from(chunk.base64, 'base64').toString('utf8');
    expect(chunk.total).toBe(chunk.bytes);
    expect(text).toContain('Redis healthy; workers restarting one by one.');
    await call(core, 'report:discard-file', { jobId: started.id });
    expect(readdirSync(join(dir, 'transfers'))).toEqual([]);
    await expect(call(core, 'report:read-file', { jobId: started.id, offset: 0 })).rejects.toThrow(/gone/);
  });

  it('cancelling a PDF export mid-print leaves no file, partial or whole', async () => {
    const { core, dir } = open();
    const id = await declare(core);
    const job = await call(core, 'report:start-export', { id, format: 'pdf' });
    for (;;) {
      const cur = (await call(core, 'report:list-jobs', {})).find((j) => j.id === job.id);
      if (cur?.phase.startsWith('Printing')) break;
      await new Promise((r) => setImmediate(r));
    }
    await call(core, 'report:cancel-job', { jobId: job.id });
    expect(await settled(core, job.id)).toMatchObject({ state: 'cancelled', phase: 'Cancelled; nothing was kept' });
    expect(readdirSync(join(dir, 'transfers'))).toEqual([]);
    await expect(call(core, 'report:read-file', { jobId: job.id, offset: 0 })).rejects.toThrow(/did not finish/);
  });

  it('a bundle sent in chunks imports; chunks out of order or too many bytes are refused', async () => {
    const source = open();
    const id = await declare(source.core, 'Auth outage <b>Keycloak</b>');
    const exported = await call(source.core, 'report:start-export', { id, format: 'bundle' });
    await settled(source.core, exported.id);
    const bytes = Buffer.from((await call(source.core, 'report:read-file', { jobId: exported.id, offset: 0 })).base64, 'base64');

    const { core, jobs } = open();
    const size = Math.ceil(bytes.length / 3);
    const piece = (from: number): string => bytes.subarray(from, from + size).toString('base64');
    const first = await call(core, 'bundle:upload-chunk', {
      uploadId: null,
      fileName: 'a.pitwall.json',
      totalBytes: bytes.length,
      offset: 0,
      base64: piece(0),
    });
    await expect(
      call(core, 'bundle:upload-chunk', {
        uploadId: first.uploadId,
        fileName: 'a.pitwall.json',
        totalBytes: bytes.length,
        offset: 2 * size,
        base64: piece(2 * size),
      }),
    ).rejects.toThrow(`Expected the chunk at byte ${size}`);
    await expect(call(core, 'bundle:start-import', { uploadId: first.uploadId })).rejects.toThrow(/incomplete/);
    let received = first.received;
    while (received < bytes.length) {
      received = (
        await call(core, 'bundle:upload-chunk', {
          uploadId: first.uploadId,
          fileName: 'a.pitwall.json',
          totalBytes: bytes.length,
          offset: received,
          base64: piece(received),
        })
      ).received;
    }
    await expect(
      call(core, 'bundle:upload-chunk', {
        uploadId: first.uploadId,
        fileName: 'a.pitwall.json',
        totalBytes: bytes.length,
        offset: received,
        base64: 'AAAA',
      }),
    ).rejects.toThrow(/larger than announced/);
    const job = await call(core, 'bundle:start-import', { uploadId: first.uploadId });
    const done = await settled(core, job.id);
    expect(done).toMatchObject({ state: 'done', fileName: 'a.pitwall.json', imported: { status: 'imported', events: 3 } });
    expect(jobs.filter((j) => j.id === job.id).map((j) => j.phase)).toContain('Import finished');
    const list = await call(core, 'incident:list', {});
    expect(list.map((i) => i.title)).toEqual(['Auth outage <b>Keycloak</b>']);
  });

  it('an import cancelled before it writes leaves the database as it was', async () => {
    const source = open();
    const id = await declare(source.core);
    const exported = await call(source.core, 'report:start-export', { id, format: 'bundle' });
    await settled(source.core, exported.id);
    const base64 = (await call(source.core, 'report:read-file', { jobId: exported.id, offset: 0 })).base64;
    expect(base64.length).toBeLessThan(UPLOAD_CHUNK_CHARS);

    const { core, dir } = open();
    const up = await call(core, 'bundle:upload-chunk', {
      uploadId: null,
      fileName: 'b.pitwall.json',
      totalBytes: Buffer.from(base64, 'base64').length,
      offset: 0,
      base64,
    });
    const before = readFileSync(join(dir, 'pitwall.db'));
    const job = await call(core, 'bundle:start-import', { uploadId: up.uploadId });
    await call(core, 'report:cancel-job', { jobId: job.id });
    expect(await settled(core, job.id)).toMatchObject({ state: 'cancelled', imported: null });
    expect(await call(core, 'incident:list', {})).toEqual([]);
    expect(readFileSync(join(dir, 'pitwall.db')).equals(before)).toBe(true);
    expect(readdirSync(join(dir, 'transfers'))).toEqual([]);
  });
});
