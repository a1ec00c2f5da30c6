import { create } from 'zustand';
import type { SourceHealth, SourceView } from '../../shared/domain/source-config';
import { call, errorMessage } from '../api/client';

interface SourcesState {
  /** The source list; pushed `source:health` events update each item's `health` between list reloads. */
  items: SourceView[];
  loaded: boolean;
  error: string | null;
}

const useSourcesStore = create<SourcesState>()(() => ({ items: [], loaded: false, error: null }));

export const useSources = (): SourceView[] => useSourcesStore((s) => s.items);
export const useSourcesLoaded = (): boolean => useSourcesStore((s) => s.loaded);
export const useSourcesError = (): string | null => useSourcesStore((s) => s.error);

/** The slowest poll interval among `ids` (null when none is known): data fed by all of them is late only once the slowest is. */
export function slowestInterval(items: readonly SourceView[], ids: readonly number[]): number | null {
  let slowest: number | null = null;
  for (const s of items) if (ids.includes(s.id) && (slowest === null || s.intervalMs > slowest)) slowest = s.intervalMs;
  return slowest;
}

export const useSlowestInterval = (ids: readonly number[]): number | null => useSourcesStore((s) => slowestInterval(s.items, ids));

let seq = 0;

/** An event can overtake a list reload; the newer attempt wins. */
const isOlder = (next: SourceHealth, current: SourceHealth): boolean => (current.lastAttemptAt ?? 0) > (next.lastAttemptAt ?? 0);

/** Re-reads the source list (after `source:changed`, a reconnect, or a save). Only the newest answer is kept. */
export async function loadSources(): Promise<void> {
  const mine = ++seq;
  try {
    const loaded = await call('source:list', {});
    if (mine !== seq) return;
    // A health event that landed while the list was in flight may be newer than the list's copy.
    const shown = new Map(useSourcesStore.getState().items.map((s) => [s.id, s.health]));
    const items = loaded.map((s) => {
      const current = shown.get(s.id);
      return current && isOlder(s.health, current) ? { ...s, health: current } : s;
    });
    useSourcesStore.setState({ items, loaded: true, error: null });
  } catch (err) {
    if (mine !== seq) return;
    useSourcesStore.setState({ loaded: true, error: `Could not load sources: ${errorMessage(err)}` });
  }
}

/** A pushed health update, folded into its source; ignored when older than what is shown or for a source not listed (yet). */
export function applyHealth(health: SourceHealth): void {
  useSourcesStore.setState((s) => {
    const i = s.items.findIndex((v) => v.id === health.sourceId);
    const current = s.items[i];
    if (!current || isOlder(health, current.health)) return s;
    const items = [...s.items];
    items[i] = { ...current, health };
    return { items };
  });
}

/** For tests: an empty, unloaded list. */
export function resetSources(): void {
  seq += 1;
  useSourcesStore.setState({ items: [], loaded: false, error: null });
}

/** The current list, outside React (tests). */
export function getSources(): readonly SourceView[] {
  return useSourcesStore.getState().items;
}
