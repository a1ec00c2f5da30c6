import { create } from 'zustand';
import type { IncidentSummary } from '../../shared/domain/incident';
import { call, errorMessage } from '../api/client';
import { setAppState, showBanner } from './ui';

interface ListState {
  items: IncidentSummary[];
  search: string;
  loading: boolean;
  error: string | null;
}

const useListStore = create<ListState>()(() => ({ items: [], search: '', loading: false, error: null }));

export const useIncidentItems = (): IncidentSummary[] => useListStore((s) => s.items);
export const useListSearch = (): string => useListStore((s) => s.search);
export const useListLoading = (): boolean => useListStore((s) => s.loading);
export const useListError = (): string | null => useListStore((s) => s.error);

let seq = 0;
let searchTimer: ReturnType<typeof setTimeout> | undefined;

/** (Re)loads the list for the current search. Only the newest request's answer is kept. */
export async function loadIncidents(): Promise<void> {
  const mine = ++seq;
  useListStore.setState({ loading: true });
  try {
    const items = await call('incident:list', { search: useListStore.getState().search });
    if (mine !== seq) return;
    useListStore.setState({ items, loading: false, error: null });
    setAppState('loaded');
  } catch (err) {
    if (mine !== seq) return;
    const message = `Could not load incidents: ${errorMessage(err)}`;
    useListStore.setState({ loading: false, error: message });
    setAppState('error');
    showBanner(message);
  }
}

/** Search as you type, without a round trip per keystroke. */
export function setSearch(search: string): void {
  useListStore.setState({ search });
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void loadIncidents(), 200);
}
