import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../domain/incident';
import type { AlertRecord, SeriesData, SeriesPoint } from '../domain/telemetry';
import { alertMarkers, incidentMarkers, keyTimeMarkers, mergeClose, restartMarkers, withKeyTimes } from './markers';

const T0 = 1_700_000_000_000;
const S = 15_000;

function sd(id: number, metric: string, labels: Record<string, string>, values: (number | null)[]): SeriesData {
  const points: SeriesPoint[] = values.map((v, i) => [T0 + i * S, v]);
  return { id, sourceId: 1, metric, labels, points };
}

const worker = { namespace: 'ml', pod: 'ocr-worker-1', container: 'worker' };
const other = { namespace: 'ml', pod: 'translate-0', container: 'worker' };

describe('restartMarkers', () => {
  it('marks where the counter rises, and calls it an OOM kill when last_oom reads 1 then', () => {
    const restarts = [sd(1, 'pod.restarts_total', worker, [0, 0, 1, 1, 2, 2])];
    const oom = [sd(2, 'pod.last_oom', worker, [0, 0, 1, 1, 0, 0])];
    const m = restartMarkers(restarts, oom, S);
    expect(m.map((x) => [x.t, x.kind, x.label])).toEqual([
      [T0 + 2 * S, 'oom', 'OOM kill'],
      [T0 + 4 * S, 'restart', 'restart'],
    ]);
    expect(m[0]?.detail).toEqual(['OOM kill: ml/ocr-worker-1 (worker)']);
  });

  it('ignores counter resets and gaps, and groups restarts at the same moment', () => {
    const restarts = [sd(1, 'pod.restarts_total', worker, [3, null, 4, 0, 0]), sd(2, 'pod.restarts_total', other, [0, 0, 2, 2, 2])];
    const m = restartMarkers(restarts, [], S);
    expect(m).toHaveLength(1);
    expect(m[0]?.t).toBe(T0 + 2 * S);
    expect(m[0]?.label).toBe('2 restarts');
    expect(m[0]?.detail).toContain('restart: ml/translate-0 (worker) ×2');
  });

  it('draws nothing for a counter seen only once', () => {
    expect(restartMarkers([sd(1, 'pod.restarts_total', worker, [5])], [], S)).toEqual([]);
  });
});

describe('alertMarkers', () => {
  const alert = (name: string, startsAt: number): AlertRecord => ({
    sourceId: 1,
    key: `alertname=${name}`,
    name,
    severity: 'critical',
    labels: {},
    summary: null,
    startsAt,
    lastSeenAt: startsAt + S,
    resolvedAt: null,
  });

  it('marks alerts that started inside the window, grouped by start', () => {
    const m = alertMarkers([alert('GpuMemoryHigh', T0), alert('QueueBacklog', T0), alert('Old', T0 - 10 * S)], T0 - S, T0 + S);
    expect(m).toHaveLength(1);
    expect(m[0]?.label).toBe('2 alerts');
    expect(m[0]?.detail).toEqual(['alert firing: GpuMemoryHigh (critical)', 'alert firing: QueueBacklog (critical)']);
  });
});

describe('incidentMarkers', () => {
  const ev = (kind: TimelineEvent['kind'], at: number): TimelineEvent => ({
    id: at,
    incidentId: 1,
    at,
    kind,
    actor: 'ic',
    summary: `${kind} happened`,
    data: {},
  });

  it('keeps the events that change the response, inside the window', () => {
    const m = incidentMarkers(
      [ev('declared', T0), ev('note', T0 + S), ev('mitigation', T0 + 2 * S), ev('status', T0 + 99 * S)],
      T0,
      T0 + 10 * S,
    );
    expect(m.map((x) => x.event)).toEqual(['declared', 'mitigation']);
    expect(m[0]?.detail).toEqual(['declared happened']);
  });
});

describe('mergeClose', () => {
  it('merges close markers of one kind and keeps other kinds apart', () => {
    const base = { label: 'restart', detail: ['restart: a'] };
    const merged = mergeClose(
      [
        { ...base, t: T0, kind: 'restart' },
        { ...base, t: T0 + 1000, kind: 'restart', detail: ['restart: b'] },
        { ...base, t: T0 + 500, kind: 'alert', label: 'X', detail: ['alert firing: X'] },
        { ...base, t: T0 + 60_000, kind: 'restart', detail: ['restart: c'] },
      ],
      5000,
    );
    expect(merged.map((m) => [m.kind, m.t, m.detail.length])).toEqual([
      ['restart', T0, 2],
      ['alert', T0 + 500, 1],
      ['restart', T0 + 60_000, 1],
    ]);
    expect(merged[0]?.label).toBe('2 restarts');
  });
});

describe('keyTimeMarkers', () => {
  const times = {
    impactStartedAt: T0 + 7_000,
    detectedAt: T0 + 600_000,
    declaredAt: T0 + 600_000,
    acknowledgedAt: T0 + 600_000,
    mitigatedAt: T0 + 3_000_000,
    resolvedAt: T0 + 9_000_000,
    closedAt: null,
  };

  it('marks impact start, detected, acknowledged, mitigated and resolved where they fall in the window', () => {
    const m = keyTimeMarkers(times, T0, T0 + 4_000_000);
    expect(m.map((x) => [x.t, x.kind, x.label, x.times])).toEqual([
      [T0 + 7_000, 'key', 'impact start', ['impactStartedAt']],
      [T0 + 600_000, 'key', 'detected · acknowledged', ['detectedAt', 'acknowledgedAt']],
      [T0 + 3_000_000, 'key', 'mitigated', ['mitigatedAt']],
    ]);
  });

  it('folds the event written at a key time into its marker instead of a second line', () => {
    const event = (id: number, at: number, kind: TimelineEvent['kind'], summary: string): TimelineEvent => ({
      id,
      incidentId: 1,
      at,
      kind,
      actor: 'alice',
      summary,
      data: {},
    });
    const events = incidentMarkers(
      [
        event(1, T0 + 600_000, 'declared', 'Declared SEV2: GPU OOM'),
        event(2, T0 + 1_200_000, 'severity', 'Severity SEV2 → SEV1'),
        event(3, T0 + 3_000_000, 'status', 'Status identified → monitoring'),
      ],
      T0,
      T0 + 4_000_000,
    );
    const all = withKeyTimes(events, keyTimeMarkers(times, T0, T0 + 4_000_000));
    expect(all.map((x) => [x.t, x.kind, x.label])).toEqual([
      [T0 + 7_000, 'key', 'impact start'],
      [T0 + 600_000, 'key', 'detected · acknowledged · declared'],
      [T0 + 1_200_000, 'incident', 'Severity SEV2 → SEV1'],
      [T0 + 3_000_000, 'key', 'mitigated'],
    ]);
    expect(all[3]?.detail).toEqual(['Mitigated', 'Status identified → monitoring']);
    // Key times are never merged away, however close they are at this zoom.
    expect(mergeClose(all, 10_000_000).filter((x) => x.kind === 'key')).toHaveLength(3);
  });
});
