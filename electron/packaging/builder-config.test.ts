import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');

/** PNG width and height from the IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema and names an app id, icons and a target per OS', async () => {
    const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    const targets = (t: unknown): string[] => (Array.isArray(t) ? t.map(String) : []);
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it('refuses a broken configuration (the check can fail)', async () => {
    const valid = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    const broken = { ...valid, notAnOption: true } as Parameters<typeof validateConfiguration>[0];
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/notAnOption/);
  });

  it('packs the files the build writes, with the main entry the shell is built to', () => {
    const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[]; extraMetadata: { main: string } };
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(config.files).toContain('dist/electron/**');
    expect(config.files).toContain('dist/renderer/**');
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
  });

  it('has every icon size made from the one SVG, square, at the sizes each OS asks for', () => {
    expect(existsSync(join(ROOT, 'assets', 'icon.svg'))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const file = join(ROOT, 'assets', 'icons', `${size}x${size}.png`);
      expect(pngSize(file)).toEqual([size, size]);
    }
  });
});
