import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOverdue, type ActionItem } from '../../../shared/domain/action-items';
import type { Incident, IncidentDetail } from '../../../shared/domain/incident';
import { openCoreHarness, type CoreHarness } from '../../test-support/core-harness';

let h: CoreHarness;
let a: Incident;
let b: Incident;

beforeEach(async () => {
  // 2025-01-15 10:00 UTC
  h = openCoreHarness();
  a = await h.call<Incident>('incident:declare', { title: 'GPU OOM', severity: 'SEV2' });
  b = await h.call<Incident>('incident:declare', { title: 'Auth outage', severity: 'SEV1' });
});
afterEach(async () => h.close());

const create = (input: Record<string, unknown>): Promise<ActionItem> => h.call<ActionItem>('action:create', input);

describe('action items', () => {
  it('are created and changed with an author, each change on the incident timeline', async () => {
    const item = await create({
      incidentId: a.id,
      title: 'Admission control',
      owner: '@ml-platform',
      ticket: 'ML-125',
      dueDate: '2025-01-31',
    });
    expect(item).toMatchObject({ status: 'open', createdBy: 'alice', incidentRef: a.ref, incidentTitle: 'GPU OOM', dueDate: '2025-01-31' });
    expect(item.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    h.clock.now += 60_000;
    const done = await h.call<ActionItem>('action:update', { id: item.id, status: 'done', ticket: 'ML-126' });
    expect(done).toMatchObject({ status: 'done', ticket: 'ML-126', updatedAt: h.clock.now });
    const { timeline } = await h.call<IncidentDetail>('incident:get', { id: a.id });
    expect(timeline.filter((e) => e.kind === 'action-item').map((e) => e.summary)).toEqual([
      'Action item added: Admission control (owner @ml-platform, ticket ML-125, due 2025-01-31)',
      'Action item "Admission control": ticket ML-125 → ML-126; Open → Done',
    ]);
    const nothing = await h.failure('action:update', { id: item.id, status: 'done' });
    expect(nothing).toMatchObject({ code: 'bad-input' });
    expect(nothing.message).toMatch(/Nothing to change/);
  });

  it('lists across incidents with filters, open work first by due date, and marks overdue against today (UTC)', async () => {
    const late = await create({ incidentId: a.id, title: 'Late', owner: 'Dana', dueDate: '2025-01-10' });
    const today = await create({ incidentId: b.id, title: 'Due today', owner: 'Lee', dueDate: '2025-01-15' });
    const later = await create({ incidentId: b.id, title: 'Later', owner: 'dana', dueDate: '2025-02-01', status: 'in-progress' });
    const undated = await create({ incidentId: a.id, title: 'Undated' });
    const closedLate = await create({ incidentId: a.id, title: 'Finished late', dueDate: '2025-01-01', status: 'wont-do' });

    const all = await h.call<ActionItem[]>('action:list', {});
    expect(all.map((i) => i.title)).toEqual(['Late', 'Due today', 'Later', 'Undated', 'Finished late']);
    expect(all.filter((i) => isOverdue(i, h.clock.now)).map((i) => i.id)).toEqual([late.id]);

    const overdue = await h.call<ActionItem[]>('action:list', { overdueOnly: true });
    expect(overdue.map((i) => i.id)).toEqual([late.id]);
    const forB = await h.call<ActionItem[]>('action:list', { incidentId: b.id });
    expect(forB.map((i) => i.id)).toEqual([today.id, later.id]);
    const dana = await h.call<ActionItem[]>('action:list', { owner: 'DANA' });
    expect(dana.map((i) => i.id)).toEqual([late.id, later.id]);
    const finished = await h.call<ActionItem[]>('action:list', { statuses: ['done', 'wont-do'] });
    expect(finished.map((i) => i.id)).toEqual([closedLate.id]);
    // The next UTC day, "due today" is overdue too.
    h.clock.now += 24 * 3_600_000;
    const nextDay = await h.call<ActionItem[]>('action:list', { overdueOnly: true });
    expect(nextDay.map((i) => i.id)).toEqual([late.id, today.id]);
    expect(undated.dueDate).toBeNull();
  });

  it('refuses bad input in words and writes nothing', async () => {
    const notADate = await h.failure('action:create', { incidentId: a.id, title: 'x', dueDate: '2025-02-30' });
    expect(notADate.code).toBe('bad-input');
    expect(notADate.message).toMatch(/dueDate: due date must be a calendar date written YYYY-MM-DD/);
    expect((await h.failure('action:create', { incidentId: a.id, title: 'x', dueDate: 'next friday' })).code).toBe('bad-input');
    const long = await h.failure('action:create', { incidentId: a.id, title: 'x'.repeat(201) });
    expect(long.message).toMatch(/title must be at most 200 characters/);
    expect((await h.failure('action:create', { incidentId: a.id, title: '   ' })).message).toMatch(/needs a title/);
    expect((await h.failure('action:create', { incidentId: 999, title: 'x' })).code).toBe('not-found');
    expect((await h.failure('action:update', { id: 'not-an-id', status: 'done' })).code).toBe('bad-input');
    expect((await h.failure('action:update', { id: '0190a8f0-0000-7000-8000-000000000000', status: 'done' })).code).toBe('not-found');
    expect(await h.call<ActionItem[]>('action:list', {})).toEqual([]);
    const { timeline } = await h.call<IncidentDetail>('incident:get', { id: a.id });
    expect(timeline.some((e) => e.kind === 'action-item')).toBe(false);
  });
});
