import { describe, expect, it } from 'vitest';
import { parsePlaybookText } from '../../shared/playbooks/playbook-file';
import { NEW_PLAYBOOK_TEMPLATE } from './playbook-template';

describe('the new-playbook template', () => {
  it('is a valid playbook with one item of each kind, so "New" then "Save" works', () => {
    const r = parsePlaybookText(NEW_PLAYBOOK_TEMPLATE, 'yaml');
    expect(r.ok ? [] : r.issues).toEqual([]);
    const kinds = r.ok ? new Set(r.playbook.sections.flatMap((s) => s.items.map((i) => i.kind))) : new Set();
    expect([...kinds].sort()).toEqual(['action', 'check', 'command', 'decision']);
  });
});
