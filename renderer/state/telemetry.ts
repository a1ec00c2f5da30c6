import { create } from 'zustand';
import type { TelemetrySnapshot } from '../../shared/domain/telemetry';
import { call, errorMessage } from '../api/client';
import { DEFAULT_RANGE, type ViewRange } from '../logic/view-range';

interface TelemetryState {
  snapshot: TelemetrySnapshot | null;
  snapshotError: string | null;
  /** Bumped whenever a poll stored new data; views that draw stored data re-read when it changes. */
  tick: number;
  /** The window the chart, logs and correlation all show. */
  range: ViewRange;
}

const useTelemetryStore = create<TelemetryState>()(() => ({ snapshot: null, snapshotError: null, tick: 0, range: DEFAULT_RANGE }));

export const useSnapshot = (): TelemetrySnapshot | null => useTelemetryStore((s) => s.snapshot);
export const useSnapshotError = (): string | null => useTelemetryStore((s) => s.snapshotError);
export const useTelemetryTick = (): number => useTelemetryStore((s) => s.tick);
export const useViewRange = (): ViewRange => useTelemetryStore((s) => s.range);

export function setViewRange(range: ViewRange): void {
  useTelemetryStore.setState({ range });
}

/** Leaving the incident (nothing selected): its 'incident' window would be a stuck button, so the last hour it is. */
export function leaveIncidentRange(): void {
  if (useTelemetryStore.getState().range.preset === 'incident') useTelemetryStore.setState({ range: DEFAULT_RANGE });
}

/** The current range, outside React (tests). */
export function getViewRange(): ViewRange {
  return useTelemetryStore.getState().range;
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
