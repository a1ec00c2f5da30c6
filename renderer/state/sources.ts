import { create } from 'zustand';
import type { SourceHealth, SourceView } from '../../shared/domain/source-config';
import { call, errorMessage } from '../api/client';

interface SourcesState {
  items: SourceView[];
  /** Health by source id; pushed `source:health` events land here between list reloads. */
  health: Record<number, SourceHealth>;
  loaded: boolean;
  error: string | null;
}

const useSourcesStore = create<SourcesState>()(() => ({ items: [], health: {}, loaded: false, error: null }));

export const useSources = (): SourceView[] => useSourcesStore((s) => s.items);
export const useSourcesLoaded = (): boolean => useSourcesStore((s) => s.loaded);
export const useSourcesError = (): string | null => useSourcesStore((s) => s.error);
export const useSourceHealth = (id: number): SourceHealth | undefined => useSourcesStore((s) => s.health[id]);
export const useHealthById = (): Record<number, SourceHealth> => useSourcesStore((s) => s.health);

let seq = 0;

/** Re-reads the source list (after `source:changed`, a reconnect, or a save). Only the newest answer is kept. */
export async function loadSources(): Promise<void> {
  const mine = ++seq;
  try {
    const items = await call('source:list', {});
    if (mine !== seq) return;
    const health: Record<number, SourceHealth> = {};
    for (const s of items) health[s.id] = s.health;
    useSourcesStore.setState({ items, health, loaded: true, error: null });
  } catch (err) {
    if (mine !== seq) return;
    useSourcesStore.setState({ loaded: true, error: `Could not load sources: ${errorMessage(err)}` });
  }
}

/** A pushed health update; ignored when it is older than what is shown (events can overtake a list reload). */
export function applyHealth(health: SourceHealth): void {
  const current = useSourcesStore.getState().health[health.sourceId];
  if (current && (current.lastAttemptAt ?? 0) > (health.lastAttemptAt ?? 0)) return;
  useSourcesStore.setState((s) => ({ health: { ...s.health, [health.sourceId]: health } }));
}
