import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../core/app';
import { findChromium } from '../platform/chromium-pdf-printer';
import { seedOomIncident, type OomIncident } from '../test-support/oom-incident';
import { tempDir } from '../test-support/temp-dir';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run pitwall -- …` as npm runs it: from the package folder, with the caller's folder in INIT_CWD. */
function pitwall(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, 'electron', 'cli', 'run.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const hash = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
let chromium = true;
try {
  findChromium();
} catch {
  chromium = false;
  console.warn('SKIP the command line PDF export: no Chromium found');
}

describe('npm run pitwall', () => {
  const data = tempDir();
  const out = tempDir();
  let inc: OomIncident;

  beforeAll(async () => {
    inc = await seedOomIncident(data.dir);
  }, 180_000);

  afterAll(() => {
    data.cleanup();
    out.cleanup();
  });

  it('lists the incidents of a data directory', async () => {
    const r = await pitwall(['list'], { PITWALL_DATA_DIR: data.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${inc.ref}\\s+SEV1 · P0\\s+resolved\\s+2026-03-14 09:21\\s+Dana Ops\\s+GPU OOM on gpu-node-01`));
  });

  it('exports Markdown and a bundle (and a PDF where Chromium is found), paths relative to where it was typed', async () => {
    const files = ['--md', 'r.md', '--bundle', 'r.pitwall.json', ...(chromium ? ['--pdf', 'r.pdf'] : [])];
    const r = await pitwall(['export', inc.ref, ...files], { PITWALL_DATA_DIR: data.dir, INIT_CWD: out.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Wrote ${join(out.dir, 'r.md')}`);
    expect(r.stderr).toContain('markdown: Laying out 22 timeline events');
    expect(readFileSync(join(out.dir, 'r.md'), 'utf8')).toMatch(/^# Incident report: INC-20260314-001/);
    expect(JSON.parse(readFileSync(join(out.dir, 'r.pitwall.json'), 'utf8'))).toMatchObject({
      format: 'pitwall.incident-bundle',
      version: 1,
    });
    if (chromium) expect(readFileSync(join(out.dir, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('imports a bundle into another data directory, once', async () => {
    const other = tempDir();
    try {
      const env = { PITWALL_DATA_DIR: other.dir, INIT_CWD: out.dir };
      const first = await pitwall(['import', 'r.pitwall.json'], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^Imported INC-20260314-001 \(22 timeline events, [\d,]+ samples in \d+ series\)\./);
      const again = await pitwall(['import', 'r.pitwall.json'], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('already here as INC-20260314-001');
      expect((await pitwall(['list'], env)).stdout.match(/INC-20260314-001/g)).toHaveLength(1);
    } finally {
      other.cleanup();
    }
  }, 60_000);

  it('refuses a damaged bundle in words, and a bad command or ref', async () => {
    const bad = join(out.dir, 'bad.json');
    writeFileSync(bad, readFileSync(join(out.dir, 'r.pitwall.json')).subarray(0, 5_000));
    const damaged = await pitwall(['import', bad], { PITWALL_DATA_DIR: data.dir });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/incomplete or damaged.*Nothing was imported\./);
    const unknown = await pitwall(['export', 'INC-20990101-001', '--md', 'x.md'], { PITWALL_DATA_DIR: data.dir, INIT_CWD: out.dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No incident INC-20990101-001 in this data directory.');
    const usage = await pitwall(['export', inc.ref], { PITWALL_DATA_DIR: data.dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('at least one of --pdf, --md, --bundle');
  }, 60_000);

  it('while Pitwall runs on the data directory it says so, how to export from the app, and writes nothing', async () => {
    const app = createCore({ dataDir: data.dir, mode: 'browser', version: 'test', poll: false });
    try {
      const db = join(data.dir, 'pitwall.db');
      const before = hash(db);
      const r = await pitwall(['export', inc.ref, '--md', 'locked.md'], { PITWALL_DATA_DIR: data.dir, INIT_CWD: out.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Pitwall is running (pid ${process.pid}) with the data directory ${data.dir}`);
      expect(r.stderr).toContain('press 5 (Report)');
      expect(existsSync(join(out.dir, 'locked.md'))).toBe(false);
      const imp = await pitwall(['import', join(out.dir, 'r.pitwall.json')], { PITWALL_DATA_DIR: data.dir });
      expect(imp.code).toBe(2);
      expect(hash(db)).toBe(before);
    } finally {
      await app.close();
    }
  }, 60_000);
});
