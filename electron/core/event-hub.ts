import type { EventMessage, PushedEvent, PushedEvents } from '../../shared/contract/events';

export type EventListener = (message: EventMessage) => void;

/** Fan-out of pushed events to whichever adapters are attached (Electron windows, WebSocket clients). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends PushedEvent>(event: E, payload: PushedEvents[E]): void {
    for (const l of this.listeners) {
      try {
        l({ event, payload });
      } catch {
        // A broken listener (closed socket, destroyed window) must not stop the others.
      }
    }
  }
}
