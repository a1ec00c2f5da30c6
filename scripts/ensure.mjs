// Make a fresh checkout runnable: npm packages (with better-sqlite3 built for Node) and,
// when we can, the Debian packages the tests use. Called by `npm start` and `npm test`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { has, log, root, run } from './lib.mjs';

const NATIVE = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const DEBIAN = {
  chromium: 'chromium',
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  pdftoppm: 'poppler-utils',
};

export async function ensureNodeModules() {
  if (existsSync(NATIVE) && existsSync(join(root, 'node_modules', '.bin', 'vite'))) return;
  log('installing npm packages (better-sqlite3 compiles from source: a few minutes)…');
  // The Electron runtime is fetched separately below, so a machine that cannot download it still installs.
  const code = await run('npm', ['ci', '--no-audit', '--no-fund'], { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  if (code !== 0) throw new Error('npm ci failed; see the output above');
  const electron = await run('node', ['node_modules/electron/install.js'], { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  if (electron !== 0) log('the Electron runtime could not be downloaded; Pitwall will run in browser mode');
}

/** Install missing Debian packages when we are root on Debian; otherwise say what is missing. */
export async function ensureSystemPackages() {
  const missing = [
    ...new Set(
      Object.entries(DEBIAN)
        .filter(([cmd]) => !has(cmd) && !existsSync(`/usr/bin/${cmd}`))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (missing.length === 0) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && has('apt-get')) {
    log(`installing Debian packages: ${missing.join(' ')}`);
    await run('apt-get', ['update', '-qq']);
    const code = await run('apt-get', ['install', '-y', '-qq', ...missing], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
    if (code === 0) return;
  }
  log(`missing system packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  log('tests that need them will be skipped, each with its reason.');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await ensureNodeModules();
  await ensureSystemPackages();
}
