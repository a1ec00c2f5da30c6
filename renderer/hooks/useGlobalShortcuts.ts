import { useEffect } from 'react';
import { showPlatform } from '../state/route';
import { openDeclare } from '../state/ui';

/** True when a key press belongs to a text field (or a dialog), not to the console. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('dialog[open]')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export const SEARCH_INPUT_ID = 'incident-search';

/**
 * `n` declares, `/` jumps to search, Escape goes back to the platform view — single keys, as on a
 * pit wall there is no time for chords. Escape inside a field, a dialog or a list that uses it
 * (the log list closes its selection) stays there.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        openDeclare();
      } else if (e.key === '/') {
        e.preventDefault();
        document.getElementById(SEARCH_INPUT_ID)?.focus();
      } else if (e.key === 'Escape' && !e.shiftKey) {
        e.preventDefault();
        showPlatform();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
