import { createCore, type PitwallCore } from '../core/app';
import { startLab, type Lab } from '../lab/lab';
import { tempDir } from './temp-dir';

export interface LabCore {
  /** The lab runs gpu-oom from seed 7 and moves only when the test advances it. */
  lab: Lab;
  dir: string;
  /** The core open now; `reopen` replaces it. */
  core: PitwallCore;
  /** A new core on the same data directory, once the test has closed the last one: a restart. Without `withLab` the lab is not attached. */
  reopen(withLab?: boolean): PitwallCore;
  /** Closes the core open now, the lab (a test may have closed it already: closing again is harmless) and the data directory. */
  close(): Promise<void>;
}

/**
 * A core on a fresh data directory with the lab's demo sources attached as the shells attach them,
 * polling as the app does. The lab starts at the wall clock unless `startMs` fixes it (see LAB_TEST_START_MS).
 */
export async function openLabCore(o: { onOpen?: (core: PitwallCore) => void; startMs?: number } = {}): Promise<LabCore> {
  const t = tempDir();
  const lab = await startLab({
    port: 0,
    scenario: 'gpu-oom',
    speed: 0,
    seed: 7,
    ...(o.startMs === undefined ? {} : { startMs: o.startMs }),
  });
  const open = (withLab: boolean): PitwallCore => {
    const core = createCore({ dataDir: t.dir, mode: 'browser', version: 'test', operator: 'alice' });
    // As both shells do (attachDemoLab): the lab is attached after the store is open.
    if (withLab) core.useDemoLab(lab.url);
    o.onOpen?.(core);
    return core;
  };
  const lc: LabCore = {
    lab,
    dir: t.dir,
    core: open(true),
    reopen(withLab = true) {
      lc.core = open(withLab);
      return lc.core;
    },
    async close() {
      await lc.core.close();
      await lab.close();
      t.cleanup();
    },
  };
  return lc;
}
