import { describe, expect, it } from 'vitest';
import type { Incident, TimelineEvent } from '../domain/incident';
import { DEFAULT_POLICY } from '../policy/severity-policy';
import { changesSince, initialFields, placeholderValues, publicStatusFor, type CommsContext } from './comms-values';
import { DEFAULT_TEMPLATES, renderTemplate } from './templates';

const T0 = Date.UTC(2025, 10, 22, 14, 0, 0);
const MIN = 60_000;

const incident: Incident = {
  id: 7,
  ref: 'INC-20251122-004',
  title: 'OCR workers OOMKilled',
  severity: 'SEV1',
  status: 'identified',
  declaredAt: T0,
  updatedAt: T0,
  commander: 'Dana Ops',
  summary: 'OCR jobs fail for every tenant',
  services: ['ocr', 'echo'],
  tenants: [],
  roles: [{ role: 'commander', person: 'Dana Ops', assignedAt: T0 }],
  times: {
    impactStartedAt: T0 - 10 * MIN,
    detectedAt: T0,
    declaredAt: T0,
    acknowledgedAt: T0 + MIN,
    mitigatedAt: null,
    resolvedAt: null,
    closedAt: null,
  },
};

const ev = (at: number, kind: TimelineEvent['kind'], summary: string): TimelineEvent => ({
  id: at,
  incidentId: 7,
  at,
  kind,
  actor: 'dana',
  summary,
  data: {},
});

const timeline: TimelineEvent[] = [
  ev(T0, 'declared', 'Declared SEV1 · P0: OCR workers OOMKilled'),
  ev(T0 + 2 * MIN, 'status', 'Status investigating → identified'),
  ev(T0 + 3 * MIN, 'pin-log', 'Pinned a log line'),
  ev(T0 + 4 * MIN, 'comms', 'Initial incident notification sent'),
  ev(T0 + 6 * MIN, 'mitigation', 'Pause queue "batch" on lab: done'),
  ev(T0 + 7 * MIN, 'note', 'Fragmentation on\nGPU 2'),
];

const ctx: CommsContext = {
  incident,
  timeline,
  policy: DEFAULT_POLICY,
  lastUpdateSentAt: T0 + 4 * MIN,
  nextUpdateAt: T0 + 19 * MIN,
  mitigations: ['Queue "batch" paused on lab since 2025-11-22 14:06 UTC'],
  openChecklist: null,
  statusPage: 'https://status.example.test',
  now: T0 + 25 * MIN,
};

describe('placeholderValues', () => {
  it("fills the runbook's initial notification from the incident's live state", () => {
    const fields = initialFields(incident, null, ctx.mitigations);
    const { text, missing } = renderTemplate(DEFAULT_TEMPLATES.initial.body, placeholderValues(ctx, fields));
    expect(text).toBe(
      [
        '🚨 INCIDENT ALERT 🚨',
        'Severity: SEV1 · P0',
        'Service: ocr, echo',
        'Impact: OCR jobs fail for every tenant',
        'Started: 2025-11-22 13:50 UTC',
        'Investigating: Dana Ops',
        '',
        'Status page: https://status.example.test',
        'Updates will be posted every 15 minutes.',
      ].join('\n'),
    );
    expect(missing).toEqual([]);
  });

  it('lists what changed since the last update, news only, one line each', () => {
    const values = placeholderValues(ctx, initialFields(incident, null, []));
    expect(values.changes).toBe('\n• 14:06 UTC Pause queue "batch" on lab: done\n• 14:07 UTC Fragmentation on GPU 2');
    expect(values.elapsed).toBe('25m 00s');
    expect(values.duration).toBe('35m 00s');
    expect(values.audience).toBe('pagerduty, slack-critical, email-executives');
    expect(values.next_update).toBe('2025-11-22 14:19 UTC');
    expect(values.open_checklist).toBeNull();
  });

  it('leaves unknown stakeholder fields as blanks to fill, named', () => {
    const { missing } = renderTemplate(DEFAULT_TEMPLATES['status-update'].body, placeholderValues(ctx, initialFields(incident, null, [])));
    expect(missing).toEqual(['next_steps', 'eta']);
  });
});

describe('stakeholder state stays apart from the internal status', () => {
  it('starts from the internal status when nothing was told, then from what was last told', () => {
    expect(initialFields(incident, null, []).publicStatus).toBe('Identified');
    const told = { ...initialFields(incident, null, []), publicStatus: 'Investigating' as const, eta: '15:00 UTC' };
    expect(initialFields(incident, told, [])).toMatchObject({ publicStatus: 'Investigating', eta: '15:00 UTC' });
    expect(publicStatusFor('closed')).toBe('Resolved');
  });
});

it('changesSince says so when there is nothing new, and caps long lists', () => {
  expect(changesSince(timeline, T0 + 30 * MIN)).toBeNull();
  const many = Array.from({ length: 20 }, (_, i) => ev(T0 + i * MIN, 'note', `n${i}`));
  const text = changesSince(many, null) ?? '';
  expect(text.split('\n').filter(Boolean)).toHaveLength(13);
  expect(text).toContain('(8 earlier changes not listed)');
});
