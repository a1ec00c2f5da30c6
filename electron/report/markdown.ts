/**
 * Markdown that prints user and upstream text as text. Markdown renders inline HTML, so `<`, `>`
 * and `&` become entities; Markdown's own punctuation is backslash-escaped so a title like
 * `*urgent* [link](x)` shows its asterisks and brackets instead of turning into emphasis and a link.
 */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
    .replace(/^(\s*)([-=])/gm, '$1\\$2');
}

/** A paragraph block: blank lines kept as paragraph breaks, single newlines as hard line breaks. */
export function mdParagraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => mdText(line))
        .join('  \n'),
    )
    .join('\n\n');
}

/** One table cell: escaped, on one line (a newline would end the table row). */
export function mdCell(text: string): string {
  return mdText(text).replace(/\r?\n/g, '<br>');
}

export function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `| ${headers.map(mdCell).join(' | ')} |`;
  const rule = `| ${headers.map(() => '---').join(' | ')} |`;
  return [head, rule, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

/** A fenced block longer than any run of backticks inside, so nothing in the text can close it. */
export function mdCode(text: string, info = 'text'): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}
