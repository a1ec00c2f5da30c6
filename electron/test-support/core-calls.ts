import type { Result } from '../../shared/contract/result';
import type { PitwallCore } from '../core/app';

export interface CoreCalls {
  /** Dispatches and returns the value; a failure throws with its channel, code and message. */
  call<T>(channel: string, input?: unknown): Promise<T>;
  /** Dispatches a call that must fail and returns the failure, for tests of refusals. */
  failure(channel: string, input?: unknown): Promise<{ code: string; message: string }>;
}

/**
 * Typed calls through the core's dispatch, as the shells make them. The core is read on each call
 * because tests close and reopen theirs to prove what survives a restart.
 */
export function coreCalls(core: () => PitwallCore): CoreCalls {
  return {
    async call<T>(channel: string, input: unknown = {}): Promise<T> {
      const r = (await core().dispatch(channel, input)) as Result<T>;
      if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async failure(channel: string, input: unknown = {}) {
      const r = await core().dispatch(channel, input);
      if (r.ok) throw new Error(`expected ${channel} to fail, got ${JSON.stringify(r.value)}`);
      return r.error;
    },
  };
}
