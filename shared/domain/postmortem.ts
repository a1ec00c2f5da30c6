/**
 * Postmortems: one per incident, Markdown as the stored source (DESIGN.md "Editor"), drafted from one
 * of the seeds' two templates and then written by the incident commander. Version snapshots are
 * append-only records with a UUIDv7 id and an author, so they can later sync between machines.
 */

export const POSTMORTEM_TEMPLATES = ['lecture', 'gaudi'] as const;
export type PostmortemTemplate = (typeof POSTMORTEM_TEMPLATES)[number];

/** Each template's name, where it is quoted from, and its section headings as the seed writes them. */
export const TEMPLATE_INFO: Readonly<Record<PostmortemTemplate, { label: string; source: string; headings: readonly string[] }>> = {
  lecture: {
    label: 'Incident postmortem',
    source: 'ml-incident-lecture.md, "Postmortem Template"',
    headings: [
      'Executive Summary',
      'Impact',
      'Timeline (all times in UTC)',
      'Root Cause',
      'Detection',
      'Resolution',
      'What Went Well',
      'What Went Wrong',
      'Action Items',
      'Lessons Learned',
      'Appendix',
    ],
  },
  gaudi: {
    label: 'Incident report',
    source: 'gaudi-playbook.md, "Incident Report Template"',
    headings: ['Summary', 'Impact', 'Root Cause', 'Timeline', 'Actions Taken', 'Lessons Learned', 'Follow-up Actions'],
  },
};

/** Characters; a long postmortem is 20–30 thousand. The input cap (256 KiB) stays above it even for multi-byte text. */
export const MAX_POSTMORTEM_CHARS = 80_000;

/** Autosave keeps the current text on every change; a version is kept at most this often (DESIGN.md "Editor"). */
export const VERSION_SPACING_MS = 5 * 60_000;

export interface Postmortem {
  id: string;
  incidentId: number;
  template: PostmortemTemplate;
  body: string;
  /** Bumped on every stored change; a save names the revision it was typed on, so two windows cannot overwrite each other. */
  revision: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

export const VERSION_REASONS = ['drafted', 'autosave', 'manual', 'before-restore', 'restored', 'before-redraft'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

export const VERSION_REASON_LABEL: Readonly<Record<VersionReason, string>> = {
  drafted: 'drafted from the template',
  autosave: 'autosaved',
  manual: 'saved as a version',
  'before-restore': 'kept before a restore',
  restored: 'restored',
  'before-redraft': 'kept before redrafting',
};

export interface PostmortemVersionMeta {
  id: string;
  at: number;
  author: string;
  reason: VersionReason;
  /** Characters and lines of the text, for the history list. */
  chars: number;
  lines: number;
  /** For 'restored': the version it came from. */
  restoredFrom: string | null;
}

export interface PostmortemVersion extends PostmortemVersionMeta {
  body: string;
}

export interface SaveOutcome {
  revision: number;
  updatedAt: number;
  /** True when the text equalled what was stored: nothing was written. */
  unchanged: boolean;
  /** The version this save created (at most one every VERSION_SPACING_MS), or null. */
  version: PostmortemVersionMeta | null;
}

export function textSize(body: string): { chars: number; lines: number } {
  if (body === '') return { chars: 0, lines: 0 };
  let lines = 1;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lines++;
  return { chars: body.length, lines };
}
