import type { Notice } from '../command/types';
import type { Severity } from '../domain/severity';
import type { ReportJob } from '../domain/reports';
import type { SourceHealth } from '../domain/source-config';

/**
 * Events pushed from main to the renderer. Names say what happened. Payloads are
 * small: the renderer re-reads what it shows through channels, so a lost event
 * costs a refresh, never data.
 */
export interface PushedEvents {
  'incident:changed': { id: number; ref: string };
  /** A source's health changed (every poll outcome that changes state, error or timestamps). */
  'source:health': SourceHealth;
  /** A source was added, edited or deleted: re-read `source:list`. */
  'source:changed': { id: number };
  /** New samples or snapshots were stored by a poll of this source. */
  'telemetry:updated': { sourceId: number; at: number };
  /** The operator name or time display changed (another window, or settings): re-read `preferences:get`. */
  'preferences:changed': Record<string, never>;
  /** A postmortem's text changed (a save, a restore, a redraft): a window showing it at an older revision re-reads. */
  'postmortem:saved': { incidentId: number; revision: number };
  /** An action item was created or changed: lists re-read `action:list`. */
  'action:changed': { id: string; incidentId: number };
  /** A checklist of this incident was attached or acted on: re-read `checklist:list` (and progress). */
  'checklist:changed': { incidentId: number; checklistId: string };
  /** A user playbook was saved, imported or deleted: re-read `playbook:list`. */
  'playbook:changed': { id: string };
  /** Something fell due (or a suggestion appeared) and was notified; the page shows it if the host did not. */
  'command:notified': Notice;
  /** The person clicked a host notification (Electron): open what it is about. */
  'command:notice-clicked': { incidentId: number | null };
  /**
   * Detection opened a new suggested incident (not one kept quiet by a dismissal). `coveredBy` is the
   * ref of an open incident already dealing with the condition: then it is offered as "attach to …".
   */
  'detection:suggested': {
    id: string;
    key: string;
    playbookId: string | null;
    title: string;
    severity: Severity;
    coveredBy: string | null;
  };
  /** Suggestions or rule states changed (or a suggestion was acted on): re-read `detection:get`. */
  'detection:changed': { evaluatedAt: number };
  /** An export or import moved on a step, finished, failed or was cancelled (the whole job: it is small). */
  'report:job-changed': ReportJob;
}

export type PushedEvent = keyof PushedEvents;

export const PUSHED_EVENTS: readonly PushedEvent[] = [
  'incident:changed',
  'source:health',
  'source:changed',
  'telemetry:updated',
  'preferences:changed',
  'postmortem:saved',
  'action:changed',
  'checklist:changed',
  'playbook:changed',
  'command:notified',
  'command:notice-clicked',
  'detection:suggested',
  'detection:changed',
  'report:job-changed',
];

export interface EventMessage<E extends PushedEvent = PushedEvent> {
  event: E;
  payload: PushedEvents[E];
}
