/**
 * Reports (PDF, Markdown) and bundles (versioned JSON of a whole incident): what the console is
 * told about exports and imports while they run, and how an import ended.
 */

export const EXPORT_FORMATS = ['pdf', 'markdown', 'bundle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_LABEL: Readonly<Record<ExportFormat, string>> = {
  pdf: 'PDF report',
  markdown: 'Markdown report',
  bundle: 'JSON bundle',
};

export const FORMAT_EXTENSION: Readonly<Record<ExportFormat, string>> = {
  pdf: 'pdf',
  markdown: 'md',
  bundle: 'pitwall.json',
};

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** One export or import as the console follows it: pushed on every step, read again after a reconnect. */
export interface ReportJob {
  id: string;
  kind: 'export' | 'import';
  /** For exports. */
  format: ExportFormat | null;
  /** The incident exported, or the one an import created or found. */
  incidentId: number | null;
  ref: string | null;
  state: JobState;
  /** What is being done now, in words ("Printing 14 pages with Chromium"). */
  phase: string;
  /** Progress in steps of this job; `total` never shrinks, so the bar never goes backwards. */
  done: number;
  total: number;
  startedAt: number;
  endedAt: number | null;
  /** An export's file (fetched with `report:read-file` once done), or the bundle an import reads. */
  fileName: string | null;
  bytes: number | null;
  /** Why it failed, or what an import did (with renumbering said in words). */
  message: string | null;
  imported: ImportOutcome | null;
}

export interface ImportOutcome {
  /** 'already-present': the same incident (same uid) is here already; nothing was written. */
  status: 'imported' | 'already-present';
  incidentId: number;
  ref: string;
  /** The ref in the bundle; differs from `ref` when it was taken here by another incident. */
  bundleRef: string;
  renumbered: boolean;
  events: number;
  series: number;
  points: number;
  message: string;
}

/** How an imported incident got here; shown in its header and on the report's cover. */
export interface ImportRecord {
  importedAt: number;
  importedBy: string;
  fileName: string;
  exportedAt: number;
  exportedBy: string;
  exportedFrom: string;
  /** The ref it had in the bundle, when it was renumbered here; null otherwise. */
  renumberedFrom: string | null;
}

/** What a report of this incident will hold, for the report tab, before anything is exported. */
export interface ReportOutline {
  incidentId: number;
  ref: string;
  window: { fromMs: number; toMs: number };
  sections: { id: string; title: string; entries: number | null; note: string }[];
  series: number;
  points: number;
  imported: ImportRecord | null;
}

/** A slice of a finished export's file, base64, for the console to save. */
export interface FileChunk {
  base64: string;
  offset: number;
  /** Bytes in this chunk. */
  bytes: number;
  total: number;
}
