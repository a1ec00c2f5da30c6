/** Incident status lifecycle, in order. */
export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export function statusIndex(status: Status): number {
  return STATUSES.indexOf(status);
}

/**
 * Which status changes are allowed. Forward moves may skip steps (an incident can
 * be resolved straight from investigating). Going back is a reopen and is allowed
 * until the incident is closed; a closed incident is a record, not a live one.
 */
export function canTransition(from: Status, to: Status): boolean {
  if (from === to) return false;
  if (from === 'closed') return false;
  if (to === 'closed') return from === 'resolved';
  return true;
}
