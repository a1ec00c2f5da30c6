/**
 * `npm run lab -- --scenario gpu-oom --speed 10 --port 9400 --seed 42`
 * Runs the lab on its own and prints its endpoints. `--prometheus-config <file>` also writes a
 * Prometheus scrape config for it (add `--rules <file>` and `--alertmanager host:port` to wire alerts).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLab } from './lab.js';
import { prometheusConfigText } from './prometheus-config.js';
import { isScenarioName, SCENARIO_NAMES, SCENARIOS } from './scenarios/catalog.js';
import { LOG_LABEL_STYLES, type LogLabelStyle } from './sim/world.js';

function isLogLabelStyle(value: string): value is LogLabelStyle {
  return (LOG_LABEL_STYLES as readonly string[]).includes(value);
}

const USAGE = `usage: npm run lab -- [--scenario NAME] [--speed N] [--port N] [--seed N] [--log-labels promtail|app]
                      [--prometheus-config FILE] [--rules FILE] [--alertmanager HOST:PORT]
scenarios: ${SCENARIO_NAMES.join(', ')}
--log-labels app: log streams carry only app, cluster and pod (no job, namespace or level label)`;

function numberArg(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name} must be a number between ${min} and ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      speed: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      'prometheus-config': { type: 'string' },
      rules: { type: 'string' },
      alertmanager: { type: 'string' },
      'log-labels': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scenario = values.scenario ?? 'baseline';
  if (!isScenarioName(scenario)) throw new Error(`unknown scenario ${JSON.stringify(scenario)}\n${USAGE}`);
  const logLabels = values['log-labels'] ?? 'promtail';
  if (!isLogLabelStyle(logLabels)) throw new Error(`unknown --log-labels ${JSON.stringify(logLabels)}\n${USAGE}`);
  const lab = await startLab({
    logLabels,
    scenario,
    speed: numberArg('speed', values.speed, 1, 0, 10_000),
    port: numberArg('port', values.port, 9400, 0, 65_535),
    seed: numberArg('seed', values.seed, 42, 0, 2 ** 32 - 1),
  });
  console.log(`Pitwall lab: scenario ${scenario} — ${SCENARIOS[scenario].summary}`);
  console.log(`  metrics    ${lab.endpoints.metrics}`);
  console.log(`  dcgm only  ${lab.endpoints.dcgmMetrics}`);
  console.log(`  asynqmon   ${lab.endpoints.asynqmon}/queues`);
  console.log(`  loki       ${lab.endpoints.loki}/query_range   (ready: ${lab.url}/ready)`);
  console.log(
    `  control    GET ${lab.endpoints.control}/state, POST ${lab.endpoints.control}/scenario {"name","startInSec"}, /advance {"seconds"}, /speed {"speed"}`,
  );
  if (values['prometheus-config']) {
    const file = resolve(values['prometheus-config']);
    writeFileSync(
      file,
      prometheusConfigText({
        targets: [{ address: `127.0.0.1:${lab.port}`, cluster: 'pitwall-lab' }],
        ruleFiles: values.rules ? [resolve(values.rules)] : [],
        alertmanagers: values.alertmanager ? [values.alertmanager] : [],
      }),
    );
    console.log(`  prometheus config written to ${file}  (prometheus --config.file=${file})`);
  }
  const stop = () => {
    void lab.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
});
