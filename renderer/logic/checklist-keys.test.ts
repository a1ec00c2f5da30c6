import { describe, expect, it } from 'vitest';
import { checklistKey, nextRole } from './checklist-keys';

const check = { kind: 'check' as const, status: 'open' as const };

describe('checklist keys', () => {
  it('moves with arrows and j/k, switches playbooks with brackets, with or without an item', () => {
    expect(checklistKey({ key: 'ArrowDown' }, null)).toEqual({ type: 'move', delta: 1 });
    expect(checklistKey({ key: 'k' }, check)).toEqual({ type: 'move', delta: -1 });
    expect(checklistKey({ key: ']' }, null)).toEqual({ type: 'switch', delta: 1 });
    expect(checklistKey({ key: 'End' }, check)).toEqual({ type: 'edge', to: 'last' });
  });

  it('ticks an open item, un-ticks a done one, and leaves modified keys to the browser', () => {
    expect(checklistKey({ key: ' ' }, check)).toEqual({ type: 'done' });
    expect(checklistKey({ key: 'x' }, { ...check, status: 'done' })).toEqual({ type: 'reopen' });
    expect(checklistKey({ key: 'x' }, { ...check, status: 'skipped' })).toEqual({ type: 'done' });
    expect(checklistKey({ key: 'x', ctrlKey: true }, check)).toBeNull();
    expect(checklistKey({ key: 'u' }, check)).toBeNull();
  });

  it('answers decisions with y and n; n means not applicable everywhere else', () => {
    const decision = { kind: 'decision' as const, status: 'open' as const };
    expect(checklistKey({ key: 'Y' }, decision)).toEqual({ type: 'answer', answer: 'yes' });
    expect(checklistKey({ key: 'n' }, decision)).toEqual({ type: 'answer', answer: 'no' });
    expect(checklistKey({ key: ' ' }, decision)).toBeNull();
    expect(checklistKey({ key: 'n' }, check)).toEqual({ type: 'not-applicable' });
    expect(checklistKey({ key: 'y' }, check)).toBeNull();
  });

  it('copies only command items', () => {
    expect(checklistKey({ key: 'c' }, { kind: 'command', status: 'open' })).toEqual({ type: 'copy' });
    expect(checklistKey({ key: 'c' }, check)).toBeNull();
  });

  it('walks the roles, then back to nobody', () => {
    expect(nextRole(null)).toBe('commander');
    expect(nextRole('commander')).toBe('communications');
    expect(nextRole('scribe')).toBeNull();
  });
});
