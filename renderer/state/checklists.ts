import { useEffect } from 'react';
import { create } from 'zustand';
import type { ChannelInput } from '../../shared/contract/channels';
import type { TimelineEvent } from '../../shared/domain/incident';
import type { ChecklistProgress, ChecklistView } from '../../shared/playbooks/checklist';
import type { EvidenceQuery, EvidenceReading } from '../../shared/playbooks/evidence';
import { call, errorMessage } from '../api/client';
import type { Outcome } from './commands';
import { appendEvent, refreshDetail } from './detail';

interface IncidentChecklists {
  checklists: ChecklistView[];
  error: string | null;
}

interface ChecklistState {
  byIncident: Record<number, IncidentChecklists | undefined>;
  progress: Record<number, ChecklistProgress[] | undefined>;
  /** Live evidence readings by query (evidenceKey). */
  readings: Record<string, EvidenceReading | undefined>;
  readingsError: string | null;
}

const useStore = create<ChecklistState>()(() => ({ byIncident: {}, progress: {}, readings: {}, readingsError: null }));

export const useIncidentChecklists = (incidentId: number): IncidentChecklists | undefined => useStore((s) => s.byIncident[incidentId]);
export const useReading = (key: string): EvidenceReading | undefined => useStore((s) => s.readings[key]);
export const useReadingsError = (): string | null => useStore((s) => s.readingsError);

/** One key per distinct query, whatever the order its fields were written in. */
export function evidenceKey(q: EvidenceQuery): string {
  return JSON.stringify(Object.entries(q).sort(([a], [b]) => a.localeCompare(b)));
}

const seq: Record<number, number> = {};

export async function loadChecklists(incidentId: number): Promise<void> {
  const mine = (seq[incidentId] = (seq[incidentId] ?? 0) + 1);
  try {
    const checklists = await call('checklist:list', { incidentId });
    if (seq[incidentId] !== mine) return;
    useStore.setState((s) => ({ byIncident: { ...s.byIncident, [incidentId]: { checklists, error: null } } }));
    setProgress(
      incidentId,
      checklists.map((c) => c.progress),
    );
  } catch (err) {
    if (seq[incidentId] !== mine) return;
    const error = `Could not load the checklists: ${errorMessage(err)}`;
    useStore.setState((s) => ({
      byIncident: { ...s.byIncident, [incidentId]: { checklists: s.byIncident[incidentId]?.checklists ?? [], error } },
    }));
  }
}

function setProgress(incidentId: number, progress: ChecklistProgress[]): void {
  useStore.setState((s) => ({ progress: { ...s.progress, [incidentId]: progress } }));
}

function replaceChecklist(view: ChecklistView): void {
  useStore.setState((s) => {
    const current = s.byIncident[view.incidentId];
    const checklists = current ? current.checklists.map((c) => (c.id === view.id ? view : c)) : [view];
    if (!checklists.some((c) => c.id === view.id)) checklists.push(view);
    return {
      byIncident: { ...s.byIncident, [view.incidentId]: { checklists, error: null } },
      progress: { ...s.progress, [view.incidentId]: checklists.map((c) => c.progress) },
    };
  });
}

export async function attachPlaybook(incidentId: number, playbookId: string): Promise<Outcome<ChecklistView>> {
  try {
    const view = await call('checklist:attach', { incidentId, playbookId });
    replaceChecklist(view);
    await refreshDetail();
    return { ok: true, value: view };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

/** Acts on an item; the answer carries the new checklist and the timeline event, shown at once. */
export async function actOnItem(
  input: ChannelInput<'checklist:act'>,
): Promise<Outcome<{ checklist: ChecklistView; event: TimelineEvent }>> {
  try {
    const value = await call('checklist:act', input);
    replaceChecklist(value.checklist);
    appendEvent(value.event);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

let readSeq = 0;

/** Reads the evidence of the queries given (deduplicated), 64 at a time. */
export async function readEvidence(queries: readonly EvidenceQuery[]): Promise<void> {
  const unique = new Map(queries.map((q) => [evidenceKey(q), q]));
  if (unique.size === 0) return;
  const mine = ++readSeq;
  try {
    const all = [...unique.values()];
    const readings: EvidenceReading[] = [];
    for (let i = 0; i < all.length; i += 64) readings.push(...(await call('playbook:read-evidence', { queries: all.slice(i, i + 64) })));
    if (mine !== readSeq) return;
    useStore.setState((s) => {
      const next = { ...s.readings };
      for (const r of readings) next[evidenceKey(r.query)] = r;
      return { readings: next, readingsError: null };
    });
  } catch (err) {
    // The last readings stay, with their ages; the error says why they stopped moving.
    if (mine === readSeq) useStore.setState({ readingsError: `Could not read live evidence: ${errorMessage(err)}` });
  }
}

/** Incidents whose progress is on screen (list rows, the header): re-read when something changes. */
const watched = new Map<number, number>();
let pending: Set<number> | null = null;

function requestProgress(ids: readonly number[]): void {
  if (ids.length === 0) return;
  if (pending) {
    for (const id of ids) pending.add(id);
    return;
  }
  pending = new Set(ids);
  // One call for every row that asked in the same tick.
  queueMicrotask(() => {
    const batch = [...(pending ?? [])];
    pending = null;
    void loadProgress(batch);
  });
}

async function loadProgress(ids: number[]): Promise<void> {
  try {
    for (let i = 0; i < ids.length; i += 500) {
      const answer = await call('checklist:progress', { incidentIds: ids.slice(i, i + 500) });
      useStore.setState((s) => {
        const progress = { ...s.progress };
        for (const a of answer) progress[a.incidentId] = a.progress;
        return { progress };
      });
    }
  } catch {
    // Progress is a hint beside the list; the checklist tab shows errors in full.
  }
}

/** Progress of an incident's checklists, kept fresh while the caller is mounted. */
export function useChecklistProgress(incidentId: number): ChecklistProgress[] | undefined {
  useEffect(() => {
    watched.set(incidentId, (watched.get(incidentId) ?? 0) + 1);
    requestProgress([incidentId]);
    return () => {
      const n = (watched.get(incidentId) ?? 1) - 1;
      if (n <= 0) watched.delete(incidentId);
      else watched.set(incidentId, n);
    };
  }, [incidentId]);
  return useStore((s) => s.progress[incidentId]);
}

/** Something changed on the server: re-read progress on screen, and the checklists of an incident being shown. */
export function checklistsChanged(incidentId: number | null): void {
  requestProgress([...watched.keys()]);
  if (incidentId !== null && useStore.getState().byIncident[incidentId]) void loadChecklists(incidentId);
}
