/** LogQL tokenizer. Positions are kept so errors read like Loki's: "parse error at line L, col C: ...". */

export type TokKind = 'ident' | 'string' | 'number' | 'duration' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokKind;
  text: string;
  /** Decoded value for strings. */
  value: string;
  line: number;
  col: number;
}

export class LogqlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(line !== undefined && col !== undefined ? `parse error at line ${line}, col ${col}: ${message}` : `parse error : ${message}`);
  }
}

const OPS = ['|=', '|~', '!=', '!~', '=~', '=', '|', '>', '<', '+', '-', '*', '/'];

function decodeString(raw: string, quote: string, line: number, col: number): string {
  if (quote === '`') return raw;
  try {
    return JSON.parse(`"${raw.replace(/\\'/g, "'")}"`) as string;
  } catch {
    throw new LogqlError('syntax error: invalid string escape', line, col);
  }
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = () => i - lineStart + 1;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '\n') {
      i += 1;
      line += 1;
      lineStart = i;
      continue;
    }
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const startCol = col();
    if (ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== ch) j += ch === '"' && src[j] === '\\' ? 2 : 1;
      if (j >= src.length) throw new LogqlError('syntax error: unterminated string', line, startCol);
      const raw = src.slice(i + 1, j);
      out.push({ kind: 'string', text: src.slice(i, j + 1), value: decodeString(raw, ch, line, startCol), line, col: startCol });
      i = j + 1;
      continue;
    }
    if ('{}()[],'.includes(ch)) {
      out.push({ kind: 'punct', text: ch, value: ch, line, col: startCol });
      i += 1;
      continue;
    }
    const dur = /^(\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y))+/.exec(src.slice(i));
    if (dur) {
      out.push({ kind: 'duration', text: dur[0], value: dur[0], line, col: startCol });
      i += dur[0].length;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ kind: 'number', text: num[0], value: num[0], line, col: startCol });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (ident) {
      out.push({ kind: 'ident', text: ident[0], value: ident[0], line, col: startCol });
      i += ident[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', text: op, value: op, line, col: startCol });
      i += op.length;
      continue;
    }
    throw new LogqlError(`syntax error: unexpected character ${JSON.stringify(ch)}`, line, startCol);
  }
  out.push({ kind: 'eof', text: '$end', value: '', line, col: col() });
  return out;
}
