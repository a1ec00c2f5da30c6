import { createCore, type PitwallCore } from '../core/app';
import { coreCalls, type CoreCalls } from './core-calls';
import { tempDir } from './temp-dir';

export interface CoreHarness extends CoreCalls {
  core: PitwallCore;
  dir: string;
  /** The core's clock: tests move it by hand. */
  clock: { now: number };
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
    ...coreCalls(() => core),
    async close() {
      await core.close();
      t.cleanup();
    },
  };
}
