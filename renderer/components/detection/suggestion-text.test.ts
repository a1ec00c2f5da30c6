import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../shared/detection/types';
import { affectedGroups, formatValue, outcomeText, playbookName } from './suggestion-text';

describe('suggestion text', () => {
  it('formats each evidence unit', () => {
    expect(formatValue({ label: '', value: 0.974, unit: 'share' })).toBe('97 %');
    expect(formatValue({ label: '', value: 130, unit: 'seconds' })).toBe('2m 10s');
    expect(formatValue({ label: '', value: 118.4, unit: 'per-min' })).toBe('118/min');
    expect(formatValue({ label: '', value: 79, unit: 'code' })).toBe('XID 79');
    expect(formatValue({ label: '', value: null, unit: 'tasks' })).toBe('—');
    expect(formatValue({ label: '', value: Number.NaN, unit: 'share' })).toBe('—');
  });

  it('names built-in playbooks, shows a user playbook by id and says when none matched', () => {
    expect(playbookName('gpu-oom')).toBe('GPU OOM / VRAM fragmentation');
    expect(playbookName('my-runbook')).toBe('my-runbook');
    expect(playbookName(null)).toBe('no playbook matched');
  });

  it('lists only the affected groups that have members', () => {
    const affected = { nodes: ['gpu-node-01'], gpus: [], queues: ['ocr'], services: [], mounts: [] };
    expect(affectedGroups({ affected })).toEqual([
      { label: 'Nodes', items: ['gpu-node-01'] },
      { label: 'Queues', items: ['ocr'] },
    ]);
  });

  it('says how a suggestion ended', () => {
    const base = { state: 'declared', action: { incident: { id: 1, ref: 'INC-20260302-001' }, reason: '' } } as unknown as Suggestion;
    expect(outcomeText(base)).toBe('declared as INC-20260302-001');
    expect(outcomeText({ ...base, state: 'dismissed', action: { ...base.action, reason: 'load test' } } as Suggestion)).toBe(
      'dismissed: load test',
    );
    expect(outcomeText({ ...base, state: 'cleared' })).toBe('condition cleared');
  });
});
