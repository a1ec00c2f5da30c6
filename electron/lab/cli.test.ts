import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasBinary, http, waitFor } from './test-support.js';

const CLI = new URL('./cli.ts', import.meta.url).pathname;
const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'pitwall-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run lab (cli.ts)', () => {
  it('prints its endpoints, serves them, and writes a Prometheus config', async () => {
    const configFile = join(dir, 'prometheus.yml');
    const child = spawn(
      TSX,
      [CLI, '--scenario', 'gpu-oom', '--speed', '10', '--port', '0', '--seed', '7', '--prometheus-config', configFile],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const metricsUrl = await waitFor(
        'endpoints printed',
        () => Promise.resolve(/metrics\s+(http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(out)?.[1]),
        20_000,
        100,
      );
      await waitFor('config written', () => Promise.resolve(out.includes('prometheus config written') ? true : undefined), 5_000, 100);
      const metrics = await http(metricsUrl);
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain('DCGM_FI_DEV_FB_USED{');
      const config = JSON.parse(readFileSync(configFile, 'utf8')) as { scrape_configs: { static_configs: { targets: string[] }[] }[] };
      expect(config.scrape_configs[0]?.static_configs[0]?.targets[0]).toBe(new URL(metricsUrl).host);
      if (hasBinary('promtool')) expect(spawnSync('promtool', ['check', 'config', configFile]).status).toBe(0);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 30_000);

  it('rejects an unknown scenario with a usage message', () => {
    const r = spawnSync(TSX, [CLI, '--scenario', 'volcano', '--port', '0'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown scenario "volcano"');
  });
});
