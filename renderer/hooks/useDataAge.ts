import { useEffect, useState } from 'react';
import { formatDataAge, isStale, staleAfterMs } from '../logic/data-age';
import { useNow } from './useNow';

export interface DataAgeState {
  now: number;
  /** Past three poll intervals (see logic/data-age.ts); never while `live` is false. */
  stale: boolean;
  /** "42s old", or "stale · 4m 05s old"; "no data yet" when nothing was received. */
  text: string;
}

/** How old `at` is, re-read every second: for the one element that shows the age. */
export function useDataAge(at: number | null, intervalMs: number | null | undefined, live = true): DataAgeState {
  const now = useNow(1000);
  const stale = live && isStale(at, now, intervalMs);
  const age = formatDataAge(at, now);
  return { now, stale, text: stale && at !== null ? `stale · ${age}` : age };
}

/**
 * Only whether `at` is stale, re-rendering once when it turns stale instead of every second: for
 * a panel that greys out as a whole while a <DataAge> inside it ticks.
 */
export function useIsStale(at: number | null, intervalMs: number | null | undefined, live = true): boolean {
  const [now, setNow] = useState(() => Date.now());
  const stale = live && isStale(at, now, intervalMs);
  useEffect(() => {
    if (!live || at === null || stale) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, at + staleAfterMs(intervalMs) - Date.now() + 1));
    return () => clearTimeout(timer);
  }, [at, intervalMs, live, stale]);
  return stale;
}
