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
}

export type PushedEvent = keyof PushedEvents;

export const PUSHED_EVENTS: readonly PushedEvent[] = [
  'incident:changed',
  'source:health',
  'source:changed',
  'telemetry:updated',
  'preferences:changed',
];

export interface EventMessage<E extends PushedEvent = PushedEvent> {
  event: E;
  payload: PushedEvents[E];
}
