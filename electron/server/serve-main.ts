import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/app';
import { resolveDataDir } from '../core/data-dir';
import { startBrowserServer } from './browser-server';
import { attachDemoLab, type DemoLab } from './demo-lab';
import { testClockFromEnv } from './test-clock';

declare const PITWALL_VERSION: string;

const HELP = `Pitwall browser mode: serves the console to a local browser on 127.0.0.1.

Options:
  --port N          port to listen on (default: a free port)
  --data-dir DIR    where the database lives (default: $PITWALL_DATA_DIR or the OS user-data folder)
  --static DIR      built renderer to serve (default: dist/renderer)
  --no-lab          do not start the embedded demo lab
  --lab-port N      port for the demo lab (default: 9400, or a free port if taken)
  --lab-scenario S  scenario the demo lab starts in (default: gpu-oom, starting after 2 minutes of baseline)
  -h, --help        this text

The first run creates demo sources pointing at the lab, so the console has live data
without a Prometheus. They can be edited, disabled or deleted under Settings; once they
are all deleted, the lab is no longer started.`;

/** Entry point of `npm run serve` (bundled to dist/serve.cjs). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      static: { type: 'string' },
      'no-lab': { type: 'boolean' },
      'lab-port': { type: 'string' },
      'lab-scenario': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = values.port === undefined ? 0 : Number.parseInt(values.port, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const dataDir = resolve(values['data-dir'] ?? resolveDataDir());
  const clock = testClockFromEnv(process.env, process.stdin, process.stdout);
  const core = createCore({ dataDir, mode: 'browser', version: PITWALL_VERSION, ...(clock ? { now: () => clock.now() } : {}) });
  let lab: DemoLab | null;
  try {
    lab = await attachDemoLab(core, { disabled: values['no-lab'] === true, port: values['lab-port'], scenario: values['lab-scenario'] });
  } catch (err) {
    await core.close();
    throw err;
  }
  const server = await startBrowserServer({
    core,
    staticRoot: resolve(values.static ?? 'dist/renderer'),
    port,
    ...(process.env.PITWALL_TOKEN ? { token: process.env.PITWALL_TOKEN } : {}),
  });
  console.log(`Pitwall ${PITWALL_VERSION} (browser mode) — data in ${dataDir}`);
  if (lab) console.log(`Demo lab: ${lab.url} (${lab.describe})`);
  console.log(`Open: ${server.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void server.close().finally(async () => {
      await core.close();
      await lab?.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Pitwall could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
