import { create } from 'zustand';
import type { CommandState, CommsSettings } from '../../shared/command/types';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract/channels';
import { call, errorMessage } from '../api/client';
import type { Outcome } from './commands';
import { refreshDetail } from './detail';
import { loadIncidents } from './incidents';

interface CommandStore {
  /** Per incident: its due items, comms and mitigations as last read. */
  byIncident: Record<number, CommandState>;
  errors: Record<number, string>;
  comms: CommsSettings | null;
  commsError: string | null;
}

const useCommandStore = create<CommandStore>()(() => ({ byIncident: {}, errors: {}, comms: null, commsError: null }));

export const useCommandState = (id: number): CommandState | null => useCommandStore((s) => s.byIncident[id] ?? null);
export const useCommandError = (id: number): string | null => useCommandStore((s) => s.errors[id] ?? null);
export const useCommsSettings = (): CommsSettings | null => useCommandStore((s) => s.comms);
export const useCommsSettingsError = (): string | null => useCommandStore((s) => s.commsError);

const seq: Record<number, number> = {};

/** Re-reads one incident's command state; only the newest answer is kept. */
export async function loadCommandState(id: number): Promise<void> {
  const mine = (seq[id] = (seq[id] ?? 0) + 1);
  try {
    const state = await call('command:get-state', { id });
    if (seq[id] !== mine) return;
    useCommandStore.setState((s) => ({ byIncident: { ...s.byIncident, [id]: state }, errors: omit(s.errors, id) }));
  } catch (err) {
    if (seq[id] !== mine) return;
    useCommandStore.setState((s) => ({ errors: { ...s.errors, [id]: `Could not load what is due: ${errorMessage(err)}` } }));
  }
}

/** Re-reads every incident whose state is held (after a change event for one of them, or a reconnect). */
export function refreshCommandState(id?: number): void {
  const held = Object.keys(useCommandStore.getState().byIncident).map(Number);
  for (const i of held) if (id === undefined || i === id) void loadCommandState(i);
}

export async function loadCommsSettings(): Promise<void> {
  try {
    useCommandStore.setState({ comms: await call('comms:get-settings', {}), commsError: null });
  } catch (err) {
    useCommandStore.setState({ commsError: `Could not load the comms templates: ${errorMessage(err)}` });
  }
}

export function setCommsSettings(comms: CommsSettings): void {
  useCommandStore.setState({ comms, commsError: null });
}

function omit<T>(rec: Record<number, T>, id: number): Record<number, T> {
  const out = { ...rec };
  delete out[id];
  return out;
}

/**
 * Runs a command action for an incident and re-reads what it changed: its command state, the
 * timeline, the list. Failures come back as words for the dialog that asked.
 */
export async function act<C extends Channel>(incidentId: number, channel: C, input: ChannelInput<C>): Promise<Outcome<ChannelOutput<C>>> {
  try {
    const value = await call(channel, input);
    await Promise.all([loadCommandState(incidentId), refreshDetail(), loadIncidents()]);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

/** A call whose answer the caller shows (settings, live queue lists), without re-reading the incident. */
export async function ask<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Outcome<ChannelOutput<C>>> {
  try {
    return { ok: true, value: await call(channel, input) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}
