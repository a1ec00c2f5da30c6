import { ROLES, type Role } from '../../shared/domain/roles';
import type { ItemStatus } from '../../shared/playbooks/checklist';
import type { ItemKind } from '../../shared/playbooks/schema';

/**
 * The checklist is worked from the keyboard: one key per action on the focused item, as on a pit
 * wall there is no time for menus. This maps a key press to what it means for that item.
 */
export type ChecklistKey =
  | { type: 'move'; delta: number }
  | { type: 'edge'; to: 'first' | 'last' }
  | { type: 'switch'; delta: number }
  | { type: 'done' }
  | { type: 'reopen' }
  | { type: 'skip' }
  | { type: 'not-applicable' }
  | { type: 'note' }
  | { type: 'role' }
  | { type: 'answer'; answer: 'yes' | 'no' }
  | { type: 'copy' };

export interface KeyContext {
  kind: ItemKind;
  status: ItemStatus;
}

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export function checklistKey(e: KeyPress, item: KeyContext | null): ChecklistKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      return { type: 'move', delta: 1 };
    case 'ArrowUp':
    case 'k':
      return { type: 'move', delta: -1 };
    case 'Home':
      return { type: 'edge', to: 'first' };
    case 'End':
      return { type: 'edge', to: 'last' };
    case ']':
      return { type: 'switch', delta: 1 };
    case '[':
      return { type: 'switch', delta: -1 };
  }
  if (!item) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (item.kind === 'decision' && (key === 'y' || key === 'n')) return { type: 'answer', answer: key === 'y' ? 'yes' : 'no' };
  switch (key) {
    case ' ':
    case 'x':
      // The tick toggles: a done item goes back to open. A decision is answered, not ticked.
      if (item.kind === 'decision') return null;
      return item.status === 'done' ? { type: 'reopen' } : { type: 'done' };
    case 'u':
      return item.status === 'open' ? null : { type: 'reopen' };
    case 's':
      return { type: 'skip' };
    case 'n':
      return { type: 'not-applicable' };
    case 'a':
      return { type: 'note' };
    case 'r':
      return { type: 'role' };
    case 'c':
      return item.kind === 'command' ? { type: 'copy' } : null;
    default:
      return null;
  }
}

/** `r` walks the roles in order, then back to nobody. */
export function nextRole(current: Role | null): Role | null {
  if (current === null) return ROLES[0];
  const i = ROLES.indexOf(current);
  return i < 0 || i === ROLES.length - 1 ? null : (ROLES[i + 1] ?? null);
}

/** The keys, as the hint line under the checklist shows them. */
export const CHECKLIST_KEY_HINTS: readonly [string, string][] = [
  ['↑ ↓', 'move'],
  ['Space', 'done'],
  ['S', 'skip'],
  ['N', 'n/a'],
  ['Y / N', 'answer'],
  ['A', 'note'],
  ['R', 'role'],
  ['U', 'reopen'],
  ['C', 'copy'],
  ['[ ]', 'playbook'],
];
