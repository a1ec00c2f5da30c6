import { create } from 'zustand';
import type { TelemetrySnapshot } from '../../shared/domain/telemetry';
import { call, errorMessage } from '../api/client';
import { DEFAULT_RANGE, type ViewRange } from '../logic/view-range';

interface TelemetryState {
  snapshot: TelemetrySnapshot | null;
  snapshotError: string | null;
  /** Bumped whenever a poll stored new data; views that draw stored data re-read when it changes. */
  tick: number;
  /** Whose window is shown: the platform's, or one incident's. */
  scope: string;
  /**
   * The window the chart, logs and correlation show, per scope: a zoom made inside one incident stays
   * with it, and an incident never seen before opens on its own window (the incident preset).
   */
  ranges: Readonly<Record<string, ViewRange>>;
}

const PLATFORM_SCOPE = 'platform';
/** An incident's window until someone picks another: from its lead-in to its resolution (or now). */
export const INCIDENT_RANGE: ViewRange = { preset: 'incident', fromMs: null, toMs: null };

const scopeOf = (incidentId: number | null): string => (incidentId === null ? PLATFORM_SCOPE : `incident:${incidentId}`);
const rangeIn = (s: Pick<TelemetryState, 'scope' | 'ranges'>): ViewRange =>
  s.ranges[s.scope] ?? (s.scope === PLATFORM_SCOPE ? DEFAULT_RANGE : INCIDENT_RANGE);

const useTelemetryStore = create<TelemetryState>()(() => ({
  snapshot: null,
  snapshotError: null,
  tick: 0,
  scope: PLATFORM_SCOPE,
  ranges: {},
}));

export const useSnapshot = (): TelemetrySnapshot | null => useTelemetryStore((s) => s.snapshot);
export const useSnapshotError = (): string | null => useTelemetryStore((s) => s.snapshotError);
export const useTelemetryTick = (): number => useTelemetryStore((s) => s.tick);
export const useViewRange = (): ViewRange => useTelemetryStore(rangeIn);

/** Sets the window of whatever is shown now (the platform, or the open incident). */
export function setViewRange(range: ViewRange): void {
  useTelemetryStore.setState((s) => ({ ranges: { ...s.ranges, [s.scope]: range } }));
}

/** The shown incident changed (null: the platform); each brings back its own window. */
export function setRangeScope(incidentId: number | null): void {
  useTelemetryStore.setState({ scope: scopeOf(incidentId) });
}

/** The current range, outside React (tests). */
export function getViewRange(): ViewRange {
  return rangeIn(useTelemetryStore.getState());
}

let seq = 0;

export async function loadSnapshot(): Promise<void> {
  const mine = ++seq;
  try {
    const snapshot = await call('telemetry:get-snapshot', {});
    if (mine === seq) useTelemetryStore.setState({ snapshot, snapshotError: null });
  } catch (err) {
    // The last good snapshot stays on screen (with its age); only the error is added.
    if (mine === seq) useTelemetryStore.setState({ snapshotError: `Could not read live data: ${errorMessage(err)}` });
  }
}

/** Called (coalesced) on `telemetry:updated`. */
export function telemetryUpdated(): void {
  useTelemetryStore.setState((s) => ({ tick: s.tick + 1 }));
  void loadSnapshot();
}
