import { describe, expect, it } from 'vitest';
import { parseChart, parseEvidence, type Parsed } from './embeds';

const errorOf = (r: Parsed<unknown>): string => (r.ok ? 'parsed' : r.error);

describe('postmortem embeds', () => {
  it('read a chart block: window, series, label filters and sums', () => {
    const r = parseChart(
      'title: GPU vs queue\nfrom: 2025-01-15T09:50:00Z\nto: 2025-01-15T11:05:00Z\nseries:\n  - metric: node.gpu.memory.share\n  - metric: queue.depth\n    match: { state: pending }\n    sum: true\n',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        title: 'GPU vs queue',
        from: Date.UTC(2025, 0, 15, 9, 50),
        to: Date.UTC(2025, 0, 15, 11, 5),
        series: [
          { metric: 'node.gpu.memory.share', match: {}, sum: false },
          { metric: 'queue.depth', match: { state: 'pending' }, sum: true },
        ],
      },
    });
  });

  it('explain what is wrong with a block instead of drawing nothing', () => {
    expect(parseChart('from: yesterday\nto: 2025-01-15T11:05:00Z\nseries: [{metric: m}]')).toEqual({
      ok: false,
      error: 'The pitwall-chart block cannot be drawn: from: "yesterday" is not a time (write it like 2025-01-15T10:00:00Z)',
    });
    expect(errorOf(parseChart('from: 2025-01-15T11:00:00Z\nto: 2025-01-15T10:00:00Z\nseries: [{metric: m}]'))).toContain(
      '"from" must be before "to"',
    );
    expect(errorOf(parseChart('from: [\n'))).toMatch(/^The pitwall-chart block is not valid YAML/);
    expect(errorOf(parseChart('from: 2025-01-01T00:00:00Z\nto: 2025-03-01T00:00:00Z\nseries: [{metric: m}]'))).toContain('at most 31 days');
    expect(errorOf(parseChart('from: 2025-01-15T10:00:00Z\nto: 2025-01-15T11:00:00Z\nseries: [{metric: m}]\nscript: x'))).toContain(
      'script',
    );
    expect(parseEvidence('event: 42')).toEqual({ ok: true, value: { event: 42 } });
    expect(errorOf(parseEvidence('event: "<img onerror=x>"'))).toContain('event');
    expect(errorOf(parseEvidence(''))).toContain('event');
  });
});
