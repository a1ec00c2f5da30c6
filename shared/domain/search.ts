import type { IncidentSummary } from './incident';

/**
 * Full-text search results: incidents, each with the passages that matched. A snippet comes as
 * segments (matched or not) so the renderer highlights with elements, never by parsing markup out
 * of text a user or an upstream wrote.
 */

export const HIT_SOURCES = ['title', 'summary', 'note', 'handoff', 'role', 'pin-log', 'pin-metric', 'postmortem', 'event'] as const;
export type HitSource = (typeof HIT_SOURCES)[number];

export const HIT_SOURCE_LABEL: Readonly<Record<HitSource, string>> = {
  title: 'title',
  summary: 'summary',
  note: 'note',
  handoff: 'handoff',
  role: 'role',
  'pin-log': 'pinned log line',
  'pin-metric': 'pinned chart',
  postmortem: 'postmortem',
  event: 'timeline',
};

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  source: HitSource;
  /** The timeline event it came from, when it came from one. */
  eventId: number | null;
  snippet: SnippetPart[];
}

export interface SearchResult {
  incident: IncidentSummary;
  hits: SearchHit[];
}

export interface SimilarIncident {
  incident: IncidentSummary;
  /** 0..1, higher is more alike. */
  score: number;
  /** Each part of the score in words ("same services: ocr, translation"). */
  reasons: string[];
  parts: { services: number | null; playbooks: number | null; gpuShape: number | null; queueShape: number | null };
}
