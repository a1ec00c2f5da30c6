// `npm run dist`: desktop packages for this OS (Linux: AppImage + deb; macOS: dmg; Windows: nsis),
// configured in electron-builder.yml, written to release/. electron-builder needs the Electron runtime
// (and downloads more of it); where that cannot be fetched this says so and exits cleanly.
import { build } from './build.mjs';
import { electronRuntime, log, run } from './lib.mjs';

const electron = electronRuntime();
if (!electron.path) {
  log(`cannot package here: ${electron.reason}.`);
  log('Packaging needs the Electron runtime and electron-builder downloads; run `npm run dist` on a machine with internet access.');
  process.exit(0);
}
await build();
const code = await run('npx', ['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never']);
process.exit(code);
