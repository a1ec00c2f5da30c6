import { create } from 'zustand';
import type { ChannelInput } from '../../shared/contract/channels';
import type { ActionItem, ActionStatus } from '../../shared/domain/action-items';
import { call, errorMessage } from '../api/client';

export interface ActionFilters {
  statuses: ActionStatus[];
  owner: string;
  overdueOnly: boolean;
}

interface ActionsState {
  /** The page across all incidents. */
  all: ActionItem[];
  filters: ActionFilters;
  allError: string | null;
  allLoaded: boolean;
  /** Per incident, for the postmortem tab. */
  byIncident: Record<number, ActionItem[]>;
}

const useActionsStore = create<ActionsState>()(() => ({
  all: [],
  filters: { statuses: ['open', 'in-progress'], owner: '', overdueOnly: false },
  allError: null,
  allLoaded: false,
  byIncident: {},
}));

export const useAllActions = (): ActionItem[] => useActionsStore((s) => s.all);
export const useActionFilters = (): ActionFilters => useActionsStore((s) => s.filters);
export const useActionsError = (): string | null => useActionsStore((s) => s.allError);
export const useActionsLoaded = (): boolean => useActionsStore((s) => s.allLoaded);
const NONE: ActionItem[] = [];
export const useIncidentActions = (incidentId: number): ActionItem[] => useActionsStore((s) => s.byIncident[incidentId] ?? NONE);

let seq = 0;

export async function loadActions(): Promise<void> {
  const mine = ++seq;
  const { filters } = useActionsStore.getState();
  try {
    const all = await call('action:list', filters);
    if (mine === seq) useActionsStore.setState({ all, allError: null, allLoaded: true });
  } catch (err) {
    if (mine === seq) useActionsStore.setState({ allError: `Could not load action items: ${errorMessage(err)}`, allLoaded: true });
  }
}

export function setActionFilters(change: Partial<ActionFilters>): void {
  useActionsStore.setState((s) => ({ filters: { ...s.filters, ...change } }));
  void loadActions();
}

export async function loadIncidentActions(incidentId: number): Promise<void> {
  try {
    const items = await call('action:list', { incidentId });
    useActionsStore.setState((s) => ({ byIncident: { ...s.byIncident, [incidentId]: items } }));
  } catch {
    // The panel keeps what it showed; the next change event reads again.
  }
}

/** An action item changed somewhere (this window or another): re-read what is shown. */
export function actionChanged(incidentId: number): void {
  if (useActionsStore.getState().allLoaded) void loadActions();
  if (incidentId in useActionsStore.getState().byIncident) void loadIncidentActions(incidentId);
}

/** Failures come back as words for the form that asked. */
export async function createAction(input: ChannelInput<'action:create'>): Promise<string | null> {
  try {
    await call('action:create', input);
    actionChanged(input.incidentId);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

export async function updateAction(item: ActionItem, change: Omit<ChannelInput<'action:update'>, 'id'>): Promise<string | null> {
  try {
    await call('action:update', { id: item.id, ...change });
    actionChanged(item.incidentId);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}
