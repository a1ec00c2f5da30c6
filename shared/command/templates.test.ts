import { describe, expect, it } from 'vitest';
import { BLANK, checkTemplate, DEFAULT_TEMPLATES, PLACEHOLDERS, placeholdersIn, renderTemplate, type PlaceholderValues } from './templates';

describe('checkTemplate', () => {
  it('names an unknown placeholder and its line', () => {
    const problems = checkTemplate('Severity: {{severity}}\nImpact: {{impactt}}');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.message).toContain('unknown placeholder {{impactt}}');
  });

  it('refuses empty placeholders and unbalanced braces', () => {
    expect(checkTemplate('{{ }}')[0]?.message).toContain('empty placeholder');
    expect(checkTemplate('Impact: {{impact')[0]?.message).toContain('unbalanced');
    expect(checkTemplate('Impact: impact}}')[0]?.message).toContain('unbalanced');
  });

  it('accepts spaces inside the braces', () => {
    expect(checkTemplate('{{ ref }}')).toEqual([]);
  });
});

describe('renderTemplate', () => {
  const values = Object.fromEntries(Object.keys(PLACEHOLDERS).map((k) => [k, `<${k}>`])) as PlaceholderValues;

  it('fills every placeholder and leaves the rest of the text alone', () => {
    const r = renderTemplate('A {{ref}} B {{ severity_label }} {{ref}}', values);
    expect(r).toEqual({ text: 'A <ref> B <severity_label> <ref>', missing: [] });
  });

  it("leaves the seed's bracketed blank where a value is unknown, and says which", () => {
    const r = renderTemplate('Next: {{next_steps}}\nETA: {{eta}}', { ...values, next_steps: null, eta: '  ' });
    expect(r.text).toBe(`Next: ${BLANK.next_steps}\nETA: ${BLANK.eta}`);
    expect(r.missing).toEqual(['next_steps', 'eta']);
  });

  it('throws rather than render an unknown placeholder as a blank', () => {
    expect(() => renderTemplate('{{nope}}', values)).toThrow(/unknown placeholder \{\{nope\}\}/);
  });

  it('does not re-expand braces that arrive inside a value', () => {
    expect(renderTemplate('{{title}}', { ...values, title: '{{ref}}' }).text).toBe('{{ref}}');
  });

  it('lists what a body uses, once each', () => {
    expect(placeholdersIn(DEFAULT_TEMPLATES.declaration.body)).toEqual([
      'ref',
      'severity_word',
      'severity_label',
      'title',
      'summary',
      'ref_lower',
    ]);
  });
});
