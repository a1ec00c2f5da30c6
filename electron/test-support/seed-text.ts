/**
 * Reading the seeds as their authors wrote them. The seed files carry emoji double-encoded (UTF-8
 * bytes read as Windows-1252 and saved again as UTF-8); `repairMojibake` undoes exactly that.
 */
const CP1252: Readonly<Record<number, number>> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

export function repairMojibake(text: string): string {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const b = cp <= 0xff ? cp : CP1252[cp];
    // Not something Windows-1252 could have produced: the text was not double-encoded.
    if (b === undefined) return text;
    bytes.push(b);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
}

/** The fenced block right after a heading line, e.g. "### Status Update". */
export function blockAfter(markdown: string, heading: string): string {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`heading "${heading}" not found in the seed`);
  const open = markdown.indexOf('```', at);
  const start = markdown.indexOf('\n', open) + 1;
  const end = markdown.indexOf('\n```', start);
  return markdown.slice(start, end);
}
