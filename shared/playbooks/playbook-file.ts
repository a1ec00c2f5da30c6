import { Document, LineCounter, isMap, isNode, parseDocument, type Node } from 'yaml';
import { PLAYBOOK_LIMITS, PLAYBOOK_SCHEMA, type Playbook } from './schema';
import { checkPlaybook, formatPath } from './validate';

/**
 * Playbooks as files: YAML (eemeli/yaml, with its LineCounter for line numbers) or JSON. A file is
 * size-capped before it is parsed, parsed from text into unknown, then checked by the same schema
 * and structural checks as everything else; every problem names its field and, where the text has
 * lines, the line. Nothing here writes anything: callers store only a playbook that came back ok.
 */
export const PLAYBOOK_FORMATS = ['yaml', 'json'] as const;
export type PlaybookFormat = (typeof PLAYBOOK_FORMATS)[number];

export interface FileIssue {
  /** "sections[2].items[0].evidence[0].kind", or "(file)" for a problem with the file as a whole. */
  field: string;
  line: number | null;
  message: string;
}

export type FileParse = { ok: true; playbook: Playbook } | { ok: false; issues: FileIssue[] };

/** YAML aliases can multiply a small file into a huge document; a playbook never needs many. */
const MAX_ALIASES = 20;

export function formatFromName(fileName: string, text: string): PlaybookFormat {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** UTF-8 size without TextEncoder (shared/ runs where neither DOM nor Node types exist). */
function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** "line 12: sections[0].items[3].kind: …" — one issue as a person reads it. */
export function issueText(i: FileIssue): string {
  return `${i.line !== null ? `line ${i.line}: ` : ''}${i.field === '(file)' ? '' : `${i.field}: `}${i.message}`;
}

function fileIssue(message: string, line: number | null = null): FileParse {
  return { ok: false, issues: [{ field: '(file)', line, message }] };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** The line of the node at `path`, or of the nearest ancestor that exists (a missing field points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: readonly (string | number)[]): number | null {
  for (let n = path.length; n >= 0; n -= 1) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      // For a map field, point at its key rather than the value below it.
      const parent: unknown = n > 0 ? (n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true)) : null;
      const key = path[n - 1];
      if (isMap(parent) && typeof key === 'string') {
        const pair = parent.items.find((p) => isNode(p.key) && (p.key as Node & { value?: unknown }).value === key);
        if (pair && isNode(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
      }
      return counter.linePos(node.range[0]).line;
    }
  }
  return null;
}

export function parsePlaybookText(text: string, format: PlaybookFormat): FileParse {
  const size = byteLength(text);
  if (size > PLAYBOOK_LIMITS.fileBytes) {
    return fileIssue(`the file is ${Math.ceil(size / 1024)} KiB; a playbook may be at most ${PLAYBOOK_LIMITS.fileBytes / 1024} KiB`);
  }
  if (text.trim() === '') return fileIssue('the file is empty');
  const counter = new LineCounter();
  // JSON is YAML too: the same document gives JSON files their line numbers.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(text) as unknown;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const at = /position (\d+)/.exec(message);
      return fileIssue(`not valid JSON: ${message}`, at ? lineAt(text, Number(at[1])) : null);
    }
  } else {
    const first = doc.errors[0];
    if (first) return fileIssue(`not valid YAML: ${first.message.split('\n')[0] ?? first.message}`, first.linePos?.[0].line ?? null);
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown;
    } catch (err) {
      return fileIssue(`not a usable YAML document: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fileIssue(`expected one playbook (a mapping with schema: ${PLAYBOOK_SCHEMA}, id, title, sections…)`);
  }
  const check = checkPlaybook(value);
  if (check.ok) return check;
  const usable = doc.errors.length === 0;
  return {
    ok: false,
    issues: check.issues.map((i) => ({
      field: formatPath(i.path),
      line: usable ? lineOf(doc, counter, i.path) : null,
      message: i.message,
    })),
  };
}

export function playbookFileName(p: Pick<Playbook, 'id' | 'version'>, format: PlaybookFormat): string {
  return `${p.id}.v${p.version}.playbook.${format === 'yaml' ? 'yaml' : 'json'}`;
}

export function playbookToText(p: Playbook, format: PlaybookFormat): string {
  if (format === 'json') return `${JSON.stringify(p, null, 2)}\n`;
  const doc = new Document(p);
  doc.commentBefore = ` Pitwall playbook (format ${PLAYBOOK_SCHEMA}). Import it under Playbooks; ids are referenced by decisions and by incidents' checklists.`;
  // No folding: commands and seed quotes must survive a round trip exactly as written.
  return doc.toString({ lineWidth: 0 });
}
