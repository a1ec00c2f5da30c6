import type { EpochMs } from '../domain/incident';
import type { StakeholderFields } from './comms-values';
import type { DueItem } from './due';
import type { Matcher } from './silence';
import type { CommsTemplate, TemplateId, TemplatePurpose } from './templates';

/** A message marked sent: the final text as it went out, to whom, and what stakeholders were told. */
export interface CommsRecord {
  /** UUIDv7. */
  id: string;
  incidentId: number;
  templateId: TemplateId | null;
  purpose: TemplatePurpose;
  text: string;
  audience: string[];
  fields: StakeholderFields;
  sentAt: EpochMs;
  author: string;
}

export type MitigationKind = 'queue-pause' | 'queue-resume' | 'silence' | 'silence-expire';

/** One mitigation attempt and its outcome. Records are appended, never changed: "what is still in place" is derived. */
export interface MitigationRecord {
  /** UUIDv7. */
  id: string;
  incidentId: number;
  kind: MitigationKind;
  sourceId: number;
  sourceName: string;
  /** Queue name, or the silence's matchers as Alertmanager writes them. */
  target: string;
  outcome: 'ok' | 'failed';
  /** What happened, in words: the observed state, or why it failed. */
  message: string;
  at: EpochMs;
  author: string;
  /** For a resume or an expiry: the pause or silence it undoes. */
  relatesTo: string | null;
  /** Silences: Alertmanager's id, the matchers, when it ends, and whether resolving the incident expires it. */
  silenceId: string | null;
  matchers: Matcher[] | null;
  endsAt: EpochMs | null;
  expireOnResolve: boolean;
}

export interface Snooze {
  id: string;
  incidentId: number;
  dueKey: string;
  until: EpochMs;
  at: EpochMs;
  author: string;
}

/** What is still in place or unsent: listed before closing, and in the incident's actions tab. */
export interface OpenItems {
  silences: MitigationRecord[];
  pausedQueues: MitigationRecord[];
  /** True once resolved with no resolution notice marked sent since. */
  resolutionNoticeUnsent: boolean;
}

/** Everything the "Comms & actions" tab shows for one incident. */
export interface CommandState {
  incidentId: number;
  due: DueItem[];
  snoozes: Snooze[];
  comms: CommsRecord[];
  mitigations: MitigationRecord[];
  open: OpenItems;
  /** What was last told to stakeholders (the newest sent update or resolution notice), to start the next draft from. */
  lastFields: StakeholderFields | null;
  lastUpdateSentAt: EpochMs | null;
  /** Open checklist items for the handoff note, or null where no checklist domain answers. */
  openChecklist: string[] | null;
}

/** A notification that fired: one per incident per check, naming every item that fell due together. */
export interface Notice {
  /** UUIDv7 of the group. */
  id: string;
  incidentId: number | null;
  ref: string | null;
  title: string;
  body: string;
  dueKeys: string[];
  firedAt: EpochMs;
}

export interface CommsSettings {
  templates: (CommsTemplate & { edited: boolean })[];
  statusPage: string;
}

/** A queue as the pause dialog shows it, read live from the source. */
export interface LiveQueue {
  queue: string;
  paused: boolean;
  pending: number;
  active: number;
}

export interface SilenceProposal {
  matchers: Matcher[];
  /** The incident's alerts on record (name and labels), to preview what the matchers cover. */
  alerts: { name: string; labels: Record<string, string>; firing: boolean }[];
}
