import type { PitwallCore } from '../core/app';
import { startLab } from '../lab/lab';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from '../lab/scenarios/catalog';

const DEFAULT_PORT = 9400;
/** A newcomer sees a healthy platform first, then an incident unfold: GPU memory climbs, workers are OOMKilled, queues back up. */
const DEFAULT_SCENARIO: ScenarioName = 'gpu-oom';
const DEFAULT_DELAY_SEC = 120;

/** The hour the demo opens on: the lab simulates it and Pitwall polls it into the store before going live. */
const HISTORY_MS = 60 * 60_000;
const HISTORY_STEP_MS = 15_000;

export interface DemoLab {
  url: string;
  describe: string;
  close(): Promise<void>;
}

/**
 * The embedded lab that `npm start` runs beside Pitwall, on 9400 when free so its URL stays familiar.
 * It starts frozen an hour in the past, healthy; `core.prepareDemoLab` polls that hour into the store,
 * then the lab catches up with the wall clock, runs in real time, and the scenario starts (by default
 * two minutes later, so a newcomer sees a healthy platform first, then an incident unfold).
 */
export async function startDemoLab(
  core: Pick<PitwallCore, 'prepareDemoLab'>,
  portArg: string | undefined,
  scenarioArg: string | undefined,
): Promise<DemoLab> {
  const scenario = scenarioArg ?? DEFAULT_SCENARIO;
  if (!isScenarioName(scenario)) throw new Error(`--lab-scenario must be one of ${SCENARIO_NAMES.join(', ')}, not "${scenario}"`);
  const port = portArg === undefined ? DEFAULT_PORT : Number.parseInt(portArg, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--lab-port must be a number from 0 to 65535, not "${portArg}"`);
  const startMs = Date.now() - HISTORY_MS;
  let lab;
  try {
    lab = await startLab({ port, scenario: 'baseline', speed: 0, startMs });
  } catch (err) {
    if (portArg !== undefined || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    lab = await startLab({ port: 0, scenario: 'baseline', speed: 0, startMs });
  }
  const { engine } = lab;
  const advanceTo = (ms: number): void => engine.advance(Math.max(0, (ms - engine.nowMs) / 1000));
  let recorded;
  try {
    recorded = await core.prepareDemoLab(lab.url, { fromMs: startMs, toMs: Date.now(), stepMs: HISTORY_STEP_MS, advanceTo });
  } catch (err) {
    await lab.close();
    throw err;
  }
  // Recording took a few seconds of wall time: catch up, then run in real time.
  advanceTo(Date.now());
  engine.setSpeed(1);
  const delay = scenarioArg === undefined ? DEFAULT_DELAY_SEC : 0;
  if (scenario !== 'baseline') engine.setScenario(scenario, delay);
  const when = delay > 0 ? `baseline, then ${scenario} in ${delay / 60} min` : scenario;
  const past =
    recorded.polls > 0
      ? `; ${Math.round((recorded.toMs - recorded.fromMs) / 60_000)} min of its past recorded in ${(recorded.ms / 1000).toFixed(1)} s`
      : '';
  return {
    url: lab.url,
    describe: `scenario ${when}${past}; switch with POST ${lab.endpoints.control}/scenario`,
    close: () => lab.close(),
  };
}

/**
 * Starts the demo lab for a core that has a use for it (first run, or demo sources left) and points
 * the demo sources at it; null when it was not wanted or `--no-lab` was given. Both shells start it
 * this way, after the store is open, so deleting the demo sources also stops the lab from starting.
 */
export async function attachDemoLab(
  core: Pick<PitwallCore, 'wantsDemoLab' | 'prepareDemoLab'>,
  options: { disabled: boolean; port?: string | undefined; scenario?: string | undefined },
): Promise<DemoLab | null> {
  if (options.disabled || !core.wantsDemoLab()) return null;
  return startDemoLab(core, options.port, options.scenario);
}
