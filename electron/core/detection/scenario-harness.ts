/**
 * Test and bench support: the real core (poller, collectors, SQLite, detection) against the lab on one
 * fake clock, so simulated minutes of a scenario pass in seconds and every poll sees the lab at the
 * instant it is stamped with. Not used by the app.
 */
import type { PushedEvents } from '../../../shared/contract/events';
import { createCore, type PitwallCore } from '../app';
import { startLab, type Lab } from '../../lab/lab';
import type { ScenarioName } from '../../lab/scenarios/catalog';
import { FakeClock } from '../../poller/clock';
import { coreCalls, type CoreCalls } from '../../test-support/core-calls';
import { tempDir } from '../../test-support/temp-dir';

export const STEP_MS = 5_000;

export interface Harness extends CoreCalls {
  lab: Lab;
  core: PitwallCore;
  clock: FakeClock;
  suggested: { at: number; event: PushedEvents['detection:suggested'] }[];
  /** Moves lab and clock by `seconds` in poll-interval steps, polling and evaluating at each. */
  run(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: { seed?: number; startMs?: number } = {}): Promise<Harness> {
  const startMs = opts.startMs ?? Date.UTC(2026, 2, 2, 9, 0, 0);
  const lab = await startLab({ seed: opts.seed ?? 42, scenario: 'baseline', speed: 0, startMs });
  const clock = new FakeClock(startMs);
  const dir = tempDir('pitwall-detect-');
  const core = createCore({ dataDir: dir.dir, mode: 'browser', version: 'test', now: () => clock.now(), clock, operator: 'harness' });
  const suggested: Harness['suggested'] = [];
  core.subscribe((m) => {
    if (m.event === 'detection:suggested') suggested.push({ at: clock.now(), event: m.payload as PushedEvents['detection:suggested'] });
  });
  core.useDemoLab(lab.url);
  const { runtime, detection } = core.internals;
  return {
    lab,
    core,
    clock,
    suggested,
    ...coreCalls(() => core),
    async run(seconds) {
      for (let done = 0; done < seconds * 1000; done += STEP_MS) {
        lab.engine.advance(STEP_MS / 1000);
        clock.advance(STEP_MS);
        await runtime.poller.idle();
        detection.tick();
        detection.settle();
      }
    },
    async close() {
      await core.close();
      await lab.close();
      dir.cleanup();
    },
  };
}

export type { ScenarioName };
