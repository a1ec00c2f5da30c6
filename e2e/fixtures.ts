import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { advanceServeClock, startServeProcess, stopServeProcess } from '../electron/test-support/serve-process';

export interface PitwallProcess {
  url: string;
  dataDir: string;
  /** Stop the server (as a user quitting would) and start it again on the same data directory; `whileStopped` runs in between. */
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  /** Kill the server with SIGKILL (no shutdown code runs, as in a crash or power loss of the process) and start it again. */
  crash(): Promise<void>;
  /**
   * Move the server's clock forward (PITWALL_TEST_CLOCK, see electron/server/test-clock.ts). Move the
   * page's clock by the same amount with Playwright's `page.clock` so both agree on "now".
   */
  advanceClock(ms: number): Promise<void>;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const test = base.extend<{ pitwall: PitwallProcess }>({
  // Playwright requires the fixture argument to be a destructuring pattern, even when empty.
  // eslint-disable-next-line no-empty-pattern
  pitwall: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pitwall-e2e-'));
    let current = await startServeProcess(dataDir, 'e2e-operator', { testClock: true });
    const handle: PitwallProcess = {
      url: current.url,
      dataDir,
      async restart(whileStopped) {
        await stopServeProcess(current.child);
        await whileStopped?.();
        current = await startServeProcess(dataDir, 'e2e-operator', { testClock: true });
        handle.url = current.url;
      },
      async crash() {
        const { child } = current;
        await new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        });
        current = await startServeProcess(dataDir, 'e2e-operator', { testClock: true });
        handle.url = current.url;
      },
      async advanceClock(ms) {
        await advanceServeClock(current.child, ms);
      },
    };
    await use(handle);
    await stopServeProcess(current.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
