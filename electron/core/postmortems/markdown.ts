/**
 * Writing untrusted text (titles, notes, log lines, upstream labels) into Markdown so it reads as
 * the same text, never as markup: one line, Markdown's punctuation backslash-escaped. The preview
 * renders raw HTML inert anyway; escaping keeps a `|` in a log line from splitting a table cell
 * and a `*` from starting emphasis.
 */

const PUNCTUATION = /[\\`*_[\]<>|~&#]/g;

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function inline(text: string): string {
  return oneLine(text).replace(PUNCTUATION, (c) => `\\${c}`);
}

/**
 * A code span, for log lines and queries: shown exactly, in monospace. The fence is one backtick
 * longer than the longest run inside. In a table cell a `|` still ends the cell, even inside code
 * (GFM), so `cell` escapes it; GFM removes that backslash again before showing the code.
 */
export function code(text: string, opts: { cell?: boolean } = {}): string {
  let body = oneLine(text);
  if (opts.cell) body = body.replace(/\|/g, '\\|');
  if (body === '') return '` `';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A GFM table; cells are already Markdown (escape them with inline() or code(…, { cell: true })). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((h) => '-'.repeat(Math.max(3, h.length)))), ...rows.map(line)].join('\n');
}

/** "1 hour 5 minutes", "3 minutes", "45 seconds": the seeds write durations as "X hours Y minutes". */
export function hoursMinutes(ms: number): string {
  const totalMin = Math.floor(Math.max(0, ms) / 60_000);
  if (totalMin === 0) return `${Math.round(Math.max(0, ms) / 1000)} seconds`;
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return h === 0 ? plural(m, 'minute') : `${plural(h, 'hour')} ${plural(m, 'minute')}`;
}

/** "2025-01-15 10:05 UTC" */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "10:05", or "01-16 10:05" when the incident spans more than one UTC day. */
export function clockFor(ms: number, multiDay: boolean): string {
  const iso = new Date(ms).toISOString();
  return multiDay ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/** ISO time to the second, as embeds write it. */
export function isoSecond(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
