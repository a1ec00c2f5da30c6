/**
 * How text a person or an upstream sent is shown honestly. It is always a text node (never HTML);
 * this decides what its characters look like:
 * - direction controls (U+202E RIGHT-TO-LEFT OVERRIDE and friends) would reorder what is shown
 *   ("\u202Egnp.exe" reads "exe.png"): in names and log lines they are shown as visible marks;
 * - invisible characters that make two names look alike (zero-width space, BOM) likewise;
 * - other control characters become their visible pictures (␀, ␛, …);
 * - in log lines, ANSI colour sequences become colours and every other escape sequence is dropped.
 * The component (components/text/UntrustedText.tsx) also isolates the text, so nothing inside can
 * reorder what surrounds it.
 */

export interface TextRun {
  text: string;
  /** A character shown as a mark instead of itself; `title` names it. */
  control?: { title: string };
  /** ANSI foreground colour 0–15 (30–37 → 0–7, 90–97 → 8–15). */
  fg?: number;
  bold?: boolean;
}

const BIDI: Readonly<Record<string, [string, string]>> = {
  '\u061c': ['ALM', 'ARABIC LETTER MARK'],
  '\u200e': ['LRM', 'LEFT-TO-RIGHT MARK'],
  '\u200f': ['RLM', 'RIGHT-TO-LEFT MARK'],
  '\u202a': ['LRE', 'LEFT-TO-RIGHT EMBEDDING'],
  '\u202b': ['RLE', 'RIGHT-TO-LEFT EMBEDDING'],
  '\u202c': ['PDF', 'POP DIRECTIONAL FORMATTING'],
  '\u202d': ['LRO', 'LEFT-TO-RIGHT OVERRIDE'],
  '\u202e': ['RLO', 'RIGHT-TO-LEFT OVERRIDE'],
  '\u2066': ['LRI', 'LEFT-TO-RIGHT ISOLATE'],
  '\u2067': ['RLI', 'RIGHT-TO-LEFT ISOLATE'],
  '\u2068': ['FSI', 'FIRST STRONG ISOLATE'],
  '\u2069': ['PDI', 'POP DIRECTIONAL ISOLATE'],
  '\u200b': ['ZWSP', 'ZERO WIDTH SPACE'],
  '\u2060': ['WJ', 'WORD JOINER'],
  '\ufeff': ['BOM', 'ZERO WIDTH NO-BREAK SPACE (BOM)'],
};

/** Anything this module shows differently; text without any of it is one plain run (the common case). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPECIAL = /[\u0000-\u0008\u000b-\u001f\u007f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
// eslint-disable-next-line no-control-regex -- as above, plus tab and newline for one-line names
const SPECIAL_IN_NAMES = /[\u0000-\u001f\u007f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** Whether a text has characters that need showing (controls, direction marks, ANSI escapes). */
export function needsMarks(text: string, oneLine = false): boolean {
  return (oneLine ? SPECIAL_IN_NAMES : SPECIAL).test(text);
}

function controlPicture(ch: string): TextRun {
  const code = ch.charCodeAt(0);
  const bidi = BIDI[ch];
  if (bidi) return { text: bidi[0], control: { title: `U+${code.toString(16).toUpperCase().padStart(4, '0')} ${bidi[1]}` } };
  // C0 controls have pictures at U+2400 + code; DEL at U+2421.
  const picture = code === 0x7f ? '\u2421' : String.fromCharCode(0x2400 + code);
  return { text: picture, control: { title: `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` } };
}

/** Splits plain text (no ANSI handling) into runs, marking the characters that need it. */
export function markControls(text: string, oneLine = false, style: Omit<TextRun, 'text'> = {}): TextRun[] {
  const special = oneLine ? SPECIAL_IN_NAMES : SPECIAL;
  if (!special.test(text)) return text === '' ? [] : [{ text, ...style }];
  const runs: TextRun[] = [];
  let plain = '';
  for (const ch of text) {
    if (ch.length === 1 && special.test(ch)) {
      if (plain !== '') runs.push({ text: plain, ...style });
      plain = '';
      runs.push({ ...controlPicture(ch), ...style });
    } else plain += ch;
  }
  if (plain !== '') runs.push({ text: plain, ...style });
  return runs;
}

// CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte escapes (ESC + one character).
// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
const ESCAPE = /\u001b(?:\[([0-9;:?]*)([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/** Applies one SGR parameter list (`1;31`) to the current style; colours beyond the 16 are ignored. */
function applySgr(params: string, style: { fg?: number; bold?: boolean }): void {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < codes.length; i += 1) {
    const c = codes[i] ?? 0;
    if (c === 0) {
      delete style.fg;
      delete style.bold;
    } else if (c === 1) style.bold = true;
    else if (c === 22) delete style.bold;
    else if (c >= 30 && c <= 37) style.fg = c - 30;
    else if (c >= 90 && c <= 97) style.fg = c - 90 + 8;
    else if (c === 39) delete style.fg;
    // 38;5;n and 38;2;r;g;b (and their background twins) carry arguments: skip them.
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) i += 2;
    else if ((c === 38 || c === 48) && codes[i + 1] === 2) i += 4;
  }
}

/** A log line as runs: ANSI colours kept as colours, other escapes dropped, controls marked. */
export function logRuns(line: string): TextRun[] {
  if (!needsMarks(line)) return line === '' ? [] : [{ text: line }];
  const runs: TextRun[] = [];
  const style: { fg?: number; bold?: boolean } = {};
  let last = 0;
  const push = (text: string): void => {
    for (const r of markControls(text, false, { ...style })) runs.push(r);
  };
  for (const m of line.matchAll(ESCAPE)) {
    push(line.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === 'm') applySgr(m[1] ?? '', style);
  }
  push(line.slice(last));
  return runs;
}

/** The line without ANSI escapes, for copying and for tooltips. */
export function withoutAnsi(line: string): string {
  return needsMarks(line) ? line.replace(ESCAPE, '') : line;
}
