import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * Where the pointer is over the plot, shared by the in-chart cursor and the HTML hover card.
 * Kept out of React state so moving the mouse re-renders those two, never the lines.
 */
export interface HoverState {
  /** Time under the pointer; null when the pointer is not over the plot. */
  t: number | null;
  /** Pointer x in chart pixels, for placing the card. */
  x: number;
  /** The line nearest the pointer (its key), drawn highlighted and marked in the card; null when none is close. */
  near: string | null;
}

export type HoverStore = StoreApi<HoverState>;

export function createHoverStore(): HoverStore {
  return createStore<HoverState>()(() => ({ t: null, x: 0, near: null }));
}
