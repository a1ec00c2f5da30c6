import type { EvidenceKind } from './evidence';
import { allItems, type Playbook } from './schema';

/** What the library lists: one line per playbook, built-in or the user's own. */
export interface PlaybookSummary {
  id: string;
  title: string;
  summary: string;
  version: number;
  builtin: boolean;
  sections: number;
  items: number;
  alerts: string[];
  /** The kinds of live evidence its items carry. */
  evidence: EvidenceKind[];
  basedOn: { id: string; version: number } | null;
  /** When this version was saved and by whom; null for built-ins. */
  savedAt: number | null;
  author: string | null;
}

export interface PlaybookVersionInfo {
  version: number;
  title: string;
  author: string;
  savedAt: number;
  /** A delete is recorded as a version without a body. */
  deleted: boolean;
}

export interface PlaybookDetail {
  playbook: Playbook;
  builtin: boolean;
  /** Newest first; empty for built-ins. */
  versions: PlaybookVersionInfo[];
  /** False when an older version was asked for. */
  latest: boolean;
}

export function summarise(p: Playbook, builtin: boolean, saved: { savedAt: number; author: string } | null): PlaybookSummary {
  const items = allItems(p);
  const evidence = new Set<EvidenceKind>();
  for (const item of items) for (const q of item.evidence ?? []) evidence.add(q.kind);
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    version: p.version,
    builtin,
    sections: p.sections.length,
    items: items.length,
    alerts: p.alerts ?? [],
    evidence: [...evidence],
    basedOn: p.basedOn ?? null,
    savedAt: saved?.savedAt ?? null,
    author: saved?.author ?? null,
  };
}
