import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRICS } from '../../../shared/domain/telemetry';
import type { AppFailure } from '../../../shared/contract/result';
import { SuggestionRepo } from '../../store/detection/suggestion-repo';
import { IncidentRepo } from '../../store/incidents/incident-repo';
import { addSource, openTestStore } from '../../store/test-fixtures';
import type { PlaybookLink } from '../context';
import { EventHub } from '../event-hub';
import { EvidenceService } from '../telemetry/evidence-service';
import { newId } from '../ids';
import { IncidentService } from '../incidents/incident-service';
import { TelemetryService } from '../telemetry/telemetry-service';
import { SuggestionActions } from './suggestion-actions';

const NOW = Date.UTC(2026, 2, 2, 10, 0, 0);
let store: ReturnType<typeof openTestStore>;
let attached: [number, string, number][];
let link: PlaybookLink;

function actions(): { actions: SuggestionActions; incidents: IncidentService; repo: SuggestionRepo } {
  const db = store.db;
  const now = (): number => NOW;
  const operator = (): string => 'ic-anna';
  const telemetry = new TelemetryService({ db, now });
  const incidents = new IncidentService({ db, operator, now });
  const evidence = new EvidenceService({
    db,
    operator,
    now,
    copyWindow: (...a) => telemetry.copyWindow(...a),
    sourceName: () => 'Lab GPU exporter',
  });
  const source = addSource(db, 'exporter');
  // Ten minutes of gpu-node-01 filling up, stored as a poll would.
  for (let t = NOW - 600_000; t <= NOW; t += 5_000) {
    telemetry.store.record(source, t, {
      samples: [
        {
          metric: METRICS.gpuMemoryShare,
          labels: { node: 'gpu-node-01', gpu: '0' },
          tMs: t,
          value: 0.7 + (0.3 * (t - NOW + 600_000)) / 600_000,
        },
      ],
      partialErrors: [],
    });
  }
  telemetry.store.flush();
  return {
    actions: new SuggestionActions({ db, now, operator, incidents, evidence, playbooks: link, hub: new EventHub() }),
    incidents,
    repo: new SuggestionRepo(db),
  };
}

function suggest(repo: SuggestionRepo): string {
  const id = newId();
  repo.insert({
    id,
    key: 'gpu-oom',
    playbookId: 'gpu-oom',
    title: 'GPU OOM on gpu-node-01: 2 OOM kills, GPU memory near full',
    severity: 'SEV2',
    firstMatchedAt: NOW - 120_000,
    since: NOW - 300_000,
    lastMatchedAt: NOW,
    detail: {
      sources: ['gpu-oom'],
      affected: { gpus: ['gpu-node-01/GPU 0'], nodes: ['gpu-node-01'], queues: [], services: ['ocr-worker'], mounts: [] },
      evidence: [
        {
          text: 'GPU 0 on gpu-node-01 near full',
          metric: METRICS.gpuMemoryShare,
          match: { node: 'gpu-node-01' },
          fromMs: NOW - 600_000,
          toMs: NOW,
          values: [],
        },
        { text: '2 container restarts', metric: METRICS.podRestarts, match: {}, fromMs: NOW - 600_000, toMs: NOW, values: [] },
        { text: 'WorkerOOMKilled (critical) firing', metric: null, match: {}, fromMs: NOW - 60_000, toMs: NOW, values: [] },
      ],
    },
    author: 'detector',
  });
  return id;
}

beforeEach(() => {
  store = openTestStore();
  attached = [];
  link = { attach: (incidentId, playbookId, at) => void attached.push([incidentId, playbookId, at]), checklists: () => [] };
});
afterEach(() => store.close());

describe('declaring from a suggestion', () => {
  it('declares with detected-at = first match and impact start = when the data shows it began, pins the evidence and attaches the playbook', () => {
    const { actions: a, incidents, repo } = actions();
    const id = suggest(repo);
    const out = a.declare({ id });
    const { incident, timeline } = incidents.get(out.incident.id);
    expect(incident.times.detectedAt).toBe(NOW - 120_000);
    expect(incident.times.impactStartedAt).toBe(NOW - 300_000);
    expect(incident.severity).toBe('SEV2');
    expect(incident.services).toEqual(['ocr-worker']);
    expect(incident.summary).toContain('- GPU 0 on gpu-node-01 near full');
    expect(attached).toEqual([[incident.id, 'gpu-oom', NOW]]);
    expect(out.playbook).toEqual({ id: 'gpu-oom', attached: true, error: null });
    // The GPU window is stored and pinned; the restart counter has no samples here, and says so.
    expect(out.pinned).toBe(1);
    expect(out.problems).toEqual([
      expect.stringMatching(/^Evidence not pinned \(2 container restarts\): No stored Container restarts samples/),
    ]);
    const kinds = timeline.map((e) => e.kind);
    expect(kinds).toEqual(['declared', 'detector', 'pin-metric', 'detector']);
    const pin = timeline.find((e) => e.kind === 'pin-metric');
    expect(pin?.data['match']).toEqual({ node: 'gpu-node-01' });
    expect((pin?.data['series'] as unknown[]).length).toBe(1);
    expect(timeline[1]?.summary).toBe('Declared from a suggested incident: detection first matched 2m 00s before declaring.');
    expect(repo.actions(id).map((x) => [x.kind, x.incidentId, x.author])).toEqual([['declared', incident.id, 'ic-anna']]);
  });

  it('still declares when the playbook cannot be attached, records why, and leaves nothing of the failed attach', () => {
    link = {
      attach: (incidentId) => {
        new IncidentRepo(store.db).appendEvent({ incidentId, at: NOW, kind: 'checklist', actor: 'x', summary: 'half-attached' });
        throw new Error('Playbooks are not available in this build.');
      },
      checklists: () => [],
    };
    const { actions: a, incidents, repo } = actions();
    const out = a.declare({ id: suggest(repo), severity: 'SEV1' });
    expect(out.playbook).toEqual({ id: 'gpu-oom', attached: false, error: 'Playbooks are not available in this build.' });
    const { incident, timeline } = incidents.get(out.incident.id);
    expect(incident.severity).toBe('SEV1');
    expect(timeline.some((e) => e.summary === 'half-attached')).toBe(false);
    expect(timeline.at(-1)?.summary).toContain('Playbook "gpu-oom" was not attached: Playbooks are not available in this build.');
  });

  it('declares a suggestion once', () => {
    const { actions: a, repo } = actions();
    const id = suggest(repo);
    const first = a.declare({ id });
    let caught: unknown;
    try {
      a.declare({ id });
    } catch (err) {
      caught = err;
    }
    expect((caught as AppFailure).code).toBe('invalid-transition');
    expect((caught as AppFailure).message).toContain(first.incident.ref);
  });
});

describe('attaching and dismissing', () => {
  it('attaches to an open incident: evidence and playbook land on its timeline', () => {
    const { actions: a, incidents, repo } = actions();
    const open = incidents.declare({
      title: 'OCR failing',
      summary: '',
      severity: 'SEV2',
      services: [],
      tenants: [],
      impactStartedAt: null,
      detectedAt: null,
    });
    const out = a.attach({ id: suggest(repo), incidentId: open.id });
    expect(out.incident.ref).toBe(open.ref);
    expect(attached).toEqual([[open.id, 'gpu-oom', NOW]]);
    const kinds = incidents.get(open.id).timeline.map((e) => e.kind);
    expect(kinds).toEqual(['declared', 'detector', 'pin-metric', 'detector']);
  });

  it('refuses to attach to a closed incident', () => {
    const { actions: a, incidents, repo } = actions();
    const inc = incidents.declare({
      title: 'old',
      summary: '',
      severity: 'SEV3',
      services: [],
      tenants: [],
      impactStartedAt: null,
      detectedAt: null,
    });
    incidents.setStatus({ id: inc.id, status: 'resolved', reason: '' });
    incidents.setStatus({ id: inc.id, status: 'closed', reason: '' });
    expect(() => a.attach({ id: suggest(repo), incidentId: inc.id })).toThrow(/is closed/);
  });

  it('records a dismissal with its reason, author and end', () => {
    const { actions: a, repo } = actions();
    const id = suggest(repo);
    a.dismiss({ id, reason: 'planned load test on node 01', forMin: 30 });
    expect(repo.actions(id)).toEqual([
      expect.objectContaining({ kind: 'dismissed', reason: 'planned load test on node 01', author: 'ic-anna', until: NOW + 30 * 60_000 }),
    ]);
    expect(repo.dismissedUntil('gpu-oom', NOW + 29 * 60_000)?.reason).toBe('planned load test on node 01');
    expect(repo.dismissedUntil('gpu-oom', NOW + 30 * 60_000)).toBeNull();
  });
});
