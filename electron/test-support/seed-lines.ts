import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a seed (assets/seeds/*.md) into classified lines for the coverage test. The seeds are
 * hand-written Markdown with code blocks nested inside Markdown blocks (the lecture's playbooks), so
 * this is a small purpose-built reader, not a Markdown parser: fences are a stack (```lang opens,
 * a bare ``` closes the innermost, or opens a plain block when none is open), headings inside a
 * fenced Markdown document nest under the heading the fence sits in, and a line of only bold text ("**Symptoms:**",
 * "1. **Immediate**") is a heading too, below every # level.
 */

export type SeedLineKind = 'heading' | 'list' | 'labelled' | 'code' | 'other';

export interface SeedLine {
  no: number;
  raw: string;
  kind: SeedLineKind;
  /** For list and labelled lines: the text with markers, labels and emphasis removed; for code: the trimmed line; for headings: the heading text. */
  content: string;
  /** Heading texts from the outermost down to the nearest (pseudo-headings included). */
  path: string[];
  /** The nearest heading at or above this line. */
  heading: string | null;
}

const ROOT = new URL('../../assets/seeds/', import.meta.url).pathname;
const PSEUDO_LEVEL = 100;
const LIST_PSEUDO_LEVEL = 101;

/** The seeds' encoding damage: "→" was saved as UTF-8 read as Windows-1252. */
const ARROW = /â†’|→/;

export function normalise(text: string): string {
  return text.replace(/\*\*/g, '').replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

/** List marker and checkbox off: "- [ ] X", "1) X", "2. X" → "X". */
function listContent(line: string): string | null {
  const m = /^\s*(?:[-*]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/.exec(line);
  return m ? (m[1] ?? '') : null;
}

/** "**Label**: text", "**Label:** text", "**YES** → text" → "text"; null when the line has no leading bold label with text after it. */
function afterLabel(text: string): string | null {
  const m = /^\*\*([^*]+?):?\*\*\s*(?::|â†’|→)?\s*(.+)$/.exec(text);
  if (!m) return null;
  const labelledBy = /^\*\*[^*]+?(?::\*\*|\*\*\s*:|\*\*\s*(?:â†’|→))/.test(text);
  return labelledBy ? (m[2] ?? null) : null;
}

/** A line that is only bold text (optionally a list item): its words, or null. */
function boldOnly(text: string): string | null {
  const m = /^\*\*([^*]+?):?\*\*:?\s*$/.exec(text.trim());
  return m ? (m[1] ?? '').trim() : null;
}

export function readSeed(file: string): SeedLine[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const out: SeedLine[] = [];
  let headings: { level: number; text: string }[] = [];
  const fences: { lang: string; saved: { level: number; text: string }[] }[] = [];
  // Headings of a Markdown document fenced inside the seed nest under the heading the fence sits in.
  let base = 0;
  let first = true;

  lines.forEach((raw, i) => {
    const no = i + 1;
    const fence = /^\s*```(\w*)\s*$/.exec(raw);
    const top = fences[fences.length - 1];
    const inCode = top !== undefined && top.lang !== 'markdown';
    const push = (kind: SeedLineKind, content: string): void => {
      out.push({ no, raw, kind, content, path: headings.map((h) => h.text), heading: headings[headings.length - 1]?.text ?? null });
    };
    const setHeading = (level: number, text: string): void => {
      headings = [...headings.filter((h) => h.level < level), { level, text }];
      push('heading', text);
    };

    if (fence) {
      const lang = fence[1] ?? '';
      if (lang !== '' || fences.length === 0) {
        fences.push({ lang: lang || 'text', saved: headings });
        if (lang === 'markdown') base = Math.max(0, ...headings.map((x) => x.level).filter((l) => l < PSEUDO_LEVEL));
      } else {
        const closed = fences.pop();
        if (closed?.lang === 'markdown') {
          headings = closed.saved;
          base = 0;
        }
      }
      push('other', raw.trim());
      return;
    }
    if (inCode) {
      push(raw.trim() === '' ? 'other' : 'code', raw.trim());
      return;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(raw);
    if (h) {
      // The document's own title is not a section.
      if (first && no === 1) {
        first = false;
        push('other', raw);
        return;
      }
      setHeading(base + (h[1]?.length ?? 1), (h[2] ?? '').trim());
      return;
    }
    const item = listContent(raw);
    const bold = boldOnly(item ?? raw);
    if (bold !== null) {
      setHeading(item === null ? PSEUDO_LEVEL : LIST_PSEUDO_LEVEL, bold);
      return;
    }
    if (item !== null) {
      push('list', normalise(afterLabel(item) ?? item));
      return;
    }
    const labelled = afterLabel(raw.trim());
    if (labelled !== null) {
      push('labelled', normalise(labelled.replace(ARROW, '')));
      return;
    }
    push('other', raw.trim());
  });
  return out;
}
