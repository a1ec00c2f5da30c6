import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceHealth, SourceView } from '../../shared/domain/source-config';

const call = vi.fn<(channel: string, input: Record<string, unknown>) => Promise<unknown>>();
vi.mock('../api/client', () => ({
  call: (channel: string, input: Record<string, unknown>) => call(channel, input),
  errorMessage: (err: unknown) => (err instanceof Error ? err.message : String(err)),
}));

const { applyHealth, getSources, loadSources, resetSources, slowestInterval } = await import('./sources');

const health = (sourceId: number, lastAttemptAt: number, state: SourceHealth['state'] = 'ok'): SourceHealth => ({
  sourceId,
  state,
  lastAttemptAt,
  lastSuccessAt: state === 'ok' ? lastAttemptAt : null,
  lastError: null,
  consecutiveFailures: 0,
  latencyMs: 12,
  nextPollAt: null,
});

const view = (id: number, h: SourceHealth, intervalMs = 15_000): SourceView =>
  ({ id, name: `source ${id}`, kind: 'asynqmon', enabled: true, intervalMs, health: h }) as unknown as SourceView;

beforeEach(() => {
  call.mockReset();
  resetSources();
});

describe('source health', () => {
  it('folds a pushed health update into its source, and ignores one older than shown', async () => {
    call.mockResolvedValueOnce([view(1, health(1, 1_000)), view(2, health(2, 1_000))]);
    await loadSources();
    applyHealth(health(1, 2_000, 'down'));
    expect(getSources().map((s) => s.health.state)).toEqual(['down', 'ok']);
    applyHealth(health(1, 1_500, 'ok'));
    expect(getSources()[0]?.health).toEqual(health(1, 2_000, 'down'));
    // A source the list does not hold yet gets its health with the next list.
    applyHealth(health(9, 3_000));
    expect(getSources().map((s) => s.id)).toEqual([1, 2]);
  });

  it('keeps a pushed update that is newer than the reloaded list', async () => {
    call.mockResolvedValueOnce([view(1, health(1, 1_000))]);
    await loadSources();
    applyHealth(health(1, 5_000, 'down'));
    call.mockResolvedValueOnce([view(1, health(1, 4_000, 'ok'))]);
    await loadSources();
    expect(getSources()[0]?.health.state).toBe('down');
    call.mockResolvedValueOnce([view(1, health(1, 6_000, 'ok'))]);
    await loadSources();
    expect(getSources()[0]?.health.state).toBe('ok');
  });

  it('names the slowest poll interval of the sources behind some data', () => {
    const items = [view(1, health(1, 0), 1_000), view(2, health(2, 0), 15_000), view(3, health(3, 0), 60_000)];
    expect(slowestInterval(items, [1, 2])).toBe(15_000);
    expect(slowestInterval(items, [4])).toBeNull();
  });
});
