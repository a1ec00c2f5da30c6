import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportJob } from '../../shared/domain/reports';

const call = vi.fn<(channel: string, input: Record<string, unknown>) => Promise<unknown>>();
const listeners = new Map<string, (payload: unknown) => void>();
vi.mock('../api/client', () => ({
  call: (channel: string, input: Record<string, unknown>) => call(channel, input),
  errorMessage: (err: unknown) => (err instanceof Error ? err.message : String(err)),
  onEvent: (event: string, fn: (payload: unknown) => void) => {
    listeners.set(event, fn);
    return () => listeners.delete(event);
  },
}));

const { followReportJobs, startExport } = await import('./reports');

const job = (state: ReportJob['state']): ReportJob => ({
  id: 'job-1',
  kind: 'export',
  format: 'bundle',
  incidentId: 7,
  ref: 'INC-20260314-001',
  state,
  phase: '',
  done: state === 'done' ? 1 : 0,
  total: 1,
  startedAt: 1,
  endedAt: state === 'done' ? 2 : null,
  fileName: 'INC-20260314-001.pitwall.json',
  bytes: 2,
  message: null,
  imported: null,
});

/** The browser's download: an anchor clicked with the file's name. */
const downloads: string[] = [];

beforeEach(() => {
  call.mockReset();
  downloads.length = 0;
  vi.stubGlobal('document', {
    createElement: () => {
      const a = { download: '', href: '', rel: '', click: () => downloads.push(a.download), remove: () => {} };
      return a;
    },
    body: { appendChild: () => {} },
  });
  vi.stubGlobal('URL', { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} });
});
afterEach(() => vi.unstubAllGlobals());

describe('an export started here', () => {
  it('is saved even when its "done" event arrives before the answer that started it', async () => {
    call.mockImplementation((channel) => {
      if (channel === 'report:list-jobs') return Promise.resolve([]);
      if (channel === 'report:read-file') return Promise.resolve({ base64: 'e30=', bytes: 2, total: 2 });
      if (channel === 'report:discard-file') return Promise.resolve(null);
      if (channel === 'report:start-export') {
        // Main finished the small bundle and pushed "done" while this answer was on its way.
        listeners.get('report:job-changed')?.(job('done'));
        return Promise.resolve(job('running'));
      }
      return Promise.reject(new Error(`unexpected ${channel}`));
    });
    followReportJobs();
    expect(await startExport(7, 'bundle')).toBeNull();
    expect(downloads).toEqual(['INC-20260314-001.pitwall.json']);
    expect(call).toHaveBeenCalledWith('report:discard-file', { jobId: 'job-1' });
  });
});
