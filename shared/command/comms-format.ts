import type { Nodes, Parent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/**
 * A draft is Markdown source (the lecture's messages use **bold** and task lists; the runbook's are
 * plain lines, which are Markdown too). Two ways out, both parsed with micromark (the parser behind
 * remark and react-markdown), never with hand-made regexes over the text:
 * - `asMarkdown`: the same source with hard line breaks, so a Markdown renderer keeps the
 *   template's one-field-per-line layout instead of folding lines into a paragraph;
 * - `asPlainText`: the words without markup, for mail and pagers.
 */
function parse(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

export function asMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const breakAfter = new Set<number>();
  visitParagraphs(parse(lines.join('\n')), (start, end) => {
    for (let line = start; line < end; line++) breakAfter.add(line);
  });
  return lines
    .map((line, i) => {
      if (!breakAfter.has(i + 1) || /( {2}|\\)$/.test(line)) return line;
      return `${line.replace(/\s+$/, '')}  `;
    })
    .join('\n');
}

function visitParagraphs(node: Nodes, on: (startLine: number, endLine: number) => void): void {
  if (node.type === 'paragraph' && node.position) on(node.position.start.line, node.position.end.line);
  if ('children' in node) for (const child of node.children) visitParagraphs(child, on);
}

export function asPlainText(text: string): string {
  return blocks(parse(text.replace(/\r\n?/g, '\n')), '').replace(/[ \t]+$/gm, '');
}

/** Blocks keep the source's spacing: adjacent lines stay adjacent, a blank line stays one. */
function blocks(parent: Parent, indent: string): string {
  let out = '';
  let prevEnd: number | null = null;
  for (const child of parent.children) {
    const start = child.position?.start.line ?? null;
    if (prevEnd !== null) out += start !== null && start === prevEnd + 1 ? '\n' : '\n\n';
    out += block(child, indent);
    prevEnd = child.position?.end.line ?? null;
  }
  return out;
}

function block(node: RootContent, indent: string): string {
  switch (node.type) {
    case 'heading':
    case 'paragraph':
      return indent + inline(node).replace(/\n/g, `\n${indent}`);
    case 'list':
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
          const box = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
          const body = blocks(item, `${indent}  `).trimStart();
          return `${indent}${marker}${box}${body}`;
        })
        .join('\n');
    case 'blockquote':
      return blocks(node, `${indent}> `);
    case 'code':
      return node.value
        .split('\n')
        .map((l) => indent + l)
        .join('\n');
    case 'thematicBreak':
      return `${indent}----`;
    case 'table':
      return node.children.map((row) => indent + row.children.map((cell) => inline(cell)).join(' | ')).join('\n');
    case 'html':
      return indent + node.value;
    default:
      return 'children' in node ? blocks(node, indent) : 'value' in node ? indent + node.value : '';
  }
}

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'html':
      return node.value;
    case 'break':
      return '\n';
    case 'link': {
      const label = node.children.map(inline).join('');
      return label === node.url || label === '' ? node.url : `${label} (${node.url})`;
    }
    case 'image':
      return node.alt ?? '';
    default:
      return 'children' in node ? node.children.map(inline).join('') : 'value' in node ? String(node.value) : '';
  }
}
