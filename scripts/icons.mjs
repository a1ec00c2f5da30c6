// Renders assets/icon.svg into the PNG icons electron-builder packages (assets/icons/): one SVG is the
// source, the PNGs are regenerated from it with the system Chromium. Run after editing the SVG:
//   node scripts/icons.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './lib.mjs';

const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const svg = readFileSync(join(root, 'assets', 'icon.svg'), 'utf8');
const out = join(root, 'assets', 'icons');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.PITWALL_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    // Linux icon sets are named by size; electron-builder turns the 1024 px one into .icns (macOS) and .ico (Windows).
    await page.screenshot({ path: join(out, `${size}x${size}.png`), omitBackground: true });
  }
} finally {
  await browser.close();
}
console.log(`icons written to ${out}`);
