/**
 * Events pushed from main to the renderer. Names say what happened. Payloads are
 * small: the renderer re-reads what it shows through channels, so a lost event
 * costs a refresh, never data.
 */
export interface PushedEvents {
  'incident:changed': { id: number; ref: string };
}

export type PushedEvent = keyof PushedEvents;

export const PUSHED_EVENTS: readonly PushedEvent[] = ['incident:changed'];

export interface EventMessage<E extends PushedEvent = PushedEvent> {
  event: E;
  payload: PushedEvents[E];
}
