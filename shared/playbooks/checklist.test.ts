import { describe, expect, it } from 'vitest';
import { builtinPlaybook } from './builtin/index';
import { checklistProgress, foldItems, progressText, type ChecklistAction } from './checklist';

const MODEL = builtinPlaybook('model-performance-degradation');
const FIRST = builtinPlaybook('first-response');
const POST = builtinPlaybook('post-incident');
if (!MODEL || !FIRST || !POST) throw new Error('built-ins missing');

let seq = 0;
function act(itemId: string, action: ChecklistAction['action'], at: number, more: Partial<ChecklistAction> = {}): ChecklistAction {
  seq += 1;
  return {
    id: `0000-${String(seq).padStart(4, '0')}`,
    checklistId: 'c',
    itemId,
    action,
    at,
    author: 'alice',
    text: null,
    role: null,
    answer: null,
    evidence: null,
    ...more,
  };
}

const ctx = { severity: 'SEV2' as const, resolvedAt: null, now: 1_000 };

describe('checklist state folded from actions', () => {
  it('applies actions in time order whatever order they arrive in (two machines, merged)', () => {
    const a = [act('queues', 'done', 10), act('queues', 'reopen', 20), act('queues', 'skipped', 30, { text: 'AsynqMon down' })];
    const forward = foldItems(FIRST, a, ctx);
    const shuffled = foldItems(
      FIRST,
      [a[2], a[0], a[1]].filter((x): x is ChecklistAction => x !== undefined),
      ctx,
    );
    expect(forward.queues).toEqual(shuffled.queues);
    expect(forward.queues?.status).toBe('skipped');
    expect(forward.queues?.reason).toBe('AsynqMon down');
    expect(forward.queues?.changed).toEqual({ at: 30, author: 'alice' });
  });

  it('keeps notes and the assigned role across status changes; an item starts with the playbook role', () => {
    expect(foldItems(FIRST, [], ctx).scope?.role).toBe('commander');
    const s = foldItems(
      FIRST,
      [act('scope', 'note', 1, { text: 'OCR only' }), act('scope', 'assign', 2, { role: 'operations' }), act('scope', 'done', 3)],
      ctx,
    ).scope;
    expect(s?.notes.map((n) => n.text)).toEqual(['OCR only']);
    expect(s?.role).toBe('operations');
    expect(s?.status).toBe('done');
  });

  it('a yes to "recent deployment?" rules the drift investigation out; a later no swaps the branches', () => {
    const yes = foldItems(MODEL, [act('recent-deployment', 'answer', 5, { answer: 'yes' })], ctx);
    expect(yes['recent-deployment']?.status).toBe('done');
    expect(yes['drift-metrics']?.ruledOutBy).toEqual({ itemId: 'recent-deployment', text: 'Is it a recent deployment?', answer: 'yes' });
    expect(yes.retrain?.ruledOutBy?.answer).toBe('yes');
    expect(yes['rollback-previous']?.ruledOutBy).toBeNull();
    const no = foldItems(
      MODEL,
      [act('recent-deployment', 'answer', 5, { answer: 'yes' }), act('recent-deployment', 'answer', 6, { answer: 'no' })],
      ctx,
    );
    expect(no['rollback-previous']?.ruledOutBy?.answer).toBe('no');
    expect(no['drift-metrics']?.ruledOutBy).toBeNull();
  });

  it('counts progress: done over what applies; N/A, ruled-out and other-severity sections leave the total', () => {
    const before = checklistProgress('c', MODEL, foldItems(MODEL, [], ctx), ctx);
    const after = checklistProgress(
      'c',
      MODEL,
      foldItems(
        MODEL,
        [
          act('recent-deployment', 'answer', 5, { answer: 'yes' }),
          act('user-reports', 'not-applicable', 6),
          act('dashboard-drop', 'skipped', 7, { text: 'no dashboard' }),
        ],
        ctx,
      ),
      ctx,
    );
    // The no-branch holds data-drift (7) and drift-confirmed (3).
    expect(before.total - after.total).toBe(10 + 1);
    expect(after.done).toBe(1);
    expect(after.skipped).toBe(1);
    expect(after.open).toBe(after.total - 2);
    expect(progressText(after)).toBe(`1/${after.total}`);

    const sev1 = checklistProgress('c', FIRST, foldItems(FIRST, [], { ...ctx, severity: 'SEV1' }), { ...ctx, severity: 'SEV1' });
    const sev3 = checklistProgress('c', FIRST, foldItems(FIRST, [], { ...ctx, severity: 'SEV3' }), { ...ctx, severity: 'SEV3' });
    // The Gaudi P0 sections (3 + 4 + 4 items) only count for SEV1.
    expect(sev1.total - sev3.total).toBe(11);
  });

  it('post-incident items fall due counted from the resolution, and overdue ones are counted', () => {
    const resolvedAt = 1_700_000_000_000;
    const at = { severity: 'SEV2' as const, resolvedAt, now: resolvedAt + 2 * 3_600_000 };
    const items = foldItems(POST, [act('service-restored', 'done', resolvedAt + 60_000)], at);
    expect(items['document-timeline']?.dueAt).toBe(resolvedAt + 3_600_000);
    expect(items['write-postmortem']?.dueAt).toBe(resolvedAt + 24 * 3_600_000);
    expect(items['team-retrospective']?.dueAt).toBe(resolvedAt + 7 * 24 * 3_600_000);
    expect(items['schedule-retrospective']?.dueAt).toBe(resolvedAt + 24 * 3_600_000);
    const p = checklistProgress('c', POST, items, at);
    // Three of the four one-hour items are open and past due.
    expect(p.overdue).toBe(3);
    expect(p.nextDueAt).toBe(resolvedAt + 3_600_000);
    expect(foldItems(POST, [], { ...at, resolvedAt: null })['document-timeline']?.dueAt).toBeNull();
  });

  it('ignores actions on items the attached version does not have', () => {
    const items = foldItems(FIRST, [act('no-such-item', 'done', 1)], ctx);
    expect(Object.values(items).every((s) => s.status === 'open')).toBe(true);
  });
});
