import { PLAYBOOK_LIMITS, playbookSchema, type Playbook, type PlaybookItem } from './schema';

/** One thing wrong with a playbook, at a path into the document ("sections", 2, "items", 0, "id"). */
export interface PlaybookIssue {
  path: (string | number)[];
  message: string;
}

export type PlaybookCheck = { ok: true; playbook: Playbook } | { ok: false; issues: PlaybookIssue[] };

/** "sections[2].items[0].id" — how a path is written in messages. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || '(top level)';
}

/**
 * Parses a playbook from unknown (a file, a stored row, an IPC input) and checks what the schema
 * cannot: ids unique across the document, every decision branch pointing at an item or section that
 * exists, and no decision that leads back to itself. Every issue names its path.
 */
export function checkPlaybook(input: unknown): PlaybookCheck {
  const parsed = playbookSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.flatMap((i) => toIssues(i, input)) };
  }
  const issues = structuralIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, playbook: parsed.data };
}

/**
 * An unknown field is reported at the field itself, so a file's line points at the word to fix; a
 * field that is not there at all is called missing (not "received undefined"), with what it takes.
 */
function toIssues(i: { code: string; path: PropertyKey[]; message: string; keys?: string[] }, input: unknown): PlaybookIssue[] {
  const path = i.path.filter(isKey);
  if (i.code === 'unrecognized_keys' && i.keys?.length) {
    return i.keys.map((k) => ({ path: [...path, k], message: `unknown field "${k}"` }));
  }
  if (path.length > 0 && valueAt(input, path) === undefined) return [{ path, message: missing(i.message) }];
  return [{ path, message: i.message }];
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let v = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** "Invalid input: expected string, received undefined" → "is missing (expected a string)". */
function missing(message: string): string {
  const type = /expected (\w+), received undefined/.exec(message)?.[1];
  if (type) return `is missing (expected ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type})`;
  const options = /expected one of (.+)$/.exec(message)?.[1] ?? /; (known: .+)$/.exec(message)?.[1];
  return options ? `is missing (${options.startsWith('known') ? options : `expected one of ${options}`})` : 'is missing';
}

function isKey(p: PropertyKey): p is string | number {
  return typeof p === 'string' || typeof p === 'number';
}

function structuralIssues(p: Playbook): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]): void => {
    const first = seen.get(id);
    if (first !== undefined) issues.push({ path, message: `duplicate id "${id}" (already used at ${first})` });
    else seen.set(id, formatPath(path));
  };
  let total = 0;
  p.sections.forEach((s, si) => {
    claim(s.id, ['sections', si, 'id']);
    s.items.forEach((item, ii) => {
      total += 1;
      claim(item.id, ['sections', si, 'items', ii, 'id']);
    });
  });
  if (total > PLAYBOOK_LIMITS.items) {
    issues.push({ path: ['sections'], message: `has ${total} items; at most ${PLAYBOOK_LIMITS.items} are allowed` });
  }
  if (issues.length) return issues;

  p.sections.forEach((s, si) =>
    s.items.forEach((item, ii) => {
      for (const b of ['yes', 'no'] as const) {
        item[b]?.goto.forEach((target, gi) => {
          if (!seen.has(target)) {
            issues.push({ path: ['sections', si, 'items', ii, b, 'goto', gi], message: `no item or section has the id "${target}"` });
          }
        });
      }
    }),
  );
  if (issues.length) return issues;

  const loop = findDecisionLoop(p);
  if (loop) {
    issues.push({
      path: loop.path,
      message: `decision "${loop.ids[0] ?? ''}" leads back to itself (${loop.ids.join(' → ')}); a checklist must move forward`,
    });
  }
  return issues;
}

/** Items a goto target names: the item itself, or every item of a section. */
export function targetItems(p: Pick<Playbook, 'sections'>, target: string): PlaybookItem[] {
  for (const s of p.sections) {
    if (s.id === target) return s.items;
    const item = s.items.find((i) => i.id === target);
    if (item) return [item];
  }
  return [];
}

function findDecisionLoop(p: Playbook): { ids: string[]; path: (string | number)[] } | null {
  const where = new Map<string, (string | number)[]>();
  const next = new Map<string, string[]>();
  p.sections.forEach((s, si) =>
    s.items.forEach((item, ii) => {
      if (item.kind !== 'decision') return;
      where.set(item.id, ['sections', si, 'items', ii, 'id']);
      const targets = [...(item.yes?.goto ?? []), ...(item.no?.goto ?? [])];
      next.set(
        item.id,
        targets.flatMap((t) =>
          targetItems(p, t)
            .filter((i) => i.kind === 'decision')
            .map((i) => i.id),
        ),
      );
    }),
  );
  const done = new Set<string>();
  const visit = (id: string, trail: string[]): string[] | null => {
    const at = trail.indexOf(id);
    if (at >= 0) return [...trail.slice(at), id];
    if (done.has(id)) return null;
    for (const n of next.get(id) ?? []) {
      const found = visit(n, [...trail, id]);
      if (found) return found;
    }
    done.add(id);
    return null;
  };
  for (const id of next.keys()) {
    const ids = visit(id, []);
    if (ids) return { ids, path: where.get(ids[0] ?? '') ?? [] };
  }
  return null;
}

/**
 * Items that a decision's answer rules out: the other branch's targets, and — when one of them is a
 * decision itself — everything that decision could lead to, except what the chosen branch leads to.
 */
export function itemsRuledOut(p: Pick<Playbook, 'sections'>, decision: PlaybookItem, answer: 'yes' | 'no'): Set<string> {
  const chosen = expand(p, decision[answer]?.goto ?? []);
  const other = expand(p, decision[answer === 'yes' ? 'no' : 'yes']?.goto ?? []);
  for (const id of chosen) other.delete(id);
  return other;
}

function expand(p: Pick<Playbook, 'sections'>, targets: readonly string[]): Set<string> {
  const out = new Set<string>();
  const queue = [...targets];
  while (queue.length) {
    const t = queue.shift() ?? '';
    for (const item of targetItems(p, t)) {
      if (out.has(item.id)) continue;
      out.add(item.id);
      if (item.kind === 'decision') queue.push(...(item.yes?.goto ?? []), ...(item.no?.goto ?? []));
    }
  }
  return out;
}
