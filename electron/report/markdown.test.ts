import fc from 'fast-check';
// The parser react-markdown and remark-gfm use: what a Markdown viewer would build.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { mdCell, mdCode, mdParagraphs, mdTable, mdText } from './markdown';

interface Node {
  type: string;
  value?: string;
  url?: string;
  children?: Node[];
}

/** Links whose target is not the text shown: a typed URL may become clickable, but never a disguised link. */
function disguisedLinks(node: Node, out: Node[] = []): Node[] {
  if (node.type === 'link') {
    const shown = toString(node);
    if (node.url !== shown && node.url !== `http://${shown}`) out.push(node);
  }
  for (const c of node.children ?? []) disguisedLinks(c, out);
  return out;
}

function parse(md: string): Node {
  return fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function types(node: Node, out = new Set<string>()): Set<string> {
  out.add(node.type);
  for (const c of node.children ?? []) types(c, out);
  return out;
}

const HOSTILE = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '*urgent* [click](javascript:alert(1)) `code` ~~gone~~ # not a heading',
  '1. not a list\n- nor this\n> nor a quote\n---',
  'a | b | c',
  'https://evil.example/autolink and www.example.com',
  '&lt;already escaped&gt; &amp; \\ backslash',
];

describe('Markdown export escaping', () => {
  it('user text stays text: no HTML, disguised links, emphasis, lists or headings come out of it', () => {
    for (const text of HOSTILE) {
      const tree = parse(mdParagraphs(text));
      const found = types(tree);
      expect(disguisedLinks(tree)).toEqual([]);
      for (const t of ['html', 'emphasis', 'strong', 'inlineCode', 'delete', 'list', 'heading', 'blockquote', 'thematicBreak', 'table']) {
        expect(found.has(t), `${t} in ${JSON.stringify(text)}`).toBe(false);
      }
      // And a reader sees the characters as typed (line breaks become break nodes, which have no text).
      expect(toString(tree).replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    }
  });

  it('any text in a table cell keeps the table one row per entry and reads back as typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const tree = parse(mdTable(['What'], [[text]]));
        const table = tree.children?.[0];
        expect(table?.type).toBe('table');
        expect(table?.children?.length).toBe(2);
        expect(types(tree).has('html') && !text.includes('\n')).toBe(false);
        const cell = toString(table?.children?.[1] ?? { type: 'text' });
        expect(cell.replace(/\s+/g, ' ').trim()).toBe(text.replace(/\r?\n/g, '').replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 300 },
    );
  });

  it('a fenced block cannot be closed by backticks inside it', () => {
    const line = 'before ``` still inside ```` and more';
    const tree = parse(`${mdCode(line)}\n\nafter`);
    const code = tree.children?.[0];
    expect(code).toMatchObject({ type: 'code', value: line });
    expect(tree.children?.[1]?.type).toBe('paragraph');
  });

  it('escapes what would be markup, leaves ordinary words alone', () => {
    expect(mdText('GPU 0 at 99 %')).toBe('GPU 0 at 99 %');
    expect(mdText('<b>')).toBe('&lt;b&gt;');
    expect(mdCell('two\nlines')).toBe('two<br>lines');
  });
});
