import { describe, expect, it } from 'vitest';
import { initialHealth, type SourceView } from '../../../shared/domain/source-config';
import type { SourceKind } from '../../../shared/domain/sources';
import type { QueueStat, Snapshot } from '../../../shared/domain/telemetry';
import { defaultQueriesFor } from '../demo/demo-sources';
import { readPanel } from './snapshot-panels';

function source(id: number, kind: SourceKind, name: string, over: Partial<SourceView> = {}): SourceView {
  return {
    id,
    name,
    kind,
    baseUrl: 'http://x',
    auth: { kind: 'none' },
    headers: [],
    tls: { caPem: null, insecureSkipVerify: false },
    timeoutMs: 1_000,
    intervalMs: 15_000,
    enabled: true,
    demo: false,
    queries: kind === 'prometheus' ? defaultQueriesFor('prometheus') : [],
    serviceLabel: null,
    health: initialHealth(id, true),
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

const q = (queue: string): QueueStat => ({
  queue,
  pending: 1,
  active: 0,
  scheduled: 0,
  retry: 0,
  archived: 0,
  latencyMs: 0,
  processedToday: null,
  failedToday: null,
  paused: false,
});
const snap = (sourceId: number, at: number, data: QueueStat[]): Snapshot<QueueStat[]> => ({ sourceId, at, data });

describe('readPanel', () => {
  const prom = source(1, 'prometheus', 'prod');
  const asynq = source(2, 'asynqmon', 'asynqmon-prod');

  it('shows the direct reading while it is current, names every source that can fill the panel, and falls back when it goes quiet', () => {
    const both = [snap(1, 100_000, [q('ocr')]), snap(2, 95_000, [q('ocr'), q('echo')])];
    const r = readPanel('queues', both, [prom, asynq]);
    expect(r.shown?.sourceId).toBe(2);
    expect(r.panel.candidates.map((c) => [c.sourceId, c.rows])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(r.panel.missing).toBeNull();
    // AsynqMon's last answer is now three of its polls behind Prometheus': Prometheus is shown.
    const later = readPanel('queues', [snap(1, 150_000, [q('ocr')]), snap(2, 95_000, [q('ocr')])], [prom, asynq]);
    expect(later.shown?.sourceId).toBe(1);
  });

  it('says what is actually missing when the shown answer is empty, naming the source', () => {
    const r = readPanel('gpus', [{ sourceId: 1, at: 5, data: [] }], [prom]);
    expect(r.panel.missing).toBe(
      "No GPU memory series (DCGM_FI_DEV_FB_USED with DCGM_FI_DEV_FB_FREE) in the last 5 minutes from Prometheus 'prod'.",
    );
    expect(readPanel('queues', [snap(2, 5, [])], [asynq]).panel.missing).toBe("AsynqMon 'asynqmon-prod' reports no queues.");
  });

  it('before any answer, says why per source: its last error, or that it was not polled yet', () => {
    const down = source(1, 'prometheus', 'prod', {
      health: { ...initialHealth(1, true), state: 'down', lastError: { at: 1, kind: 'refused', message: 'connection refused' } },
    });
    expect(readPanel('gpus', [], [down]).panel.missing).toBe("Prometheus 'prod' has not answered: connection refused");
    expect(readPanel('gpus', [], [prom]).panel.missing).toBe("Waiting for the first answer from Prometheus 'prod'.");
  });

  it('never asks for a source the user already has: names the switched-off query or source instead', () => {
    const noPanelQuery = source(1, 'prometheus', 'prod', {
      queries: defaultQueriesFor('prometheus').map((x) => (x.metric === 'snapshot.gpus' ? { ...x, enabled: false } : x)),
    });
    // An old snapshot from before the query was switched off is not shown as current.
    const r = readPanel('gpus', [{ sourceId: 1, at: 5, data: [] }], [noPanelQuery]);
    expect(r.shown).toBeNull();
    expect(r.panel.missing).toBe(
      "Prometheus 'prod' has no GPU panel query (stored as snapshot.gpus) switched on: turn it on under Sources, or add an exporter-scrape source.",
    );
    const off = source(2, 'asynqmon', 'asynqmon-prod', { enabled: false });
    expect(readPanel('queues', [], [off]).panel.missing).toBe(
      "AsynqMon 'asynqmon-prod' is switched off under Sources; no other source reads asynq queues.",
    );
    expect(readPanel('queues', [], []).panel.missing).toBe(
      'No source reads asynq queues: add a Prometheus or AsynqMon source under Sources.',
    );
  });
});
