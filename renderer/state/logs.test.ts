import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogLine, LogQueryResult } from '../../shared/domain/telemetry';

const call = vi.fn<(channel: string, input: Record<string, unknown>) => Promise<unknown>>();
class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
vi.mock('../api/client', () => ({
  ApiError,
  call: (channel: string, input: Record<string, unknown>) => call(channel, input),
  errorMessage: (err: unknown) => (err instanceof Error ? err.message : String(err)),
}));

const { enterLogScope, getLogsState, lineKey, loadLogDefaults, pinLogLine, resetLogs, runLogQuery, setLogText } = await import('./logs');
const { getDetail, refreshDetail, selectIncident } = await import('./detail');
const { pinnedLines } = await import('../components/command/logs/evidence-data');

const line = (tNs: string, text: string, labels: Record<string, string> = { app: 'echo' }): LogLine => ({
  tNs,
  tMs: Number(tNs.slice(0, -6)),
  labels,
  line: text,
  level: null,
});

const answer = (query: string, lines: LogLine[]): LogQueryResult => ({ sourceId: 3, query, lines, truncated: false, hint: null });

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  call.mockReset();
  resetLogs();
});

describe('loadLogDefaults', () => {
  it("keeps the label main picked from the source's labels, for that source, across incidents", async () => {
    call.mockResolvedValueOnce({ sourceId: 4, serviceLabel: 'app', labels: ['app', 'cluster', 'pod'], note: null });
    await loadLogDefaults(4);
    expect(call).toHaveBeenLastCalledWith('logs:defaults', { sourceId: 4 });
    expect(getLogsState().defaults).toEqual({ serviceLabel: 'app', labels: ['app', 'cluster', 'pod'], note: null, forSource: 4 });
    enterLogScope('incident:9');
    expect(getLogsState().defaults?.serviceLabel).toBe('app');
  });

  it("falls back to Promtail's job when there is no Loki to ask (the query then says why)", async () => {
    call.mockRejectedValueOnce(new ApiError('not-found', 'No enabled Loki source is configured; add one under Sources.'));
    await loadLogDefaults(null);
    expect(call).toHaveBeenLastCalledWith('logs:defaults', {});
    expect(getLogsState().defaults).toEqual({ serviceLabel: 'job', labels: null, note: null, forSource: null });
  });
});

describe('runLogQuery', () => {
  it('runs the default query until someone types, then the typed one', async () => {
    call.mockImplementation((_c, input) => Promise.resolve(answer(String(input.query), [])));
    await runLogQuery({ defaultQuery: '{job=~"(?i).*(echo).*"}', fromMs: 1, toMs: 2 });
    expect(call).toHaveBeenLastCalledWith(
      'logs:query',
      expect.objectContaining({ query: '{job=~"(?i).*(echo).*"}', fromMs: 1, toMs: 2, limit: 2000 }),
    );
    setLogText('  {app="ocr"}  ');
    await runLogQuery({ defaultQuery: 'ignored', fromMs: 1, toMs: 2 });
    expect(call).toHaveBeenLastCalledWith('logs:query', expect.objectContaining({ query: '{app="ocr"}' }));
  });

  it("keeps the query and the last lines when Loki refuses, with Loki's words", async () => {
    call.mockResolvedValueOnce(answer('{app="a"}', [line('1000000000001', 'ok')]));
    await runLogQuery({ defaultQuery: '{app="a"}', fromMs: 1, toMs: 2 });
    setLogText('{app="a"');
    call.mockRejectedValueOnce(new ApiError('bad-input', 'Loki answered 400: parse error at line 1, col 9: syntax error: unexpected $end'));
    await runLogQuery({ defaultQuery: '{app="a"}', fromMs: 1, toMs: 2 });
    const s = getLogsState();
    expect(s.error).toContain('parse error at line 1, col 9');
    expect(s.queryRejected).toBe(true);
    expect(s.text).toBe('{app="a"');
    expect(s.result?.lines).toHaveLength(1);
    expect(s.loading).toBe(false);
  });

  it('does not blame the query when Loki itself is down', async () => {
    call.mockRejectedValueOnce(new ApiError('unavailable', 'Loki at 127.0.0.1:3100 refused the connection'));
    await runLogQuery({ defaultQuery: '{app="a"}', fromMs: 1, toMs: 2 });
    expect(getLogsState()).toMatchObject({ error: 'Loki at 127.0.0.1:3100 refused the connection', queryRejected: false });
  });

  it('keeps only the newest answer when runs overlap', async () => {
    const slow = deferred<LogQueryResult>();
    call.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(answer('new', []));
    const first = runLogQuery({ defaultQuery: 'old', fromMs: 1, toMs: 2 });
    await runLogQuery({ defaultQuery: 'new', fromMs: 1, toMs: 2 });
    slow.resolve(answer('old', [line('1000000000001', 'late')]));
    await first;
    expect(getLogsState().result?.query).toBe('new');
  });

  it('skips a follow refresh while a run is in flight, never a person’s run', async () => {
    const slow = deferred<LogQueryResult>();
    call.mockReturnValueOnce(slow.promise);
    const first = runLogQuery({ defaultQuery: 'q', fromMs: 1, toMs: 2 });
    await runLogQuery({ defaultQuery: 'q', fromMs: 1, toMs: 2, background: true });
    expect(call).toHaveBeenCalledTimes(1);
    // A person's run goes out although the first is still in flight, and its answer is the one kept.
    call.mockResolvedValueOnce(answer('mine', [line('1000000000002', 'fresh')]));
    await runLogQuery({ defaultQuery: 'q', fromMs: 3, toMs: 4 });
    expect(call).toHaveBeenCalledTimes(2);
    expect(call).toHaveBeenLastCalledWith('logs:query', expect.objectContaining({ fromMs: 3, toMs: 4 }));
    slow.resolve(answer('q', []));
    await first;
    expect(getLogsState().result?.query).toBe('mine');
  });

  it('says so instead of sending an empty query', async () => {
    setLogText('   ');
    await runLogQuery({ defaultQuery: 'q', fromMs: 1, toMs: 2 });
    expect(call).not.toHaveBeenCalled();
    expect(getLogsState().error).toMatch(/LogQL query/);
  });

  it('starts a new scope from its default and drops the old lines', async () => {
    enterLogScope('incident:1');
    call.mockResolvedValueOnce(answer('x', [line('1000000000001', 'old')]));
    setLogText('{app="x"}');
    await runLogQuery({ defaultQuery: 'x', fromMs: 1, toMs: 2 });
    enterLogScope('incident:2');
    expect(getLogsState()).toMatchObject({ text: null, result: null, error: null });
  });
});

describe('pinLogLine', () => {
  it('sends the line as evidence and shows it pinned on the timeline, without re-reading the incident', async () => {
    const l = line('1767225600123456789', 'level=error msg=boom', { app: 'ocr-worker' });
    const incident = { id: 4, times: {} };
    call.mockResolvedValue({ incident, timeline: [] });
    selectIncident(4);
    await refreshDetail();
    call.mockReset();
    // What main stores for a pinned line (evidence-service.ts): the line's fields, flat.
    const data = { tNs: l.tNs, tMs: l.tMs, labels: l.labels, line: l.line, query: '{app="ocr-worker"}', sourceId: 3 };
    call.mockResolvedValueOnce({ id: 9, incidentId: 4, at: 1, kind: 'pin-log', actor: 'a', summary: 's', data });
    await pinLogLine(4, l, '{app="ocr-worker"}', 3);
    expect(call).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledWith('incident:pin-evidence', {
      kind: 'log-line',
      id: 4,
      sourceId: 3,
      query: '{app="ocr-worker"}',
      line: { tNs: '1767225600123456789', labels: { app: 'ocr-worker' }, line: 'level=error msg=boom' },
    });
    expect(pinnedLines(getDetail()?.timeline ?? []).map(lineKey)).toEqual([lineKey(l)]);
    expect(getLogsState().pinning).toBeNull();
    selectIncident(null);
  });

  it('cuts a line longer than evidence may be, and says why a pin failed', async () => {
    call.mockRejectedValueOnce(new Error('not wired yet'));
    await pinLogLine(4, line('1000000000001', 'x'.repeat(20_000)), 'q', null);
    const sent = call.mock.calls[0]?.[1] as { line: { line: string }; sourceId?: number };
    expect(sent.line.line).toHaveLength(16_384);
    expect(sent.line.line.endsWith('…')).toBe(true);
    expect(sent.sourceId).toBeUndefined();
    expect(getLogsState().pinError).toBe('Could not pin the line: not wired yet');
    expect(getLogsState().pinning).toBeNull();
  });
});

describe('lineKey', () => {
  it('tells apart two streams logging in the same nanosecond', () => {
    expect(lineKey(line('1', 'a', { app: 'x' }))).not.toBe(lineKey(line('1', 'a', { app: 'y' })));
    expect(lineKey(line('1', 'a', { b: '2', a: '1' }))).toBe(lineKey(line('1', 'zzz', { a: '1', b: '2' })));
  });
});
