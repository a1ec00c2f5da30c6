import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the Electron runtime would be, or why it is not usable on this machine. */
function electronBinary(): { path: string | null; reason: string } {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return { path: null, reason: 'the Electron runtime was never downloaded (npm could not fetch it on this machine)' };
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(bin)) return { path: null, reason: `the Electron binary ${bin} is missing` };
  if (process.platform === 'linux' && !process.env.DISPLAY) return { path: null, reason: 'no X display (run under xvfb-run)' };
  return { path: bin, reason: '' };
}

const runtime = electronBinary();

test('the desktop shell opens the console with the bridge and a locked-down window', async () => {
  if (!runtime.path) console.log(`[electron-launch] skipped: ${runtime.reason}`);
  test.skip(!runtime.path, runtime.reason);
  const app = await electron.launch({
    executablePath: runtime.path ?? undefined,
    args: [ROOT],
    env: { ...process.env, PITWALL_DATA_DIR: join(ROOT, 'test-results', `electron-${Date.now()}`) },
  });
  const page = await app.firstWindow();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (window as unknown as { pitwall?: unknown }).pitwall)).toBe('object');
  await app.close();
});
