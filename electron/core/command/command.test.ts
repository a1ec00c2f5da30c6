import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandState, CommsRecord, CommsSettings, Notice, Snooze } from '../../../shared/command/types';
import { DEFAULT_TEMPLATES } from '../../../shared/command/templates';
import type { EventMessage } from '../../../shared/contract/events';
import type { Incident, IncidentDetail, IncidentSummary, TimelineEvent } from '../../../shared/domain/incident';
import { NodeSecretBox } from '../../platform/node-secret-box';
import type { HostNotice } from '../../platform/notifier';
import { coreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';
import { createCore, type PitwallCore } from '../app';
import { isId } from '../ids';
import { suggestionNotice } from './due-notifier';

/** The command domain through the core's dispatch, on a real SQLite file, with a clock the test moves. */
const T0 = Date.UTC(2025, 10, 22, 14, 0, 0);
const MIN = 60_000;

let dir: string;
let cleanup: () => void;
let core: PitwallCore;
let now: number;
let events: EventMessage[];
let shown: { notice: HostNotice; click: () => void }[];
let copied: string[];

function open(host = false): PitwallCore {
  const c = createCore({
    dataDir: dir,
    mode: 'browser',
    version: 'test',
    operator: 'dana',
    poll: false,
    now: () => now,
    ...(host
      ? {
          platform: {
            secrets: NodeSecretBox.open(dir),
            notifier: { shownBy: 'host' as const, show: (notice: HostNotice, click: () => void) => void shown.push({ notice, click }) },
            clipboard: { writeText: (t: string) => void copied.push(t) },
          },
        }
      : {}),
  });
  c.subscribe((m) => events.push(m));
  return c;
}

const { call, failure } = coreCalls(() => core);

const at = (min: number): void => {
  now = T0 + min * MIN;
};
const check = (): Notice[] => core.command.notifier.check();
const state = (id: number): Promise<CommandState> => call<CommandState>('command:get-state', { id });
const declare = (severity: string, title = 'GPU OOM on gpu-node-01'): Promise<Incident> =>
  call<Incident>('incident:declare', { title, severity });

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  now = T0;
  events = [];
  shown = [];
  copied = [];
  core = open();
});
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('due items and notifications', () => {
  it('a SEV1 notifies once when acknowledgement falls due at 5 min, and once for what falls due at 15 min', async () => {
    const inc = await declare('SEV1');
    const due = (await state(inc.id)).due;
    expect(due.find((d) => d.kind === 'ack')?.dueAt).toBe(T0 + 5 * MIN);
    expect(due.find((d) => d.kind === 'escalation')?.dueAt).toBe(T0 + 15 * MIN);

    at(4.9);
    expect(check()).toEqual([]);
    at(5);
    const [ack, ...more] = check();
    expect(more).toEqual([]);
    expect(ack?.dueKeys).toEqual([`ack:${T0 + 5 * MIN}`]);
    expect(ack?.title).toBe(`${inc.ref} SEV1 · P0: acknowledge`);
    expect(events.filter((e) => e.event === 'command:notified')).toHaveLength(1);
    at(9);
    expect(check()).toEqual([]);

    at(15);
    const fifteen = check();
    expect(fifteen).toHaveLength(1);
    expect(fifteen[0]?.dueKeys.map((k) => k.split(':')[0]).sort()).toEqual(['escalation', 'step', 'update']);
    expect(fifteen[0]?.body).toContain('Escalate if not mitigated — due 14:15 UTC');
    at(16);
    expect(check()).toEqual([]);

    // A restart does not forget what already fired.
    await core.close();
    core = open();
    expect(check()).toEqual([]);
    expect((await call<Notice[]>('command:list-notices')).map((n) => n.id)).toEqual([fifteen[0]?.id, ack?.id]);
  });

  it('a severity change re-plans: a SEV3 raised to SEV1 after 10 minutes is overdue for acknowledgement at once', async () => {
    const inc = await declare('SEV3');
    at(10);
    expect(check()).toEqual([]);
    await call('incident:set-severity', { id: inc.id, severity: 'SEV1', reason: 'every tenant affected' });
    const fired = check();
    expect(fired.map((n) => n.dueKeys)).toEqual([[`ack:${T0 + 5 * MIN}`]]);
    const detail = await call<IncidentDetail>('incident:get', { id: inc.id });
    expect(detail.timeline.at(-1)?.summary).toContain('every tenant affected');
  });

  it('acknowledging answers the SLA before it falls due: nothing fires', async () => {
    const inc = await declare('SEV1');
    at(2);
    await call('incident:acknowledge', { id: inc.id });
    at(6);
    expect(check()).toEqual([]);
    expect((await state(inc.id)).due.find((d) => d.kind === 'ack')).toMatchObject({ state: 'done', answeredBy: 'acknowledged' });
  });

  it('a snooze holds a notification until it runs out, then it fires once more', async () => {
    const inc = await declare('SEV1');
    at(5);
    const key = check()[0]?.dueKeys[0] ?? '';
    at(6);
    const snooze = await call<Snooze>('command:snooze', { incidentId: inc.id, dueKey: key, minutes: 10 });
    expect(isId(snooze.id)).toBe(true);
    expect(snooze).toMatchObject({ until: T0 + 16 * MIN, author: 'dana' });
    at(14);
    expect(check().flatMap((n) => n.dueKeys)).not.toContain(key);
    at(16);
    expect(check().flatMap((n) => n.dueKeys)).toContain(key);
    at(17);
    expect(check()).toEqual([]);
    // Snoozing something unknown is refused in words.
    expect((await failure('command:snooze', { incidentId: inc.id, dueKey: 'ack:1', minutes: 5 })).code).toBe('not-found');
  });

  it('marking an update sent resets the update timer; engaging a level answers its step', async () => {
    const inc = await declare('SEV1');
    at(15);
    check();
    at(16);
    const fields = {
      publicStatus: 'Investigating',
      impact: 'OCR jobs fail',
      nextSteps: 'Restart workers',
      eta: 'unknown',
      resolution: '',
      followUp: '',
    };
    const sent = await call<CommsRecord>('comms:mark-sent', {
      id: inc.id,
      templateId: 'initial',
      text: '🚨 INCIDENT ALERT 🚨\nSeverity: SEV1 · P0',
      fields,
      audience: ['pagerduty', 'slack-critical'],
    });
    expect(isId(sent.id)).toBe(true);
    expect(sent).toMatchObject({ author: 'dana', purpose: 'update', sentAt: T0 + 16 * MIN });
    const s = await state(inc.id);
    expect(s.due.find((d) => d.kind === 'update')).toMatchObject({ dueAt: T0 + 31 * MIN, state: 'upcoming', title: 'Stakeholder update' });
    expect(s.lastFields).toEqual(fields);
    at(31);
    expect(check()[0]?.dueKeys).toEqual([`update:${T0 + 31 * MIN}`]);

    await call('command:mark-engaged', { id: inc.id, level: 'team lead' });
    const step = (await state(inc.id)).due.find((d) => d.level === 'team lead');
    expect(step).toMatchObject({ state: 'done', answeredBy: 'engaged' });
    expect((await failure('command:mark-engaged', { id: inc.id, level: 'team lead' })).code).toBe('invalid-transition');

    const detail = await call<IncidentDetail>('incident:get', { id: inc.id });
    const comms = detail.timeline.find((e) => e.kind === 'comms');
    expect(comms?.summary).toBe('Initial incident notification sent to pagerduty, slack-critical — stakeholders told: Investigating');
    expect(comms?.data).toMatchObject({ commsId: sent.id, templateId: 'initial' });
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'escalation', summary: 'Escalated: team lead engaged' });
    // What was sent is searchable like a note.
    expect((await call<IncidentSummary[]>('incident:list', { search: 'INCIDENT ALERT' })).map((i) => i.id)).toEqual([inc.id]);
  });

  it('resolving owes a resolution notice, listed as open until sent; a closed incident takes no messages', async () => {
    const inc = await declare('SEV2');
    at(20);
    await call('incident:set-status', { id: inc.id, status: 'resolved', reason: 'workers restarted' });
    expect((await state(inc.id)).open.resolutionNoticeUnsent).toBe(true);
    const fields = { publicStatus: 'Resolved', impact: '', nextSteps: '', eta: '', resolution: 'workers restarted', followUp: '' };
    await call('comms:mark-sent', { id: inc.id, templateId: 'resolution', text: '✅ INCIDENT RESOLVED', fields, audience: [] });
    expect((await state(inc.id)).open.resolutionNoticeUnsent).toBe(false);
    await call('incident:set-status', { id: inc.id, status: 'closed' });
    const refused = await failure('comms:mark-sent', { id: inc.id, templateId: 'status-update', text: 'late', fields, audience: [] });
    expect(refused).toMatchObject({ code: 'invalid-transition' });
    expect((await state(inc.id)).due).toEqual([]);
  });

  it('a suggested incident notifies once', () => {
    const suggested = {
      id: 's-1',
      key: 'gpu-oom:gpu-node-02',
      playbookId: null,
      title: 'GPU memory climbing on gpu-node-02',
      severity: 'SEV2',
      coveredBy: null,
    };
    const first = core.command.notifier.notifySuggestion(suggestionNotice(suggested));
    expect(first?.title).toBe('Suggested incident: GPU memory climbing on gpu-node-02 (SEV2)');
    expect(first?.body).toBe('A detector suggests declaring a SEV2 incident.');
    expect(first?.incidentId).toBeNull();
    expect(core.command.notifier.notifySuggestion({ key: 's-1', title: 'again' })).toBeNull();
  });
});

describe('the host shows notifications (Electron)', () => {
  it('shows each notification through the platform and a click asks the page to open the incident', async () => {
    await core.close();
    core = open(true);
    expect((await call<{ notifications: string }>('app:get-info')).notifications).toBe('host');
    const inc = await declare('SEV1');
    at(5);
    check();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.notice.title).toContain(inc.ref);
    shown[0]?.click();
    expect(events.at(-1)).toEqual({ event: 'command:notice-clicked', payload: { incidentId: inc.id } });
    await call('command:copy-text', { text: 'Severity: SEV1 · P0' });
    expect(copied).toEqual(['Severity: SEV1 · P0']);
  });

  it('browser mode has no host clipboard and says so', async () => {
    expect((await call<{ notifications: string }>('app:get-info')).notifications).toBe('page');
    expect(await failure('command:copy-text', { text: 'x' })).toMatchObject({ code: 'unavailable' });
  });
});

describe('templates in settings', () => {
  it('refuses an unknown placeholder with its line and name, and keeps the template as it was', async () => {
    const err = await failure('comms:save-template', { id: 'status-update', body: 'Status: {{public_status}}\nETA: {{etaa}}' });
    expect(err.code).toBe('bad-input');
    expect(err.message).toContain('line 2: unknown placeholder {{etaa}}');
    const settings = await call<CommsSettings>('comms:get-settings');
    expect(settings.templates.find((t) => t.id === 'status-update')).toMatchObject({
      edited: false,
      body: DEFAULT_TEMPLATES['status-update'].body,
    });
  });

  it('saves an edit, resets it, and treats saving the seed text as a reset', async () => {
    const edited = await call<CommsSettings>('comms:save-template', { id: 'initial', body: 'ALERT {{ref}}' });
    expect(edited.templates.find((t) => t.id === 'initial')).toMatchObject({ edited: true, body: 'ALERT {{ref}}' });
    const reset = await call<CommsSettings>('comms:reset-template', { id: 'initial' });
    expect(reset.templates.find((t) => t.id === 'initial')).toMatchObject({ edited: false, body: DEFAULT_TEMPLATES.initial.body });
    await call('comms:save-template', { id: 'initial', body: 'x {{ref}}' });
    const same = await call<CommsSettings>('comms:save-template', { id: 'initial', body: DEFAULT_TEMPLATES.initial.body });
    expect(same.templates.find((t) => t.id === 'initial')?.edited).toBe(false);
  });

  it('takes a status page URL, refuses anything but http(s)', async () => {
    expect((await call<CommsSettings>('comms:set-status-page', { url: 'https://status.example.test' })).statusPage).toBe(
      'https://status.example.test',
    );
    expect((await failure('comms:set-status-page', { url: 'javascript:alert(1)' })).code).toBe('bad-input');
  });
});

it('every command change lands on the timeline with its author', async () => {
  const inc = await declare('SEV2');
  await call('command:mark-engaged', { id: inc.id, level: 'on-call' });
  const last = (await call<IncidentDetail>('incident:get', { id: inc.id })).timeline.at(-1) as TimelineEvent;
  expect(last).toMatchObject({ actor: 'dana', at: T0, kind: 'escalation' });
  expect(events.some((e) => e.event === 'incident:changed')).toBe(true);
});
