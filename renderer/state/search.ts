import { create } from 'zustand';
import type { SearchResult } from '../../shared/domain/search';
import type { Severity } from '../../shared/domain/severity';
import type { Status } from '../../shared/domain/status';
import { call, errorMessage } from '../api/client';
import { dayStart, zoneName } from '../logic/format';
import { isCalendarDate } from '../../shared/domain/action-items';

export interface SearchFilters {
  severities: Severity[];
  statuses: Status[];
  /** Calendar days in the display zone (logic/format.ts), YYYY-MM-DD, or '' for open-ended. */
  from: string;
  to: string;
}

interface SearchState {
  filters: SearchFilters;
  open: boolean;
  results: SearchResult[] | null;
  error: string | null;
  loading: boolean;
}

const NO_FILTERS: SearchFilters = { severities: [], statuses: [], from: '', to: '' };

const useSearchStore = create<SearchState>()(() => ({ filters: NO_FILTERS, open: false, results: null, error: null, loading: false }));

export const useSearchFilters = (): SearchFilters => useSearchStore((s) => s.filters);
export const useFiltersOpen = (): boolean => useSearchStore((s) => s.open);
export const useSearchResults = (): SearchResult[] | null => useSearchStore((s) => s.results);
export const useSearchError = (): string | null => useSearchStore((s) => s.error);
export const useSearchLoading = (): boolean => useSearchStore((s) => s.loading);

export function filtersActive(f: SearchFilters): boolean {
  return f.severities.length > 0 || f.statuses.length > 0 || f.from !== '' || f.to !== '';
}

export function toggleFilters(): void {
  useSearchStore.setState((s) => ({ open: !s.open }));
}

export function setSearchFilters(change: Partial<SearchFilters>): void {
  useSearchStore.setState((s) => ({ filters: { ...s.filters, ...change } }));
}

export function clearSearchFilters(): void {
  useSearchStore.setState({ filters: NO_FILTERS });
}

/**
 * A day filter as epoch bounds; a day that is not a day is an error in words, never a silent "no filter".
 * Days are read in the display zone like every other time input, so "declared on 2025-01-31" means the
 * day the operator sees incidents declared on.
 */
export function dayBounds(f: SearchFilters): { fromMs: number | null; toMs: number | null } | { error: string } {
  for (const [name, v] of [
    ['From', f.from],
    ['To', f.to],
  ] as const) {
    if (v !== '' && !isCalendarDate(v.trim()))
      return { error: `${name}: write a day as YYYY-MM-DD (${zoneName()}), for example 2025-01-31.` };
  }
  const fromMs = f.from === '' ? null : dayStart(f.from);
  const toMs = f.to === '' ? null : dayStart(f.to, 1) - 1;
  if (fromMs !== null && toMs !== null && fromMs > toMs) return { error: 'The "from" day is after the "to" day.' };
  return { fromMs, toMs };
}

let seq = 0;

/** Runs the search for the sidebar's words and filters; only the newest answer is kept. */
export async function runSearch(text: string): Promise<void> {
  const { filters } = useSearchStore.getState();
  const mine = ++seq;
  const bounds = dayBounds(filters);
  if ('error' in bounds) {
    useSearchStore.setState({ error: bounds.error, loading: false });
    return;
  }
  useSearchStore.setState({ loading: true });
  try {
    const results = await call('search:incidents', {
      text,
      severities: filters.severities,
      statuses: filters.statuses,
      ...bounds,
      limit: 100,
    });
    if (mine === seq) useSearchStore.setState({ results, error: null, loading: false });
  } catch (err) {
    if (mine === seq) useSearchStore.setState({ error: `Search failed: ${errorMessage(err)}`, loading: false });
  }
}
