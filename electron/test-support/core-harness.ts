import type { Result } from '../../shared/contract/result';
import { createCore, type PitwallCore } from '../core/app';
import { tempDir } from './temp-dir';

export interface CoreHarness {
  core: PitwallCore;
  dir: string;
  /** The core's clock: tests move it by hand. */
  clock: { now: number };
  call<T>(channel: string, input?: unknown): Promise<T>;
  failure(channel: string, input?: unknown): Promise<{ code: string; message: string }>;
  close(): Promise<void>;
}

/** A core on a fresh data directory with a hand-moved clock and no polling, for domain tests through dispatch. */
export function openCoreHarness(startMs = Date.UTC(2025, 0, 15, 10, 0, 0), operator = 'alice'): CoreHarness {
  const t = tempDir();
  const clock = { now: startMs };
  const core = createCore({ dataDir: t.dir, mode: 'browser', version: 'test', operator, poll: false, now: () => clock.now });
  return {
    core,
    dir: t.dir,
    clock,
    async call<T>(channel: string, input: unknown = {}): Promise<T> {
      const r = (await core.dispatch(channel, input)) as Result<T>;
      if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async failure(channel: string, input: unknown = {}) {
      const r = await core.dispatch(channel, input);
      if (r.ok) throw new Error(`expected ${channel} to fail`);
      return r.error;
    },
    async close() {
      await core.close();
      t.cleanup();
    },
  };
}
