import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract/channels';
import type { SourceInput } from '../../../shared/contract/source-schemas';
import type { SourceQuery, SourceTestOutcome, SourceView } from '../../../shared/domain/source-config';
import type { RetentionSettings } from '../../../shared/domain/telemetry';
import { call, errorMessage } from '../../api/client';
import type { Outcome } from '../../state/commands';
import { applyHealth, loadSources } from '../../state/sources';
import { inputFromView } from '../../logic/source-form';

/** Source commands for the settings screen. Failures come back as words for the form or row that asked. */
async function perform<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Outcome<ChannelOutput<C>>> {
  try {
    return { ok: true, value: await call(channel, input) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

/** Re-reads the list after a change; the pushed `source:changed` does too, but may be lost. */
async function changed<T>(outcome: Outcome<T>): Promise<Outcome<T>> {
  if (outcome.ok) await loadSources();
  return outcome;
}

export const saveSource = async (input: SourceInput): Promise<Outcome<SourceView>> => changed(await perform('source:save', input));

export const setSourceEnabled = async (view: SourceView, enabled: boolean): Promise<Outcome<SourceView>> =>
  saveSource(inputFromView(view, { enabled }));

export const deleteSource = async (id: number): Promise<Outcome<{ id: number }>> => changed(await perform('source:delete', { id }));

export async function pollSourceNow(id: number): Promise<Outcome<null>> {
  const outcome = await perform('source:poll-now', { id });
  if (!outcome.ok) return outcome;
  applyHealth(outcome.value);
  return { ok: true, value: null };
}

/** What the Test button shows: the server's answer (which may itself be a failure), or why no answer came. */
export type TestShown = { outcome: SourceTestOutcome; message?: undefined } | { outcome?: undefined; message: string };

export async function testSource(target: { id: number } | { config: SourceInput }): Promise<TestShown> {
  const outcome = await perform('source:test', target);
  return outcome.ok ? { outcome: outcome.value } : { message: outcome.message };
}

export const getRetention = async (): Promise<Outcome<RetentionSettings>> => perform('retention:get', {});

export const setRetention = async (input: RetentionSettings): Promise<Outcome<RetentionSettings>> => perform('retention:set', input);

/** Pitwall's default queries for a kind (Loki's on a service label), for "Reset to the defaults" on a saved source. */
export const defaultQueries = (kind: SourceView['kind'], serviceLabel?: string): Promise<Outcome<SourceQuery[]>> =>
  perform('source:default-queries', serviceLabel ? { kind, serviceLabel } : { kind });
