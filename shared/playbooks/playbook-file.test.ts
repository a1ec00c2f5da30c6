import { describe, expect, it } from 'vitest';
import { builtinPlaybook } from './builtin/index';
import { issueText, parsePlaybookText, playbookToText, type FileParse } from './playbook-file';
import { PLAYBOOK_LIMITS } from './schema';

const GOOD = `schema: 1
id: ocr-stuck
version: 1
title: OCR queue stuck
summary: Our own playbook.
sections:
  - id: look
    title: Look
    stage: investigate
    items:
      - id: pending
        kind: check
        text: Check OCR pending
        evidence:
          - kind: queue-pending
            queue: ocr
      - id: restart
        kind: command
        text: Restart one worker
        command: kubectl delete pod ocr-worker-0
`;

function issues(r: FileParse): string[] {
  return r.ok ? [] : r.issues.map(issueText);
}

describe('playbook files', () => {
  it('reads a valid YAML playbook, defaults filled in', () => {
    const r = parsePlaybookText(GOOD, 'yaml');
    expect(issues(r)).toEqual([]);
    expect(r.ok && r.playbook.sections[0]?.items.map((i) => i.id)).toEqual(['pending', 'restart']);
    expect(r.ok && r.playbook.hardening).toEqual([]);
  });

  it('round-trips every built-in through YAML and JSON unchanged, commands and curly quotes included', () => {
    for (const id of ['first-response', 'high-memory-usage', 'model-performance-degradation', 'gpu-oom']) {
      const p = builtinPlaybook(id);
      if (!p) throw new Error(id);
      for (const format of ['yaml', 'json'] as const) {
        const back = parsePlaybookText(playbookToText(p, format), format);
        expect(back.ok && back.playbook, `${id} ${format}`).toEqual(p);
      }
    }
  });

  it('names the field and the YAML line of an unknown evidence query', () => {
    const r = parsePlaybookText(GOOD.replace('kind: queue-pending', 'kind: gpu-temperature'), 'yaml');
    expect(issues(r)).toEqual([
      expect.stringMatching(/^line 15: sections\[0\]\.items\[0\]\.evidence\[0\]\.kind: unknown evidence query "gpu-temperature"/),
    ]);
  });

  it('calls a field that is not there missing, with what it takes (not "received undefined")', () => {
    const r = parsePlaybookText(
      GOOD.replace('        text: Restart one worker\n', '').replace(
        '          - kind: queue-pending\n            queue: ocr',
        '          - queue: ocr',
      ),
      'yaml',
    );
    expect(issues(r)).toEqual([
      expect.stringMatching(/^line \d+: sections\[0\]\.items\[0\]\.evidence\[0\]\.kind: is missing \(known: queue-pending, /),
      expect.stringMatching(/^line \d+: sections\[0\]\.items\[1\]\.text: is missing \(expected a string\)$/),
    ]);
  });

  it('names the line of a duplicate id, and where the first one was', () => {
    const r = parsePlaybookText(GOOD.replace('id: restart', 'id: pending'), 'yaml');
    expect(issues(r)).toEqual(['line 17: sections[0].items[1].id: duplicate id "pending" (already used at sections[0].items[0].id)']);
  });

  it('refuses a decision that leads back to itself, naming the loop', () => {
    const loop = `${GOOD}      - id: again
        kind: decision
        text: Still stuck?
        yes: { label: Look again, goto: [look] }
        no: { label: Done, goto: [restart] }
`;
    const r = parsePlaybookText(loop, 'yaml');
    expect(issues(r)).toEqual([
      'line 21: sections[0].items[2].id: decision "again" leads back to itself (again → again); a checklist must move forward',
    ]);
  });

  it('refuses a decision branch to an item that does not exist', () => {
    const bad = `${GOOD}      - id: which
        kind: decision
        text: Which way?
        yes: { label: A, goto: [nowhere] }
        no: { label: B, goto: [restart] }
`;
    expect(issues(parsePlaybookText(bad, 'yaml'))).toEqual([
      expect.stringContaining('sections[0].items[2].yes.goto[0]: no item or section has the id "nowhere"'),
    ]);
  });

  it('points an unknown field at its own line', () => {
    const r = parsePlaybookText(
      GOOD.replace('        text: Check OCR pending\n', '        text: Check OCR pending\n        colour: red\n'),
      'yaml',
    );
    expect(issues(r)).toEqual(['line 14: sections[0].items[0].colour: unknown field "colour"']);
  });

  it('explains malformed YAML and JSON with the line', () => {
    expect(issues(parsePlaybookText('schema: 1\nid: [unclosed\ntitle: x\n', 'yaml'))[0]).toMatch(/^line \d+: not valid YAML/);
    expect(issues(parsePlaybookText('{\n  "schema": 1,\n  "id": "x"\n  "title": "y"\n}', 'json'))[0]).toMatch(/^line 4: not valid JSON/);
    expect(issues(parsePlaybookText('id: a\nid: b\n', 'yaml'))[0]).toMatch(/^line 2: not valid YAML: Map keys must be unique/);
  });

  it('refuses an oversized file before parsing it', () => {
    const big = `${GOOD}# ${'x'.repeat(PLAYBOOK_LIMITS.fileBytes)}\n`;
    expect(issues(parsePlaybookText(big, 'yaml'))).toEqual([
      expect.stringMatching(/^the file is \d+ KiB; a playbook may be at most 100 KiB$/),
    ]);
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(issues(parsePlaybookText(bomb, 'yaml'))[0]).toMatch(/not a usable YAML document|Excessive alias count/);
  });

  it('refuses a file from a later format in words', () => {
    expect(issues(parsePlaybookText(GOOD.replace('schema: 1', 'schema: 2'), 'yaml'))).toEqual([
      'line 1: schema: this file is playbook format 2; this Pitwall reads format 1',
    ]);
  });

  it('refuses a list, an empty file and plain text', () => {
    expect(issues(parsePlaybookText('- a\n- b\n', 'yaml'))[0]).toMatch(/expected one playbook/);
    expect(issues(parsePlaybookText('  \n', 'yaml'))).toEqual(['the file is empty']);
    expect(issues(parsePlaybookText('just words', 'yaml'))[0]).toMatch(/expected one playbook/);
  });
});
