import { describe, expect, it } from 'vitest';
import { asMarkdown, asPlainText } from './comms-format';
import { DEFAULT_TEMPLATES } from './templates';

describe('asMarkdown', () => {
  it("keeps the runbook's one-field-per-line layout with hard breaks, and blank lines as they are", () => {
    const md = asMarkdown('📊 INCIDENT UPDATE\nIncident: INC-1 — GPU OOM\nStatus: Identified\n\nLatest update: 2025-11-22 14:05 UTC');
    expect(md).toBe('📊 INCIDENT UPDATE  \nIncident: INC-1 — GPU OOM  \nStatus: Identified\n\nLatest update: 2025-11-22 14:05 UTC');
  });

  it('leaves headings, lists and lines that already break alone', () => {
    const src = '### Current Status\n- [ ] one\n- [x] two\n\nline  \nnext\\\nlast';
    expect(asMarkdown(src)).toBe('### Current Status\n- [ ] one\n- [x] two\n\nline  \nnext\\\nlast');
  });

  it('does not touch code blocks', () => {
    expect(asMarkdown('```\na\nb\n```')).toBe('```\na\nb\n```');
  });
});

describe('asPlainText', () => {
  it("drops the lecture's Markdown emphasis but keeps every word and line", () => {
    const plain = asPlainText('🚨 **INCIDENT DECLARED** 🚨\n**ID**: INC-1\n\nWar room: #incident-inc-1');
    expect(plain).toBe('🚨 INCIDENT DECLARED 🚨\nID: INC-1\n\nWar room: #incident-inc-1');
  });

  it('writes task lists, links and headings as text', () => {
    const plain = asPlainText('### Notes\n- [ ] call [Dana](https://example.test/dana)\n- [x] page <https://x.test>\n1. first');
    expect(plain).toBe('Notes\n- [ ] call Dana (https://example.test/dana)\n- [x] page https://x.test\n1. first');
  });

  it('keeps literal characters that were escaped in the source', () => {
    expect(asPlainText('5 \\* 3 \\_not italic\\_')).toBe('5 * 3 _not italic_');
  });

  it('round-trips the plain runbook templates unchanged', () => {
    for (const id of ['initial', 'status-update', 'resolution'] as const) {
      expect(asPlainText(DEFAULT_TEMPLATES[id].body)).toBe(DEFAULT_TEMPLATES[id].body);
    }
  });
});
