import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail, TimelineEvent } from '../../../shared/domain/incident';
import type { SourceHealth, SourceView } from '../../../shared/domain/source-config';
import type { ChecklistProgress, ChecklistView } from '../../../shared/playbooks/checklist';
import type { EvidenceReading } from '../../../shared/playbooks/evidence';
import type { Lab } from '../../lab/lab';
import { openLabCore, type LabCore } from '../../test-support/lab-core';
import { coreCalls } from '../../test-support/core-calls';
import type { PitwallCore } from '../app';
import { isId } from '../ids';

/** Checklists through the core: attached by the incident's own changes, acted on, evidence frozen from what the lab's polls stored. */
let t: LabCore;
let lab: Lab;
let core: PitwallCore;
let dir: string;

const { call, failure } = coreCalls(() => core);

beforeEach(async () => {
  t = await openLabCore();
  ({ lab, core, dir } = t);
});
afterEach(() => t.close());

async function pollAll(): Promise<void> {
  for (const s of await call<SourceView[]>('source:list')) await call<SourceHealth>('source:poll-now', { id: s.id });
}

const declare = (severity = 'SEV2'): Promise<Incident> => call<Incident>('incident:declare', { title: 'OCR workers OOMKilled', severity });
const checklists = (incidentId: number): Promise<ChecklistView[]> => call<ChecklistView[]>('checklist:list', { incidentId });
const timeline = async (id: number): Promise<TimelineEvent[]> => (await call<IncidentDetail>('incident:get', { id })).timeline;

describe('checklists on incidents', () => {
  it('attaches first response at declaration, in the same moment and transaction, and post-incident at resolution with due times', async () => {
    const inc = await declare();
    const [first] = await checklists(inc.id);
    expect(first?.playbook.id).toBe('first-response');
    expect(first?.attachedAt).toBe(inc.declaredAt);
    const attachEvent = (await timeline(inc.id)).find((e) => e.kind === 'checklist');
    expect(attachEvent?.at).toBe(inc.declaredAt);
    expect(attachEvent?.summary).toMatch(/^Attached playbook “First response” \(first-response v1, \d+ items\)$/);

    const resolved = await call<Incident>('incident:set-status', { id: inc.id, status: 'resolved' });
    const post = (await checklists(inc.id)).find((c) => c.playbook.id === 'post-incident');
    const resolvedAt = resolved.times.resolvedAt ?? 0;
    expect(post?.attachedAt).toBe(resolvedAt);
    expect(post?.items['document-timeline']?.dueAt).toBe(resolvedAt + 3_600_000);
    expect(post?.progress.nextDueAt).toBe(resolvedAt + 3_600_000);
    // Reopened and resolved again: still one post-incident checklist, due from the new resolution.
    await call('incident:set-status', { id: inc.id, status: 'investigating' });
    const again = await call<Incident>('incident:set-status', { id: inc.id, status: 'resolved' });
    const lists = await checklists(inc.id);
    expect(lists.filter((c) => c.playbook.id === 'post-incident')).toHaveLength(1);
    expect(lists.find((c) => c.playbook.id === 'post-incident')?.items['document-timeline']?.dueAt).toBe(
      (again.times.resolvedAt ?? 0) + 3_600_000,
    );
  });

  it('ticking an item freezes what the stored telemetry says into its timeline event', async () => {
    await pollAll();
    lab.engine.advance(240);
    await pollAll();
    const inc = await declare();
    const [first] = await checklists(inc.id);
    const { checklist, event } = await call<{ checklist: ChecklistView; event: TimelineEvent }>('checklist:act', {
      checklistId: first?.id,
      itemId: 'gpus',
      action: 'done',
    });
    expect(checklist.items.gpus?.status).toBe('done');
    expect(checklist.items.gpus?.changed?.author).toBe('alice');
    const frozen = event.data.evidence as EvidenceReading[];
    expect(frozen.map((r) => r.query.kind)).toEqual(['gpu-memory', 'oom-kills', 'restarts']);
    const gpu = frozen[0];
    expect(gpu?.state).toBe('ok');
    expect(gpu?.value).toBeGreaterThan(0);
    expect(gpu?.subject).toMatch(/^gpu-node-\d\d GPU \d+$/);
    expect(event.summary).toContain(`seen: ${gpu?.text ?? '?'}`);
    // The frozen reading is what the timeline keeps, whatever the telemetry says later.
    lab.engine.advance(300);
    await pollAll();
    const stored = (await timeline(inc.id)).find((e) => e.id === event.id);
    expect(stored?.data.evidence).toEqual(frozen);
    // And the item's state carries it too.
    expect((await checklists(inc.id))[0]?.items.gpus?.frozen).toEqual(frozen);
  });

  it('says "no data" — never a reassuring zero — when the sources behind an item are down', async () => {
    await pollAll();
    const inc = await declare();
    await lab.close();
    // Refused connections twice make a source down.
    for (let i = 0; i < 3; i += 1) await pollAll();
    const [first] = await checklists(inc.id);
    const { event } = await call<{ event: TimelineEvent }>('checklist:act', { checklistId: first?.id, itemId: 'queues', action: 'done' });
    const frozen = event.data.evidence as EvidenceReading[];
    expect(frozen.every((r) => r.state === 'no-data' && r.value === null)).toBe(true);
    expect(frozen[0]?.text).toMatch(/^no data — Lab AsynqMon is down/);
  });

  it('records every action as a UUIDv7 row with its author, linked to a timeline event written in the same transaction', async () => {
    const inc = await declare();
    const [first] = await checklists(inc.id);
    const id = first?.id;
    await call('checklist:act', { checklistId: id, itemId: 'storage', action: 'skipped', text: 'no NFS on this cluster' });
    await call('checklist:act', { checklistId: id, itemId: 'scope', action: 'assign', role: 'communications' });
    await call('checklist:act', { checklistId: id, itemId: 'scope', action: 'note', text: 'Echo UI and OCR only' });
    const events = (await timeline(inc.id)).filter((e) => e.kind === 'checklist' && e.data.action !== 'attach');
    expect(events.map((e) => e.summary)).toEqual([
      'Skipped: Check storage saturation (NFS/MinIO) and artifact TTL behavior. (First response) — reason: no NFS on this cluster — seen: ' +
        (events[0]?.summary.split(' — seen: ')[1] ?? ''),
      'Assigned to Communications lead: Confirm scope: which workflows are impacted (Echo UI, workers, OCR, translation, JupyterHub)? (First response)',
      'Note on “Confirm scope: which workflows are impacted (Echo UI, workers, OCR, translation, JupyterHub)?” (First response): Echo UI and OCR only',
    ]);
    const raw = new Database(join(dir, 'pitwall.db'), { readonly: true });
    try {
      const rows = raw.prepare('SELECT id, author, event_id FROM checklist_actions ORDER BY at, id').all() as {
        id: string;
        author: string;
        event_id: number;
      }[];
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => isId(r.id) && r.author === 'alice')).toBe(true);
      expect(rows.map((r) => r.event_id)).toEqual(events.map((e) => e.id));
      expect(events.map((e) => e.data.actionId)).toEqual(rows.map((r) => r.id));
    } finally {
      raw.close();
    }
  });

  it('refuses what makes no sense, in words, and writes nothing', async () => {
    const inc = await declare();
    const [first] = await checklists(inc.id);
    const id = first?.id;
    expect((await failure('checklist:act', { checklistId: id, itemId: 'storage', action: 'skipped' })).message).toMatch(/needs a reason/);
    expect((await failure('checklist:act', { checklistId: id, itemId: 'nope', action: 'done' })).code).toBe('not-found');
    expect((await failure('checklist:act', { checklistId: id, itemId: 'scope', action: 'reopen' })).message).toMatch(/already open/);
    expect((await failure('checklist:act', { checklistId: id, itemId: 'scope', action: 'answer', answer: 'yes' })).message).toMatch(
      /not a decision/,
    );
    expect((await failure('checklist:attach', { incidentId: inc.id, playbookId: 'first-response' })).code).toBe('conflict');
    expect((await failure('checklist:attach', { incidentId: inc.id, playbookId: 'no-such-playbook' })).code).toBe('not-found');
    expect((await timeline(inc.id)).filter((e) => e.kind === 'checklist')).toHaveLength(1);
  });

  it('a decision answered makes the other branch not applicable and says so on the timeline', async () => {
    const inc = await declare();
    const view = await call<ChecklistView>('checklist:attach', { incidentId: inc.id, playbookId: 'model-performance-degradation' });
    const before = view.progress.total;
    const { checklist, event } = await call<{ checklist: ChecklistView; event: TimelineEvent }>('checklist:act', {
      checklistId: view.id,
      itemId: 'recent-deployment',
      action: 'answer',
      answer: 'yes',
    });
    expect(event.summary).toBe(
      'Decision: Is it a recent deployment? → yes (Go to "Rollback Procedure") (Model performance degradation); 10 items of the other branch not applicable',
    );
    expect(checklist.items['drift-metrics']?.ruledOutBy?.answer).toBe('yes');
    expect(checklist.progress.total).toBe(before - 10);
    const progress = await call<{ incidentId: number; progress: ChecklistProgress[] }[]>('checklist:progress', {
      incidentIds: [inc.id, 999],
    });
    expect(progress.map((p) => p.incidentId)).toEqual([inc.id]);
    expect(progress[0]?.progress.map((p) => p.playbookId)).toEqual(['first-response', 'model-performance-degradation']);
    expect(progress[0]?.progress[1]?.done).toBe(1);
  });

  it('rolls the action back with its event when the write fails half-way', async () => {
    const inc = await declare();
    const [first] = await checklists(inc.id);
    const writer = new Database(join(dir, 'pitwall.db'));
    writer.exec(`CREATE TRIGGER fail_actions BEFORE INSERT ON checklist_actions BEGIN SELECT RAISE(ABORT, 'disk said no'); END;`);
    writer.close();
    const err = await failure('checklist:act', { checklistId: first?.id, itemId: 'scope', action: 'done' });
    expect(err.message).toMatch(/disk said no/);
    expect((await timeline(inc.id)).filter((e) => e.kind === 'checklist')).toHaveLength(1);
    expect((await checklists(inc.id))[0]?.items.scope?.status).toBe('open');
  });
});
