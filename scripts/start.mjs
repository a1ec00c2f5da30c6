// `npm start`: Electron when its runtime is present, otherwise browser mode (saying why).
// `npm run serve`: browser mode explicitly. Extra arguments go to browser mode (see --help).
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';
import { ensureNodeModules } from './ensure.mjs';
import { electronRuntime, log, root, run } from './lib.mjs';

const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

/**
 * better-sqlite3 in node_modules is built for Node (the tests need that). Electron has
 * its own ABI, so it gets a separate copy built for it under .electron-native/, passed to
 * the app as a nativeBinding path: starting the app never breaks `npm test`.
 */
async function electronNativeBinding() {
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const dir = join(root, '.electron-native', `better-sqlite3-electron-${version}`);
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  log(`building better-sqlite3 for Electron ${version} (once)…`);
  cpSync(join(root, 'node_modules', 'better-sqlite3'), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  const gyp = join(process.execPath, '..', '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const code = await run(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: dir },
  );
  return code === 0 && existsSync(binding) ? binding : null;
}

async function main() {
  await ensureNodeModules();
  await build();
  if (!browserOnly) {
    const electron = electronRuntime();
    if (electron.path) {
      const binding = await electronNativeBinding();
      if (binding) {
        process.exitCode = await run(electron.path, ['.', ...passThrough], { env: { PITWALL_NATIVE_BINDING: binding } });
        return;
      }
      log('could not build better-sqlite3 for Electron; starting browser mode instead');
    } else {
      log(`Electron cannot start here: ${electron.reason}. Starting browser mode instead.`);
    }
  }
  process.exitCode = await run(process.execPath, ['dist/serve.cjs', ...passThrough]);
}

main().catch((err) => {
  console.error(`[pitwall] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
