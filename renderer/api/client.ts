import type { PitwallBridge } from '../../shared/contract/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract/channels';
import type { PushedEvent, PushedEvents } from '../../shared/contract/events';
import { INPUT_TOO_LARGE, MAX_INPUT_BYTES } from '../../shared/contract/limits';
import type { ErrorCode } from '../../shared/contract/result';
import { getBridge } from './bridge';
import { toResult } from './result-value';

/** An error value from the main process, turned into a throw. `message` is meant for people. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

export type Call = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/**
 * The one place error values become throws. A bridge that itself throws (a
 * broken preload, a dead process) is reported as 'unavailable', never as a raw
 * exception the UI would have to guess about.
 */
export function createCall(bridge: () => PitwallBridge): Call {
  return async (channel, input) => {
    // Refused here, before sending: a body of megabytes would reach main only to be refused there,
    // and browser mode drops a connection still uploading past its cap (the page would see a network error).
    if (inputBytes(input) > MAX_INPUT_BYTES) throw new ApiError('too-large', INPUT_TOO_LARGE);
    let raw: unknown;
    try {
      raw = await bridge().invoke(channel, input);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new ApiError('unavailable', `Pitwall did not answer ${channel}: ${why}`, { cause: err });
    }
    const result = toResult(raw);
    if (!result.ok) throw new ApiError(result.error.code, result.error.message);
    return result.value as ChannelOutput<typeof channel>;
  };
}

export const call: Call = createCall(getBridge);

const encoder = new TextEncoder();

/** UTF-8 bytes of the input as it would be sent; a value JSON cannot encode is main's to refuse. */
function inputBytes(input: unknown): number {
  try {
    const text = JSON.stringify(input ?? null);
    // Cheap bound first: UTF-8 is at most three bytes per UTF-16 code unit.
    if (text === undefined || text.length * 3 <= MAX_INPUT_BYTES) return 0;
    return encoder.encode(text).length;
  } catch {
    return 0;
  }
}

/** Subscribes to a pushed event. Payloads are hints (re-read through `call`), so they are only shape-checked by the caller. */
export function onEvent<E extends PushedEvent>(event: E, listener: (payload: PushedEvents[E]) => void): () => void {
  return getBridge().on(event, (payload) => listener(payload as PushedEvents[E]));
}

export function onConnection(listener: Parameters<ReturnType<typeof getBridge>['onConnection']>[0]): () => void {
  return getBridge().onConnection(listener);
}

/** A person-readable message for anything caught from `call`. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
