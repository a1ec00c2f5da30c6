/**
 * The LogQL subset the lab answers: stream selectors (=, !=, =~, !~), line filters
 * (|=, !=, |~, !~), count_over_time / rate over such a selector, optionally aggregated with
 * sum/min/max/avg/count [by|without (labels)]. Anything else is a 400 parse error, the same
 * form Loki uses, so a client's error path gets exercised.
 */
import { LogqlError, tokenize, type Token } from './logql-lexer.js';

export { LogqlError } from './logql-lexer.js';

export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  re?: RegExp;
}

export interface LineFilter {
  op: '|=' | '!=' | '|~' | '!~';
  value: string;
  re?: RegExp;
}

export interface LogQuery {
  kind: 'log';
  matchers: Matcher[];
  filters: LineFilter[];
}

export interface MetricQuery {
  kind: 'metric';
  fn: 'count_over_time' | 'rate';
  rangeMs: number;
  log: LogQuery;
  agg?: { op: 'sum' | 'min' | 'max' | 'avg' | 'count'; grouping: 'by' | 'without' | 'none'; labels: string[] };
}

export type Query = LogQuery | MetricQuery;

const AGG_OPS = new Set(['sum', 'min', 'max', 'avg', 'count']);
const RANGE_FNS = new Set(['count_over_time', 'rate']);

/** Go RE2 inline (?i) becomes a JS flag; anything JS cannot compile is a parse error. */
export function compileRegex(src: string, anchored: boolean, tok: Token): RegExp {
  let body = src;
  let flags = '';
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(anchored ? `^(?:${body})$` : body, flags);
  } catch (e) {
    throw new LogqlError(`error parsing regexp: ${(e as Error).message}`, tok.line, tok.col);
  }
}

export function parseDurationMs(text: string): number | null {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g;
  const unit: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, y: 31536e6 };
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (unit[m[2] as string] ?? 0);
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : null;
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.pos] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos += 1;
    return t;
  }

  private fail(t: Token, expecting?: string): never {
    throw new LogqlError(`syntax error: unexpected ${t.text}${expecting ? `, expecting ${expecting}` : ''}`, t.line, t.col);
  }

  private expect(text: string, expecting = text): Token {
    const t = this.next();
    if (t.text !== text || t.kind === 'string') this.fail(t, expecting);
    return t;
  }

  parse(): Query {
    const t = this.peek();
    let q: Query;
    if (t.kind === 'punct' && t.text === '{') q = this.logQuery();
    else if (t.kind === 'ident' && (AGG_OPS.has(t.text) || RANGE_FNS.has(t.text))) q = this.metricQuery();
    else this.fail(t);
    const end = this.peek();
    if (end.kind !== 'eof') this.fail(end);
    return q;
  }

  private logQuery(): LogQuery {
    const matchers = this.selector();
    const filters: LineFilter[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !['|=', '|~', '!=', '!~'].includes(t.text)) break;
      this.next();
      const s = this.next();
      if (s.kind !== 'string') this.fail(s, 'STRING');
      const op = t.text as LineFilter['op'];
      const re = op === '|~' || op === '!~' ? compileRegex(s.value, false, s) : undefined;
      filters.push({ op, value: s.value, re });
    }
    return { kind: 'log', matchers, filters };
  }

  private selector(): Matcher[] {
    this.expect('{');
    const matchers: Matcher[] = [];
    if (this.peek().text === '}') this.fail(this.peek(), 'IDENTIFIER');
    for (;;) {
      const name = this.next();
      if (name.kind !== 'ident') this.fail(name, 'IDENTIFIER');
      const op = this.next();
      if (op.kind !== 'op' || !['=', '!=', '=~', '!~'].includes(op.text)) this.fail(op, '!= or !~ or =~ or =');
      const v = this.next();
      if (v.kind !== 'string') this.fail(v, 'STRING');
      const mop = op.text as Matcher['op'];
      matchers.push({ name: name.text, op: mop, value: v.value, re: mop.includes('~') ? compileRegex(v.value, true, v) : undefined });
      const sep = this.next();
      if (sep.text === '}' && sep.kind === 'punct') break;
      if (sep.text !== ',' || sep.kind !== 'punct') this.fail(sep, ', or }');
    }
    // Loki refuses selectors that would match every stream.
    if (!matchers.some((m) => !matchesLabel(m, ''))) {
      throw new LogqlError(
        'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will',
      );
    }
    return matchers;
  }

  private grouping(): { grouping: 'by' | 'without'; labels: string[] } {
    const kw = this.next();
    this.expect('(');
    const labels: string[] = [];
    while (this.peek().text !== ')') {
      const l = this.next();
      if (l.kind !== 'ident') this.fail(l, 'IDENTIFIER');
      labels.push(l.text);
      if (this.peek().text === ',') this.next();
    }
    this.expect(')');
    return { grouping: kw.text as 'by' | 'without', labels };
  }

  private metricQuery(): MetricQuery {
    const t = this.next();
    if (AGG_OPS.has(t.text)) {
      let grouping: { grouping: 'by' | 'without' | 'none'; labels: string[] } = { grouping: 'none', labels: [] };
      if (this.peek().text === 'by' || this.peek().text === 'without') grouping = this.grouping();
      this.expect('(');
      const inner = this.peek();
      if (inner.kind !== 'ident' || !RANGE_FNS.has(inner.text)) this.fail(inner, 'count_over_time or rate');
      this.next();
      const range = this.rangeAggregation(inner.text as MetricQuery['fn']);
      this.expect(')');
      if (grouping.grouping === 'none' && (this.peek().text === 'by' || this.peek().text === 'without')) grouping = this.grouping();
      return { ...range, agg: { op: t.text as NonNullable<MetricQuery['agg']>['op'], ...grouping } };
    }
    return this.rangeAggregation(t.text as MetricQuery['fn']);
  }

  private rangeAggregation(fn: MetricQuery['fn']): MetricQuery {
    this.expect('(');
    const log = this.logQuery();
    this.expect('[');
    const d = this.next();
    const ms = d.kind === 'duration' ? parseDurationMs(d.text) : null;
    if (ms === null || ms <= 0) this.fail(d, 'DURATION');
    this.expect(']');
    this.expect(')');
    return { kind: 'metric', fn, rangeMs: ms, log };
  }
}

export function matchesLabel(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return m.re?.test(value) ?? false;
    case '!~':
      return !(m.re?.test(value) ?? false);
  }
}

export function matchesLine(filters: readonly LineFilter[], line: string): boolean {
  for (const f of filters) {
    const ok =
      f.op === '|='
        ? line.includes(f.value)
        : f.op === '!='
          ? !line.includes(f.value)
          : f.op === '|~'
            ? (f.re?.test(line) ?? false)
            : !(f.re?.test(line) ?? false);
    if (!ok) return false;
  }
  return true;
}

export function parseLogql(src: string): Query {
  return new Parser(tokenize(src)).parse();
}
