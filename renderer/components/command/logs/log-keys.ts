/** What a key does in the log list; null when the list leaves the key alone. */
export type LogKeyAction = { kind: 'select'; index: number } | { kind: 'pin' } | { kind: 'clear' };

/**
 * Keyboard use of the log list, as a mail client's message list: arrows move the selection (and
 * with it the detail view), Page keys move by what fits on screen, Home/End go to the newest and
 * oldest line, `p` pins the selected line, Escape closes it. `current` is -1 when nothing is selected;
 * the first arrow press then selects the newest line.
 */
export function logKeyAction(key: string, current: number, count: number, pageRows: number): LogKeyAction | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (i: number): number => Math.min(last, Math.max(0, i));
  const step = Math.max(1, pageRows - 1);
  switch (key) {
    case 'ArrowDown':
      return { kind: 'select', index: current < 0 ? 0 : clamp(current + 1) };
    case 'ArrowUp':
      return { kind: 'select', index: current < 0 ? 0 : clamp(current - 1) };
    case 'PageDown':
      return { kind: 'select', index: clamp(Math.max(current, 0) + step) };
    case 'PageUp':
      return { kind: 'select', index: clamp(Math.max(current, 0) - step) };
    case 'Home':
      return { kind: 'select', index: 0 };
    case 'End':
      return { kind: 'select', index: last };
    case 'p':
      return current < 0 ? null : { kind: 'pin' };
    case 'Escape':
      return current < 0 ? null : { kind: 'clear' };
    default:
      return null;
  }
}

/** The scrollTop that shows row `index` (fixed-height rows), moving as little as possible. */
export function scrollToShow(index: number, rowHeight: number, scrollTop: number, viewHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewHeight) return top + rowHeight - viewHeight;
  return scrollTop;
}
