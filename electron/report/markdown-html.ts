import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { html, join, type SafeHtml } from './html';

/**
 * A Markdown document (the postmortem) in the HTML report: parsed by micromark (the parser behind
 * the console's preview) and built node by node with the escaping `html` template, so its text can
 * only ever print as text. Raw HTML in the Markdown is shown as the text it is, links keep only
 * http(s) and mailto targets, images are named not fetched (the report loads nothing), and headings
 * sit below the section's own. Embeds (pitwall-chart, pitwall-evidence) point to the report's charts
 * and evidence sections, which draw the same stored data.
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

const SAFE_LINK = /^(https?:|mailto:)/i;

function children(node: Nodes): SafeHtml {
  return 'children' in node ? join((node.children as Nodes[]).map(render)) : html``;
}

function embed(lang: string, value: string): SafeHtml | null {
  if (lang === 'pitwall-chart') {
    const title = /^title:\s*(.+)$/m.exec(value)?.[1]?.trim() ?? 'chart';
    return html`<p class="embed-note">
      Chart in the postmortem: “${title}”. The charts section above draws the incident window from the same stored samples.
    </p>`;
  }
  if (lang === 'pitwall-evidence') {
    const event = /^event:\s*(\d+)/m.exec(value)?.[1] ?? '?';
    return html`<p class="embed-note">Pinned evidence (timeline event ${event}): printed in the evidence appendix.</p>`;
  }
  return null;
}

function render(node: Nodes): SafeHtml {
  switch (node.type) {
    case 'root':
      return children(node);
    case 'heading': {
      const level = Math.min(6, node.depth + 2);
      return html`<div class="md-h md-h${level}" role="heading" aria-level="${level}">${children(node)}</div>`;
    }
    case 'paragraph':
      return html`<p>${children(node)}</p>`;
    case 'text':
      return html`${node.value}`;
    case 'emphasis':
      return html`<em>${children(node)}</em>`;
    case 'strong':
      return html`<strong>${children(node)}</strong>`;
    case 'delete':
      return html`<del>${children(node)}</del>`;
    case 'inlineCode':
      return html`<code>${node.value}</code>`;
    case 'code':
      return embed(node.lang ?? '', node.value) ?? html`<pre>${node.value}</pre>`;
    case 'blockquote':
      return html`<blockquote>${children(node)}</blockquote>`;
    case 'list':
      return node.ordered
        ? html`<ol start="${node.start ?? 1}">
            ${children(node)}
          </ol>`
        : html`<ul>
            ${children(node)}
          </ul>`;
    case 'listItem': {
      const box = node.checked === true ? '☑ ' : node.checked === false ? '☐ ' : '';
      // A tight list's items hold paragraphs too; printing them inline keeps the list compact.
      const inner = node.children.map((c) => (c.type === 'paragraph' ? children(c) : render(c)));
      return html`<li>${box}${join(inner)}</li>`;
    }
    case 'table': {
      const [head, ...rows] = node.children;
      return html`<table class="md-table">
        <thead>
          ${
            head
              ? html`<tr>
                  ${join(head.children.map((c) => html`<th>${children(c)}</th>`))}
                </tr>`
              : ''
          }
        </thead>
        <tbody>
          ${join(
            rows.map(
              (r) =>
                html`<tr>
                  ${join(r.children.map((c) => html`<td>${children(c)}</td>`))}
                </tr>`,
            ),
          )}
        </tbody>
      </table>`;
    }
    case 'link':
      return SAFE_LINK.test(node.url) ? html`<a href="${node.url}">${children(node)}</a>` : children(node);
    case 'image':
      return html`<span class="md-image">[image: ${node.alt || 'untitled'}]</span>`;
    case 'break':
      return html`<br />`;
    case 'thematicBreak':
      return html`<hr />`;
    case 'html':
      return html`${node.value}`;
    default:
      return 'children' in node ? children(node) : 'value' in node && typeof node.value === 'string' ? html`${node.value}` : html``;
  }
}

export function markdownToHtml(text: string): SafeHtml {
  return render(parseMarkdown(text));
}

/**
 * The document inside another Markdown file under a level-2 section: its ATX headings moved two
 * levels down (found by the parser, so a "#" inside a code block is left alone).
 */
export function nestMarkdown(text: string): string {
  const lines = text.split('\n');
  const visit = (node: Nodes): void => {
    if (node.type === 'heading' && node.position) {
      const i = node.position.start.line - 1;
      const line = lines[i];
      if (line !== undefined && /^ {0,3}#/.test(line))
        lines[i] = line.replace(/^( {0,3})(#{1,6})/, (_m, sp: string, h: string) => `${sp}${'#'.repeat(Math.min(6, h.length + 2))}`);
    }
    if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
  };
  visit(parseMarkdown(text));
  return lines.join('\n');
}
