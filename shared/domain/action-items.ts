/**
 * Action items: follow-ups from an incident (the postmortem's "Action Items" table), with an owner,
 * a ticket in whatever tracker the team uses, a calendar due date and a status.
 */

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABEL: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': "Won't do",
};

/** Statuses that still need someone to act; only these can be overdue. */
export const ACTIVE_ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in-progress'];

export interface ActionItem {
  id: string;
  incidentId: number;
  incidentRef: string;
  incidentTitle: string;
  title: string;
  owner: string;
  ticket: string;
  /** A calendar day, YYYY-MM-DD; null when no date was agreed. */
  dueDate: string | null;
  status: ActionStatus;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (so 2025-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 2000 && y < 2100;
}

/** The UTC calendar day of an instant: due dates are compared in UTC, the console's shared clock. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Overdue: still open or in progress, and its due day is before today (UTC). Due today is not overdue yet. */
export function isOverdue(item: Pick<ActionItem, 'dueDate' | 'status'>, nowMs: number): boolean {
  return item.dueDate !== null && ACTIVE_ACTION_STATUSES.includes(item.status) && item.dueDate < utcDay(nowMs);
}
