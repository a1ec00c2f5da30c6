import type { Severity } from '../domain/severity';
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
}

export type PushedEvent = keyof PushedEvents;

export const PUSHED_EVENTS: readonly PushedEvent[] = [
  'incident:changed',
  'source:health',
  'source:changed',
  'telemetry:updated',
  'detection:suggested',
  'detection:changed',
];

export interface EventMessage<E extends PushedEvent = PushedEvent> {
  event: E;
  payload: PushedEvents[E];
}
