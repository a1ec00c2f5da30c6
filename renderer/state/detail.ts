import { create } from 'zustand';
import type { IncidentDetail, TimelineEvent } from '../../shared/domain/incident';
import { ApiError, call, errorMessage } from '../api/client';
import { hashFor, replaceHash } from './route-hash';
import { setRangeScope } from './telemetry';
import { showBanner } from './ui';

interface DetailState {
  selectedId: number | null;
  detail: IncidentDetail | null;
  error: string | null;
}

const useDetailStore = create<DetailState>()(() => ({ selectedId: null, detail: null, error: null }));

export const useSelectedId = (): number | null => useDetailStore((s) => s.selectedId);
export const useDetail = (): IncidentDetail | null => useDetailStore((s) => s.detail);
export const useDetailError = (): string | null => useDetailStore((s) => s.error);

export function selectedId(): number | null {
  return useDetailStore.getState().selectedId;
}

/** The shown incident, outside React (tests, and actions that must read before they write). */
export function getDetail(): IncidentDetail | null {
  return useDetailStore.getState().detail;
}

let seq = 0;

export function selectIncident(id: number | null): void {
  const same = useDetailStore.getState().selectedId === id;
  useDetailStore.setState(same ? { selectedId: id } : { selectedId: id, detail: null, error: null });
  replaceHash(hashFor(id === null ? { kind: 'home' } : { kind: 'incident', id }));
  // Each incident keeps the window it was last shown with; the platform view keeps its own.
  setRangeScope(id);
  if (id !== null) void refreshDetail();
}

/** Re-reads the shown incident; an answer for an incident no longer shown is dropped. */
export async function refreshDetail(): Promise<void> {
  const id = useDetailStore.getState().selectedId;
  if (id === null) return;
  const mine = ++seq;
  try {
    const detail = await call('incident:get', { id });
    if (mine !== seq || useDetailStore.getState().selectedId !== id) return;
    useDetailStore.setState({ detail, error: null });
  } catch (err) {
    if (mine !== seq || useDetailStore.getState().selectedId !== id) return;
    const message =
      err instanceof ApiError && err.code === 'not-found'
        ? 'This incident no longer exists.'
        : `Could not load the incident: ${errorMessage(err)}`;
    useDetailStore.setState({ error: message });
    showBanner(message);
  }
}

/** Adds an event the server just returned to the shown timeline (once, in time order) without a round trip. */
export function appendEvent(event: TimelineEvent): void {
  const { detail } = useDetailStore.getState();
  if (!detail || detail.incident.id !== event.incidentId || detail.timeline.some((e) => e.id === event.id)) return;
  const timeline = [...detail.timeline, event].sort((x, y) => x.at - y.at || x.id - y.id);
  useDetailStore.setState({ detail: { ...detail, timeline } });
}
