import type { Role } from '../domain/roles';
import type { Severity } from '../domain/severity';
import type { EvidenceReading } from './evidence';
import { type Playbook, type PlaybookItem, type PlaybookSection } from './schema';
import { itemsRuledOut } from './validate';

/**
 * A checklist is a playbook attached to an incident (a copy of the version attached) plus the
 * append-only actions taken on its items. The state of an item is never stored: it is folded from
 * the actions, in order, every time it is read — so two machines that exchange actions later
 * arrive at the same state, and the timeline and the list can never disagree.
 */
export const CHECKLIST_ACTIONS = ['done', 'skipped', 'not-applicable', 'reopen', 'note', 'assign', 'answer'] as const;
export type ChecklistActionKind = (typeof CHECKLIST_ACTIONS)[number];

export type ItemStatus = 'open' | 'done' | 'skipped' | 'not-applicable';
export type Answer = 'yes' | 'no';

export interface ChecklistAction {
  /** UUIDv7. */
  id: string;
  checklistId: string;
  itemId: string;
  action: ChecklistActionKind;
  at: number;
  author: string;
  /** Skip or not-applicable reason, or the note. */
  text: string | null;
  /** For assign: the role, or null to clear it. */
  role: Role | null;
  answer: Answer | null;
  /** What the evidence read when the status was set (done, skipped, not applicable, answered). */
  evidence: EvidenceReading[] | null;
}

export interface ItemNote {
  id: string;
  at: number;
  author: string;
  text: string;
}

export interface ItemState {
  itemId: string;
  status: ItemStatus;
  answer: Answer | null;
  /** Skip or not-applicable reason. */
  reason: string | null;
  /** Open, but a decision's answer led elsewhere: shown as not applicable, outside the count. */
  ruledOutBy: { itemId: string; text: string; answer: Answer } | null;
  role: Role | null;
  notes: ItemNote[];
  /** Who set the current status, and when. */
  changed: { at: number; author: string } | null;
  frozen: EvidenceReading[] | null;
  /** When it falls due (items with a due time, once the incident resolved). */
  dueAt: number | null;
}

export interface ChecklistProgress {
  checklistId: string;
  playbookId: string;
  title: string;
  done: number;
  skipped: number;
  /** Items that count: not N/A, not ruled out by a decision, not in a section for another severity. */
  total: number;
  open: number;
  /** Open items past their due time. */
  overdue: number;
  /** The earliest due time among open items. */
  nextDueAt: number | null;
}

export interface ChecklistView {
  id: string;
  incidentId: number;
  playbook: Playbook;
  attachedAt: number;
  attachedBy: string;
  items: Record<string, ItemState>;
  /** Sections shown folded: written for other severities than the incident's. */
  foldedSections: string[];
  progress: ChecklistProgress;
  /** The playbook's newest version now, when it changed since this was attached. */
  newerVersion: number | null;
}

export interface FoldContext {
  severity: Severity;
  /** Due times count from here; null while the incident is not resolved. */
  resolvedAt: number | null;
  now: number;
}

export function sectionApplies(section: PlaybookSection, severity: Severity): boolean {
  return section.severities === undefined || section.severities.includes(severity);
}

function initial(item: PlaybookItem): ItemState {
  return {
    itemId: item.id,
    status: 'open',
    answer: null,
    reason: null,
    ruledOutBy: null,
    role: item.role ?? null,
    notes: [],
    changed: null,
    frozen: null,
    dueAt: null,
  };
}

/** Applies actions (any order; sorted here by time, then id) to a playbook's items. Unknown items are ignored. */
export function foldItems(playbook: Playbook, actions: readonly ChecklistAction[], ctx: FoldContext): Record<string, ItemState> {
  const items: Record<string, ItemState> = {};
  for (const s of playbook.sections) {
    for (const item of s.items) {
      const state = initial(item);
      const due = item.dueAfterMin ?? s.dueAfterMin;
      state.dueAt = due !== undefined && ctx.resolvedAt !== null ? ctx.resolvedAt + due * 60_000 : null;
      items[item.id] = state;
    }
  }
  const sorted = [...actions].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const a of sorted) {
    const st = items[a.itemId];
    if (!st) continue;
    const setStatus = (status: ItemStatus, answer: Answer | null, reason: string | null, frozen: EvidenceReading[] | null): void => {
      st.status = status;
      st.answer = answer;
      st.reason = reason;
      st.frozen = frozen;
      st.changed = { at: a.at, author: a.author };
    };
    switch (a.action) {
      case 'done':
        setStatus('done', null, null, a.evidence);
        break;
      case 'skipped':
      case 'not-applicable':
        setStatus(a.action, null, a.text, a.evidence);
        break;
      case 'answer':
        setStatus('done', a.answer, null, a.evidence);
        break;
      case 'reopen':
        setStatus('open', null, null, null);
        break;
      case 'note':
        if (a.text) st.notes.push({ id: a.id, at: a.at, author: a.author, text: a.text });
        break;
      case 'assign':
        st.role = a.role;
        break;
    }
  }
  // Decisions answered rule out the branch not taken (only items still open are affected).
  for (const s of playbook.sections) {
    for (const item of s.items) {
      const st = items[item.id];
      if (item.kind !== 'decision' || !st?.answer) continue;
      for (const id of itemsRuledOut(playbook, item, st.answer)) {
        const target = items[id];
        if (target && target.status === 'open' && target.ruledOutBy === null)
          target.ruledOutBy = { itemId: item.id, text: item.text, answer: st.answer };
      }
    }
  }
  return items;
}

export function checklistProgress(
  checklistId: string,
  playbook: Playbook,
  items: Record<string, ItemState>,
  ctx: Pick<FoldContext, 'severity' | 'now'>,
): ChecklistProgress {
  const p: ChecklistProgress = {
    checklistId,
    playbookId: playbook.id,
    title: playbook.title,
    done: 0,
    skipped: 0,
    total: 0,
    open: 0,
    overdue: 0,
    nextDueAt: null,
  };
  for (const s of playbook.sections) {
    if (!sectionApplies(s, ctx.severity)) continue;
    for (const item of s.items) {
      const st = items[item.id];
      if (!st || st.status === 'not-applicable' || (st.status === 'open' && st.ruledOutBy)) continue;
      p.total += 1;
      if (st.status === 'done') p.done += 1;
      else if (st.status === 'skipped') p.skipped += 1;
      else {
        p.open += 1;
        if (st.dueAt !== null) {
          if (st.dueAt < ctx.now) p.overdue += 1;
          if (p.nextDueAt === null || st.dueAt < p.nextDueAt) p.nextDueAt = st.dueAt;
        }
      }
    }
  }
  return p;
}

/** "7/20" — done over total; skipped items are shown beside it, never counted as done. */
export function progressText(p: Pick<ChecklistProgress, 'done' | 'total'>): string {
  return `${p.done}/${p.total}`;
}

/** Progress of several checklists summed (the incident header, the incident list). */
export function sumProgress(
  list: readonly ChecklistProgress[],
): Pick<ChecklistProgress, 'done' | 'skipped' | 'total' | 'open' | 'overdue'> {
  return list.reduce(
    (a, p) => ({
      done: a.done + p.done,
      skipped: a.skipped + p.skipped,
      total: a.total + p.total,
      open: a.open + p.open,
      overdue: a.overdue + p.overdue,
    }),
    { done: 0, skipped: 0, total: 0, open: 0, overdue: 0 },
  );
}

/** Items still to do, as "Playbook: item" lines (handoff notes, reports): open, not ruled out, in a section that applies. */
export function openItemLines(views: readonly ChecklistView[]): string[] {
  const lines: string[] = [];
  for (const v of views) {
    for (const section of v.playbook.sections) {
      if (v.foldedSections.includes(section.id)) continue;
      for (const item of section.items) {
        const st = v.items[item.id];
        if (st && st.status === 'open' && st.ruledOutBy === null) lines.push(`${v.playbook.title}: ${item.text}`);
      }
    }
  }
  return lines;
}
