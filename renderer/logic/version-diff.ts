import { diffLines } from 'diff';

export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  /** Unchanged lines folded away, with how many. */
  | { kind: 'fold'; count: number };

export interface VersionDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
}

const CONTEXT = 3;

function lines(value: string): string[] {
  const parts = value.split('\n');
  // jsdiff keeps each line's newline; the last part of a chunk ending in one is empty.
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/**
 * Line diff of a version (`from`) against another text (`to`, usually the current one), by jsdiff,
 * with unchanged runs folded to CONTEXT lines around each change so a long postmortem's diff shows
 * what moved, not the whole document.
 */
export function versionDiff(from: string, to: string): VersionDiff {
  const flat: { kind: 'same' | 'added' | 'removed'; text: string }[] = [];
  // A missing newline at the very end is not a change worth a line of its own.
  for (const change of diffLines(from, to, { ignoreNewlineAtEof: true })) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const text of lines(change.value)) flat.push({ kind, text });
  }
  const near = new Array<boolean>(flat.length).fill(false);
  flat.forEach((r, i) => {
    if (r.kind === 'same') return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(flat.length - 1, i + CONTEXT); k++) near[k] = true;
  });
  const rows: DiffRow[] = [];
  let folded = 0;
  flat.forEach((r, i) => {
    if (r.kind === 'same' && !near[i]) {
      folded++;
      return;
    }
    if (folded) rows.push({ kind: 'fold', count: folded });
    folded = 0;
    rows.push(r);
  });
  if (folded) rows.push({ kind: 'fold', count: folded });
  return { rows, added: flat.filter((r) => r.kind === 'added').length, removed: flat.filter((r) => r.kind === 'removed').length };
}
