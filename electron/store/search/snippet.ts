import type { SnippetPart } from '../../../shared/domain/search';

/**
 * Snippets built here rather than by FTS5's snippet(): that function re-runs the MATCH for every
 * row it is asked about, and a prefix term ("gpu"*) is expanded again each time, which cost about
 * 0.7 ms per hit over 10,000 postmortems. Words are compared as FTS5's unicode61 tokenizer does:
 * runs of letters and digits, case-folded, diacritics removed; a query word matches a word it begins.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Query words as the index sees them (toFtsQuery quotes each; inside a quote FTS5 splits on punctuation too). */
export function queryTerms(text: string): string[] {
  return [...new Set((text.match(WORD) ?? []).map(fold))].slice(0, 24);
}

/** The stretch of `text` around its first matching word, about `tokens` words long, matches marked. */
export function snippet(text: string, terms: readonly string[], tokens = 14): SnippetPart[] {
  // Words are read up to a window past the first match, not through the whole text.
  const words: { start: number; end: number; hit: boolean }[] = [];
  let first = -1;
  let cut = false;
  for (const m of text.matchAll(WORD)) {
    if (first !== -1 && words.length >= first + tokens) {
      cut = true;
      break;
    }
    const folded = fold(m[0]);
    const hit = terms.some((t) => folded.startsWith(t));
    words.push({ start: m.index, end: m.index + m[0].length, hit });
    if (hit && first === -1) first = words.length - 1;
  }
  if (first === -1) return [];
  const from = Math.max(0, Math.min(first - Math.floor(tokens / 3), words.length - tokens));
  const to = Math.min(words.length, from + tokens);
  const startAt = from === 0 ? 0 : (words[from]?.start ?? 0);
  const more = cut || to < words.length;
  const endAt = more ? (words[to - 1]?.end ?? text.length) : text.length;
  const out: SnippetPart[] = [];
  const push = (t: string, match: boolean): void => {
    if (t === '') return;
    const last = out.at(-1);
    if (last && last.match === match) last.text += t;
    else out.push({ text: t, match });
  };
  if (from > 0) push('…', false);
  let at = startAt;
  for (const w of words.slice(from, to)) {
    if (!w.hit) continue;
    push(text.slice(at, w.start).replace(/\s+/g, ' '), false);
    push(text.slice(w.start, w.end), true);
    at = w.end;
  }
  push(text.slice(at, endAt).replace(/\s+/g, ' '), false);
  if (more) push('…', false);
  return out;
}
