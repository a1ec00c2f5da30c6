// Build everything `npm start` and the tests run: the renderer (Vite) and the main-process bundles (esbuild).
import { log, packageVersion, root, run } from './lib.mjs';

export async function build() {
  const { build: esbuild } = await import('esbuild');
  log('building renderer…');
  if ((await run('npx', ['vite', 'build', '--logLevel', 'warn'])) !== 0) throw new Error('renderer build failed');
  log('bundling main process…');
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    define: { PITWALL_VERSION: JSON.stringify(packageVersion()) },
    // Native and optional modules stay outside the bundle.
    external: ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate', 'playwright-core', 'chromium-bidi'],
  };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
    esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
    esbuild({ ...common, entryPoints: ['electron/server/serve-main.ts'], outfile: 'dist/serve.cjs' }),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build();
}
