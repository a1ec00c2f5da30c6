import { create } from 'zustand';
import type { SimilarIncident } from '../../shared/domain/search';
import { call, errorMessage } from '../api/client';

interface SimilarState {
  byIncident: Record<number, { items: SimilarIncident[]; error: string | null; at: number }>;
}

const useSimilarStore = create<SimilarState>()(() => ({ byIncident: {} }));

export const useSimilar = (incidentId: number): SimilarState['byIncident'][number] | undefined =>
  useSimilarStore((s) => s.byIncident[incidentId]);

/** Re-reads at most once a minute per incident: shapes change slowly and the answer costs a pass over past incidents. */
const FRESH_MS = 60_000;

export async function loadSimilar(incidentId: number, force = false): Promise<void> {
  const had = useSimilarStore.getState().byIncident[incidentId];
  if (!force && had && Date.now() - had.at < FRESH_MS) return;
  try {
    const items = await call('search:similar-incidents', { id: incidentId, limit: 5 });
    useSimilarStore.setState((s) => ({ byIncident: { ...s.byIncident, [incidentId]: { items, error: null, at: Date.now() } } }));
  } catch (err) {
    useSimilarStore.setState((s) => ({
      byIncident: { ...s.byIncident, [incidentId]: { items: had?.items ?? [], error: errorMessage(err), at: Date.now() } },
    }));
  }
}
