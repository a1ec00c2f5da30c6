import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract/channels';
import type { TimelineEvent } from '../../shared/domain/incident';
import { ApiError, call, errorMessage } from '../api/client';
import { appendEvent, refreshDetail, selectIncident } from './detail';
import { loadIncidents } from './incidents';
import { closeDeclare, dismissBanner, showBanner } from './ui';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Runs a command, then re-reads what it changed. The pushed `incident:changed`
 * event would do that too; doing it here means the console is right even when
 * the event is lost. Failures come back as words; with `banner` they are also
 * shown in the error banner (for actions without a form of their own).
 */
async function perform<C extends Channel>(channel: C, input: ChannelInput<C>, banner: boolean): Promise<Outcome<ChannelOutput<C>>> {
  try {
    const value = await call(channel, input);
    dismissBanner();
    return { ok: true, value };
  } catch (err) {
    const message = errorMessage(err);
    // A storage failure (a full disk) concerns the whole console, not only the form that asked.
    if (banner || (err instanceof ApiError && err.code === 'storage')) showBanner(message);
    return { ok: false, message };
  }
}

async function change<C extends Channel>(channel: C, input: ChannelInput<C>, banner = true): Promise<Outcome<ChannelOutput<C>>> {
  const outcome = await perform(channel, input, banner);
  if (outcome.ok) await Promise.all([refreshDetail(), loadIncidents()]);
  return outcome;
}

export async function declareIncident(input: ChannelInput<'incident:declare'>): Promise<Outcome<ChannelOutput<'incident:declare'>>> {
  const outcome = await perform('incident:declare', input, false);
  if (outcome.ok) {
    closeDeclare();
    selectIncident(outcome.value.id);
    await loadIncidents();
  }
  return outcome;
}

export const setSeverity = (input: ChannelInput<'incident:set-severity'>) => change('incident:set-severity', input);
export const setStatus = (input: ChannelInput<'incident:set-status'>) => change('incident:set-status', input);
export const acknowledge = (id: number) => change('incident:acknowledge', { id });
export const setTime = (input: ChannelInput<'incident:set-time'>) => change('incident:set-time', input, false);
export const assignRole = (input: ChannelInput<'incident:assign-role'>) => change('incident:assign-role', input, false);

export async function addNote(input: ChannelInput<'incident:add-note'>): Promise<Outcome<TimelineEvent>> {
  const outcome = await perform('incident:add-note', input, false);
  if (outcome.ok) {
    // Show the note at once; the re-read brings anything else that changed meanwhile.
    appendEvent(outcome.value);
    await refreshDetail();
  }
  return outcome;
}
export const editIncident = (input: ChannelInput<'incident:edit'>) => change('incident:edit', input, false);
