import type { PitwallCore } from '../core/app';
import { startLab } from '../lab/lab';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from '../lab/scenarios/catalog';

const DEFAULT_PORT = 9400;
/** A newcomer sees a healthy platform first, then an incident unfold: GPU memory climbs, workers are OOMKilled, queues back up. */
const DEFAULT_SCENARIO: ScenarioName = 'gpu-oom';
const DEFAULT_DELAY_SEC = 120;

export interface DemoLab {
  url: string;
  describe: string;
  close(): Promise<void>;
}

/** The embedded lab that `npm start` runs beside Pitwall, on 9400 when free so its URL stays familiar. */
export async function startDemoLab(portArg: string | undefined, scenarioArg: string | undefined): Promise<DemoLab> {
  const scenario = scenarioArg ?? DEFAULT_SCENARIO;
  if (!isScenarioName(scenario)) throw new Error(`--lab-scenario must be one of ${SCENARIO_NAMES.join(', ')}, not "${scenario}"`);
  const port = portArg === undefined ? DEFAULT_PORT : Number.parseInt(portArg, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--lab-port must be a number from 0 to 65535, not "${portArg}"`);
  let lab;
  try {
    lab = await startLab({ port, scenario: 'baseline', speed: 1 });
  } catch (err) {
    if (portArg !== undefined || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    lab = await startLab({ port: 0, scenario: 'baseline', speed: 1 });
  }
  const delay = scenarioArg === undefined ? DEFAULT_DELAY_SEC : 0;
  if (scenario !== 'baseline') lab.engine.setScenario(scenario, delay);
  const when = delay > 0 ? `baseline, then ${scenario} in ${delay / 60} min` : scenario;
  return { url: lab.url, describe: `scenario ${when}; switch with POST ${lab.endpoints.control}/scenario`, close: () => lab.close() };
}

/**
 * Starts the demo lab for a core that has a use for it (first run, or demo sources left) and points
 * the demo sources at it; null when it was not wanted or `--no-lab` was given. Both shells start it
 * this way, after the store is open, so deleting the demo sources also stops the lab from starting.
 */
export async function attachDemoLab(
  core: Pick<PitwallCore, 'wantsDemoLab' | 'useDemoLab'>,
  options: { disabled: boolean; port?: string | undefined; scenario?: string | undefined },
): Promise<DemoLab | null> {
  if (options.disabled || !core.wantsDemoLab()) return null;
  const lab = await startDemoLab(options.port, options.scenario);
  core.useDemoLab(lab.url);
  return lab;
}
