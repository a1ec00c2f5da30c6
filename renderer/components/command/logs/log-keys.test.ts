import { describe, expect, it } from 'vitest';
import { logKeyAction, scrollToShow } from './log-keys';

describe('log list keys', () => {
  it('moves the selection with arrows, pages, Home and End, staying inside the list', () => {
    expect(logKeyAction('ArrowDown', -1, 50, 10)).toEqual({ kind: 'select', index: 0 });
    expect(logKeyAction('ArrowDown', 3, 50, 10)).toEqual({ kind: 'select', index: 4 });
    expect(logKeyAction('ArrowDown', 49, 50, 10)).toEqual({ kind: 'select', index: 49 });
    expect(logKeyAction('ArrowUp', 0, 50, 10)).toEqual({ kind: 'select', index: 0 });
    expect(logKeyAction('PageDown', 3, 50, 10)).toEqual({ kind: 'select', index: 12 });
    expect(logKeyAction('PageUp', 5, 50, 10)).toEqual({ kind: 'select', index: 0 });
    expect(logKeyAction('End', 5, 50, 10)).toEqual({ kind: 'select', index: 49 });
    expect(logKeyAction('Home', 5, 50, 10)).toEqual({ kind: 'select', index: 0 });
  });

  it('pins and clears only a selected line, and ignores other keys and an empty list', () => {
    expect(logKeyAction('p', 2, 50, 10)).toEqual({ kind: 'pin' });
    expect(logKeyAction('p', -1, 50, 10)).toBeNull();
    expect(logKeyAction('Escape', 2, 50, 10)).toEqual({ kind: 'clear' });
    expect(logKeyAction('Escape', -1, 50, 10)).toBeNull();
    expect(logKeyAction('x', 2, 50, 10)).toBeNull();
    expect(logKeyAction('ArrowDown', -1, 0, 10)).toBeNull();
  });

  it('scrolls just enough to show a row above or below the view', () => {
    expect(scrollToShow(10, 22, 0, 220)).toBe(22);
    expect(scrollToShow(2, 22, 100, 220)).toBe(44);
    expect(scrollToShow(5, 22, 44, 220)).toBe(44);
  });
});
