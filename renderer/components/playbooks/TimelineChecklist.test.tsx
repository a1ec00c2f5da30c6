import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../shared/domain/incident';
import { TimelineChecklist, frozenReadings } from './TimelineChecklist';

const reading = {
  query: { kind: 'gpu-memory' },
  at: 1_000_000,
  state: 'ok',
  unit: 'share',
  value: 0.97,
  subject: 'gpu-node-01 GPU 2',
  text: 'gpu-node-01 GPU 2: 97.0% used <b>',
  trend: null,
  points: [],
  dataAt: 995_000,
  reason: null,
  others: [],
};

function event(data: Record<string, unknown>): TimelineEvent {
  return { id: 1, incidentId: 1, at: 1_000_000, kind: 'checklist', actor: 'alice', summary: 'Done: x', data };
}

describe('frozen evidence on the timeline', () => {
  it('shows each frozen reading with how old its data was when ticked, as text', () => {
    const html = renderToStaticMarkup(<TimelineChecklist event={event({ evidence: [reading] })} />);
    expect(html).toContain('GPU memory used (fullest GPU):');
    expect(html).toContain('gpu-node-01 GPU 2: 97.0% used &lt;b&gt;');
    expect(html).toContain('data 5s old when ticked');
  });

  it('ignores data that is not in the shape Pitwall writes', () => {
    expect(frozenReadings({ evidence: [{ query: { kind: 'gpu-temperature' }, text: 'x', at: 1 }, 'junk', null, reading] })).toHaveLength(1);
    expect(frozenReadings({ evidence: 'nope' })).toEqual([]);
    expect(renderToStaticMarkup(<TimelineChecklist event={event({ action: 'attach' })} />)).toBe('');
  });
});
